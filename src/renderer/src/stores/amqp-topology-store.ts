import { create } from 'zustand'
import type { AmqpTopology } from '../../../shared/amqp'
import { api } from '../api/client'

/**
 * An AMQP profile's topology as last read (polled every few seconds while its workspace is open).
 * A failed read keeps the last good topology on screen and says why it could not be refreshed: one
 * timeout must not blank the lists. A read that another read overtook is dropped.
 */

export interface TopologyState {
  /** The last topology read successfully. */
  data: AmqpTopology | null
  /** When `data` was read (ms). */
  at: number | null
  /** Why the latest read failed; null once a read succeeds again. */
  error: string | null
  failedAt: number | null
  loading: boolean
}

export const NO_TOPOLOGY: TopologyState = {
  data: null,
  at: null,
  error: null,
  failedAt: null,
  loading: false,
}

export type ReadOutcome =
  { ok: true; data: AmqpTopology; at: number } | { ok: false; error: string; at: number }

/** The state after a read: a success replaces everything, a failure only adds its reason. */
export function afterRead(prev: TopologyState, outcome: ReadOutcome): TopologyState {
  return outcome.ok
    ? { data: outcome.data, at: outcome.at, error: null, failedAt: null, loading: false }
    : { ...prev, error: outcome.error, failedAt: outcome.at, loading: false }
}

interface AmqpTopologyStore {
  byProfile: Record<string, TopologyState>
  load(profileId: string): Promise<void>
}

const generation = new Map<string, number>()

export const useAmqpTopologyStore = create<AmqpTopologyStore>()((set, get) => {
  const put = (profileId: string, next: TopologyState) =>
    set({ byProfile: { ...get().byProfile, [profileId]: next } })
  const current = (profileId: string) => get().byProfile[profileId] ?? NO_TOPOLOGY
  return {
    byProfile: {},
    async load(profileId) {
      const mine = (generation.get(profileId) ?? 0) + 1
      generation.set(profileId, mine)
      put(profileId, { ...current(profileId), loading: true })
      let outcome: ReadOutcome
      try {
        outcome = { ok: true, data: await api().amqpTopology({ profileId }), at: Date.now() }
      } catch (err) {
        outcome = { ok: false, error: err instanceof Error ? err.message : String(err), at: Date.now() }
      }
      if (generation.get(profileId) !== mine) return
      put(profileId, afterRead(current(profileId), outcome))
    },
  }
})

export function useAmqpTopology(profileId: string): TopologyState {
  return useAmqpTopologyStore((s) => s.byProfile[profileId] ?? NO_TOPOLOGY)
}
