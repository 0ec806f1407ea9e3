import type { KafkaGroupDetail, KafkaLagHistory, KafkaLagSample } from '../../shared/kafka'
import { lagRate, RATE_MIN_SAMPLES, RATE_WINDOW_MS } from '../../shared/lag-rate'
import type { LagStore } from './lag-store'

interface Watch {
  profileId: string
  groupId: string
  intervalMs: number
  timer: NodeJS.Timeout
  /** A sample is being taken: the next tick does not start another one beside it. */
  busy: boolean
}

/**
 * Watches consumer groups' lag: a sample at once and then every interval, stored (LagStore) and
 * sent out (`onSample`), with the catch-up rate and estimate computed from the stored samples.
 *
 * Watches live in memory only: after a restart nothing samples until the user watches again, since
 * sampling a cluster the user did not ask about (perhaps not even connected) at start would surprise.
 * The samples themselves persist, so the history and its rate are there again after a restart.
 */
export class LagSampler {
  private readonly watches = new Map<string, Watch>()
  private closed = false

  constructor(
    private readonly store: LagStore,
    private readonly describe: (profileId: string, groupId: string) => Promise<KafkaGroupDetail>,
    private readonly onSample: (profileId: string, groupId: string, sample: KafkaLagSample) => void,
  ) {}

  history(profileId: string, groupId: string, since: number | null): KafkaLagHistory {
    const samples = this.store.list(profileId, groupId, since)
    // The rate comes from the newest samples whatever `since` asks: a short view still gets it.
    // Watches sample at most once a second (the API's minimum), so this many cover the window.
    const recent = this.store.list(
      profileId,
      groupId,
      null,
      Math.max(RATE_MIN_SAMPLES, RATE_WINDOW_MS / 1000),
    )
    return {
      samples,
      ...lagRate(recent),
      watchIntervalMs: this.watches.get(key(profileId, groupId))?.intervalMs ?? null,
    }
  }

  /** Starts (or changes the interval of) a group's watch; null stops it. Samples at once. */
  watch(profileId: string, groupId: string, intervalMs: number | null): KafkaLagHistory {
    const k = key(profileId, groupId)
    const existing = this.watches.get(k)
    if (existing) {
      clearInterval(existing.timer)
      this.watches.delete(k)
    }
    if (intervalMs !== null && !this.closed) {
      const w: Watch = {
        profileId,
        groupId,
        intervalMs,
        busy: false,
        timer: setInterval(() => void this.sample(w), intervalMs),
      }
      w.timer.unref()
      this.watches.set(k, w)
      void this.sample(w)
    }
    return this.history(profileId, groupId, null)
  }

  close(): void {
    this.closed = true
    for (const w of this.watches.values()) clearInterval(w.timer)
    this.watches.clear()
  }

  /**
   * One sample. A failure (not connected, the group gone, a broker error) is skipped: the next tick
   * tries again, and a watch never takes the app down.
   */
  private async sample(w: Watch): Promise<void> {
    if (w.busy) return
    w.busy = true
    try {
      const detail = await this.describe(w.profileId, w.groupId)
      if (this.watches.get(key(w.profileId, w.groupId)) !== w) return
      const sample: KafkaLagSample = {
        at: Date.now(),
        totalLag: detail.totalLag,
        partitions: detail.offsets.map((o) => ({ topic: o.topic, partition: o.partition, lag: o.lag })),
      }
      this.store.add(w.profileId, w.groupId, sample)
      this.onSample(w.profileId, w.groupId, sample)
    } catch {
      // skipped; see above
    } finally {
      w.busy = false
    }
  }
}

function key(profileId: string, groupId: string): string {
  return `${profileId}\u0000${groupId}`
}
