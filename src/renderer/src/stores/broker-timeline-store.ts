import { create } from 'zustand'
import type { BrokerEvent } from '../../../shared/built-in-broker'
import { api } from '../api/client'
import { groupByClient, KEEP_EVENTS, mergeEvents } from '../features/built-in-broker/timeline-merge'

/**
 * Timelines of the client ids the user has opened: read once, then grown by `broker.events` batches.
 * A client id is followed from the moment its read starts, so a batch that lands while the read is
 * under way is kept, and the read and the batch are merged by id. Batches for client ids nobody
 * opened are not kept: opening one reads what the core holds.
 */

export interface ClientTimeline {
  events: BrokerEvent[]
  loading: boolean
  error: string | null
}

interface BrokerTimelineState {
  byClient: Record<string, ClientTimeline>
  load(clientId: string): Promise<void>
  /** Reads every opened timeline again (after the host link came back: batches may have been lost). */
  reloadOpen(): Promise<void>
  apply(events: readonly BrokerEvent[]): void
}

const EMPTY: ClientTimeline = { events: [], loading: false, error: null }

export const useBrokerTimelineStore = create<BrokerTimelineState>()((set, get) => {
  const patch = (clientId: string, p: Partial<ClientTimeline>) => {
    const current = get().byClient[clientId] ?? EMPTY
    set({ byClient: { ...get().byClient, [clientId]: { ...current, ...p } } })
  }
  return {
    byClient: {},
    async load(clientId) {
      patch(clientId, { loading: true })
      try {
        const read = await api().getBrokerTimeline({ clientId, limit: KEEP_EVENTS })
        const held = get().byClient[clientId]?.events ?? []
        patch(clientId, { events: mergeEvents(held, read), loading: false, error: null })
      } catch (err) {
        patch(clientId, { loading: false, error: err instanceof Error ? err.message : String(err) })
      }
    },
    async reloadOpen() {
      await Promise.all(Object.keys(get().byClient).map((clientId) => get().load(clientId)))
    },
    apply(events) {
      const byClient = get().byClient
      let next: Record<string, ClientTimeline> | null = null
      for (const [clientId, batch] of groupByClient(events)) {
        const current = byClient[clientId]
        if (!current) continue
        next ??= { ...byClient }
        next[clientId] = { ...current, events: mergeEvents(current.events, batch) }
      }
      if (next) set({ byClient: next })
    },
  }
})

export function useClientTimeline(clientId: string | null): ClientTimeline {
  return useBrokerTimelineStore((s) => (clientId === null ? EMPTY : (s.byClient[clientId] ?? EMPTY)))
}
