import type { Database } from 'better-sqlite3'
import type { Admin, Kafka } from 'kafkajs'
import type { z } from 'zod'
import { ApiError } from '../../shared/api-error'
import type { KafkaBrowsePage, KafkaBrowseRequest, KafkaTailStatus } from '../../shared/kafka'
import { KafkaFetcher } from '../brokers/kafka/kafka-fetcher'
import { kafkaReason } from '../brokers/kafka/kafka-link'
import type { HistoryStore } from '../history/history-store'
import { summarize } from '../history/message-record'
import type { Ingest } from '../ingest/ingest'
import { readForward, readNewest, startOffsets } from './kafka-page-reader'
import { KafkaRecordIntake } from './kafka-record-intake'
import { recordFilter } from './kafka-record-filter'
import { KafkaStoredOffsets } from './kafka-stored-offsets'
import { KafkaTail } from './kafka-tail'

export type KafkaBrowseQuery = z.output<typeof KafkaBrowseRequest>

/** A profile's browse fetcher (its connections) is closed after this long unused. */
const FETCHER_IDLE_MS = 60_000
/** Finished tails listed, newest kept. */
const FINISHED_TAILS_KEPT = 20

interface SharedFetcher {
  kafka: Kafka
  fetcher: KafkaFetcher
  users: number
  idle: NodeJS.Timeout | null
}

/**
 * Reading Kafka records without a consumer group: pages on request (`browse`) and live tails. What
 * is read goes through Ingest into the tree and the history, once per record (KafkaRecordIntake).
 * Browses of a profile share one fetcher; each tail has its own, since its long poll would hold up
 * a browse's fetch on a shared connection.
 */
export class KafkaBrowseService {
  private readonly fetchers = new Map<string, SharedFetcher>()
  private readonly tails = new Map<string, KafkaTail>()
  private readonly intake: KafkaRecordIntake
  private nextTail = 1
  private closed = false

  constructor(
    private readonly kafkaOf: (profileId: string) => { kafka: Kafka; admin: Admin },
    ingest: Ingest,
    history: HistoryStore,
    private readonly onTail: (status: KafkaTailStatus) => void,
    /**
     * The history's database, read for the offsets stored already. The composition root does not
     * pass it (yet): until it does, it is the history store's own connection.
     */
    db: Database = (history as unknown as { db: Database }).db,
  ) {
    this.intake = new KafkaRecordIntake(ingest, history, new KafkaStoredOffsets(db))
  }

  async browse(request: KafkaBrowseQuery): Promise<KafkaBrowsePage> {
    const { profileId, topic, from, limit } = request
    const match = recordFilter(request.filter)
    const read = await this.withFetcher(profileId, async (fetcher) => {
      const all = await fetcher.partitions(topic)
      const asked =
        request.partitions ?? (from.kind === 'offset' ? from.offsets.map((o) => o.partition) : all)
      const partitions = [...new Set(asked)].sort((a, b) => a - b)
      checkPartitions(topic, all, partitions)
      const watermarks = await fetcher.watermarks(topic, partitions)
      if (from.kind === 'end') return readNewest(fetcher, topic, watermarks, limit, match)
      const starts = await startOffsets(fetcher, topic, from, watermarks)
      return readForward(fetcher, topic, starts, limit, match)
    })
    const records = this.intake.take(profileId, topic, read.records)
    return {
      records: records.map(summarize),
      next: read.next,
      scanned: read.scanned,
      reachedEnd: read.reachedEnd,
    }
  }

  async startTail(profileId: string, topic: string, partitions: number[] | null): Promise<KafkaTailStatus> {
    // Checked here for the errors a caller should get (no such topic, or partition).
    await this.withFetcher(profileId, async (fetcher) =>
      checkPartitions(topic, await fetcher.partitions(topic), partitions ?? []),
    )
    const tail = new KafkaTail(
      `tail-${this.nextTail++}`,
      profileId,
      topic,
      partitions,
      () => this.kafkaOf(profileId).kafka,
      this.intake,
      this.onTail,
    )
    this.tails.set(tail.status.id, tail)
    void tail.done.then(() => this.forgetOldTails())
    // Answer once the tail knows where it starts: what is produced after this call is followed.
    await tail.started
    if (tail.status.state === 'failed') {
      this.tails.delete(tail.status.id)
      throw new ApiError('unavailable', tail.status.error ?? 'The tail could not start')
    }
    this.onTail({ ...tail.status })
    return { ...tail.status }
  }

  stopTail(id: string): KafkaTailStatus {
    const tail = this.tails.get(id)
    if (!tail) throw new ApiError('not_found', `No Kafka tail ${id}`)
    return tail.stop()
  }

  listTails(): KafkaTailStatus[] {
    return [...this.tails.values()].map((t) => ({ ...t.status }))
  }

  async close(): Promise<void> {
    this.closed = true
    const tails = [...this.tails.values()]
    for (const t of tails) t.stop()
    await Promise.all(tails.map((t) => t.done.catch(() => undefined)))
    for (const entry of this.fetchers.values()) {
      if (entry.idle) clearTimeout(entry.idle)
      await entry.fetcher.close()
    }
    this.fetchers.clear()
  }

  /** Runs `fn` with the profile's browse fetcher, made anew when the profile's link changed. */
  private async withFetcher<T>(profileId: string, fn: (fetcher: KafkaFetcher) => Promise<T>): Promise<T> {
    if (this.closed) throw new ApiError('unavailable', 'Closing')
    const { kafka } = this.kafkaOf(profileId)
    let entry = this.fetchers.get(profileId)
    if (entry && entry.kafka !== kafka) {
      this.drop(profileId, entry)
      entry = undefined
    }
    if (!entry) {
      entry = { kafka, fetcher: new KafkaFetcher(kafka), users: 0, idle: null }
      this.fetchers.set(profileId, entry)
    }
    const e = entry
    e.users++
    if (e.idle) clearTimeout(e.idle)
    e.idle = null
    try {
      return await fn(e.fetcher)
    } catch (err) {
      if (err instanceof ApiError) throw err
      // A broken connection is made anew on the next browse.
      this.drop(profileId, e)
      throw new ApiError('unavailable', kafkaReason(err))
    } finally {
      e.users--
      if (e.users === 0) {
        if (this.fetchers.get(profileId) !== e) void e.fetcher.close()
        else {
          e.idle = setTimeout(() => this.drop(profileId, e), FETCHER_IDLE_MS)
          e.idle.unref()
        }
      }
    }
  }

  /** Forgets a fetcher; it is closed now, or when the browses still on it are done. */
  private drop(profileId: string, entry: SharedFetcher): void {
    if (this.fetchers.get(profileId) === entry) this.fetchers.delete(profileId)
    if (entry.idle) clearTimeout(entry.idle)
    entry.idle = null
    if (entry.users === 0) void entry.fetcher.close()
  }

  private forgetOldTails(): void {
    const finished = [...this.tails.values()].filter((t) => t.status.state !== 'running')
    for (const t of finished.slice(0, Math.max(0, finished.length - FINISHED_TAILS_KEPT)))
      this.tails.delete(t.status.id)
  }
}

function checkPartitions(topic: string, all: number[], asked: number[]): void {
  const missing = asked.filter((p) => !all.includes(p))
  if (missing.length > 0)
    throw new ApiError(
      'invalid_input',
      `${topic} has no partition ${missing.join(', ')} (it has ${all.length})`,
    )
}
