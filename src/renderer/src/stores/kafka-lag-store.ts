import { create } from 'zustand'
import type { KafkaLagHistory, KafkaLagSample } from '../../../shared/kafka'
import { api } from '../api/client'
import { mergeSamples } from '../features/kafka/lag-series'

/**
 * The lag history of each consumer group the user has open: the samples stored by the core (read
 * with `getKafkaLagHistory`, kept across restarts) plus the live `kafka.lag` events of a watch, and
 * the watch's interval. Groups nobody opened keep nothing here.
 */

export interface GroupLag {
  samples: KafkaLagSample[]
  /** The core's rate and estimate from the last history read (the chart computes live ones too). */
  ratePerSecond: number | null
  etaSeconds: number | null
  /** The core's live watch of this group, or null. */
  watchIntervalMs: number | null
  /** The window read: samples from this time on (null: all). */
  since: number | null
  loading: boolean
  error: string | null
}

export function lagKey(profileId: string, groupId: string): string {
  return `${profileId}\u0000${groupId}`
}

const START: GroupLag = {
  samples: [],
  ratePerSecond: null,
  etaSeconds: null,
  watchIntervalMs: null,
  since: null,
  loading: false,
  error: null,
}

/** A history read replaces what was kept in its window and keeps live samples newer than it. */
export function withHistory(current: GroupLag, history: KafkaLagHistory, since: number | null): GroupLag {
  const newest = history.samples[history.samples.length - 1]?.at ?? -Infinity
  const live = current.samples.filter((s) => s.at > newest && (since === null || s.at >= since))
  return {
    ...current,
    samples: mergeSamples(history.samples, live),
    ratePerSecond: history.ratePerSecond,
    etaSeconds: history.etaSeconds,
    watchIntervalMs: history.watchIntervalMs,
    since,
    loading: false,
    error: null,
  }
}

interface KafkaLagState {
  byGroup: Record<string, GroupLag>
  /** Reads the stored history from `since` (null: all of it). */
  load(profileId: string, groupId: string, since: number | null): Promise<void>
  /** A `kafka.lag` event: kept only for groups that are open. */
  apply(profileId: string, groupId: string, sample: KafkaLagSample): void
  /** Starts, changes or (null) stops the core's watch of a group. */
  watch(profileId: string, groupId: string, intervalMs: number | null): Promise<void>
  /** The group is closed: its samples go. */
  drop(profileId: string, groupId: string): void
}

export const useKafkaLagStore = create<KafkaLagState>()((set, get) => {
  function put(key: string, value: GroupLag) {
    set({ byGroup: { ...get().byGroup, [key]: value } })
  }
  return {
    byGroup: {},
    async load(profileId, groupId, since) {
      const key = lagKey(profileId, groupId)
      put(key, { ...(get().byGroup[key] ?? START), loading: true, since })
      try {
        const history = await api().getKafkaLagHistory({ profileId, groupId, since })
        const current = get().byGroup[key]
        // closed meanwhile, or another window asked for since
        if (!current || current.since !== since) return
        put(key, withHistory(current, history, since))
      } catch (err) {
        const current = get().byGroup[key]
        if (current)
          put(key, { ...current, loading: false, error: err instanceof Error ? err.message : String(err) })
      }
    },
    apply(profileId, groupId, sample) {
      const key = lagKey(profileId, groupId)
      const current = get().byGroup[key]
      if (!current) return
      put(key, { ...current, samples: mergeSamples(current.samples, [sample]) })
    },
    async watch(profileId, groupId, intervalMs) {
      const key = lagKey(profileId, groupId)
      const history = await api().watchKafkaLag({ profileId, groupId, intervalMs })
      const current = get().byGroup[key]
      if (!current) return
      // the answer holds the stored samples too: keep the window the chart shows
      const inWindow = history.samples.filter((s) => current.since === null || s.at >= current.since)
      put(key, {
        ...current,
        samples: mergeSamples(current.samples, inWindow),
        watchIntervalMs: history.watchIntervalMs,
      })
    },
    drop(profileId, groupId) {
      const next = { ...get().byGroup }
      delete next[lagKey(profileId, groupId)]
      set({ byGroup: next })
    },
  }
})

export function useGroupLag(profileId: string, groupId: string): GroupLag {
  return useKafkaLagStore((s) => s.byGroup[lagKey(profileId, groupId)] ?? START)
}
