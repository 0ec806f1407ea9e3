import { create } from 'zustand'
import type { AmqpConsumerStatus, SettleAmqp } from '../../../shared/amqp'
import type { MessageSummary } from '../../../shared/messages'
import { api } from '../api/client'
import { useAmqpConsumersStore } from './amqp-consumers-store'

/**
 * The messages a manual-ack consumer holds for the user, for the consumers whose list is open.
 * Read with `listAmqpPending` when opened and again when an `amqp.consumer` event says the pending
 * count moved; settled ones leave the list at once, from the settle's own answer.
 */

export interface PendingList {
  messages: MessageSummary[]
  /** The message shown whole. */
  selected: number | null
  loading: boolean
  error: string | null
  /** The consumer status the list was read for (its pending and delivered counts). */
  readFor: { pending: number; delivered: number } | null
}

export const NO_PENDING: PendingList = {
  messages: [],
  selected: null,
  loading: false,
  error: null,
  readFor: null,
}

/** The list without the given ids (null: all of them), the selection moved to a neighbour if it left. */
export function withoutSettled(list: PendingList, ids: readonly number[] | null): PendingList {
  if (ids === null) return { ...list, messages: [], selected: null }
  const gone = new Set(ids)
  const messages = list.messages.filter((m) => !gone.has(m.id))
  return { ...list, messages, selected: selectionAfter(list.messages, list.selected, gone) }
}

/** The selected message, or the next one still pending after it (else the one before). */
export function selectionAfter(
  before: readonly MessageSummary[],
  selected: number | null,
  gone: ReadonlySet<number>,
): number | null {
  if (selected === null || !gone.has(selected)) return selected
  const at = before.findIndex((m) => m.id === selected)
  for (let i = at + 1; i < before.length; i++) if (!gone.has(before[i]!.id)) return before[i]!.id
  for (let i = at - 1; i >= 0; i--) if (!gone.has(before[i]!.id)) return before[i]!.id
  return null
}

/** A status says the list on screen is out of date: the pending or delivered count moved since. */
export function pendingStale(list: PendingList, status: AmqpConsumerStatus): boolean {
  if (list.readFor === null) return true
  return list.readFor.pending !== status.pending || list.readFor.delivered !== status.delivered
}

interface AmqpPendingStore {
  byConsumer: Record<string, PendingList>
  load(consumerId: string): Promise<void>
  select(consumerId: string, messageId: number | null): void
  /** A consumer's new status: reloads its open list when the counts moved. */
  onStatus(status: AmqpConsumerStatus): void
  /** Acks or nacks; resolves with the broker's count, rejects with its reason. */
  settle(request: SettleAmqp): Promise<{ settled: number; missing: number[] }>
  close(consumerId: string): void
}

const generation = new Map<string, number>()

export const useAmqpPendingStore = create<AmqpPendingStore>()((set, get) => {
  const current = (id: string) => get().byConsumer[id] ?? NO_PENDING
  const put = (id: string, list: PendingList) => set({ byConsumer: { ...get().byConsumer, [id]: list } })
  return {
    byConsumer: {},
    async load(consumerId) {
      const mine = (generation.get(consumerId) ?? 0) + 1
      generation.set(consumerId, mine)
      const status = useAmqpConsumersStore.getState().byId[consumerId]
      put(consumerId, { ...current(consumerId), loading: true })
      try {
        const messages = await api().listAmqpPending({ id: consumerId })
        if (generation.get(consumerId) !== mine) return
        const before = current(consumerId)
        const kept = before.selected !== null && messages.some((m) => m.id === before.selected)
        put(consumerId, {
          messages,
          selected: kept ? before.selected : (messages[0]?.id ?? null),
          loading: false,
          error: null,
          readFor: status ? { pending: status.pending, delivered: status.delivered } : null,
        })
        // an event that came while this read was under way is not in it
        const now = useAmqpConsumersStore.getState().byId[consumerId]
        if (now && status && pendingStale(current(consumerId), now)) void get().load(consumerId)
      } catch (err) {
        if (generation.get(consumerId) !== mine) return
        put(consumerId, {
          ...current(consumerId),
          loading: false,
          error: err instanceof Error ? err.message : String(err),
        })
      }
    },
    select(consumerId, messageId) {
      put(consumerId, { ...current(consumerId), selected: messageId })
    },
    onStatus(status) {
      const list = get().byConsumer[status.id]
      if (list && !list.loading && pendingStale(list, status)) void get().load(status.id)
    },
    async settle(request) {
      const result = await api().settleAmqp(request)
      const ids = request.messageIds ?? null
      const list = current(request.consumerId)
      const next = withoutSettled(list, ids)
      put(request.consumerId, {
        ...next,
        readFor: { pending: result.status.pending, delivered: result.status.delivered },
      })
      useAmqpConsumersStore.getState().apply(result.status)
      // more arrived meanwhile (the prefetch window moved on): read them
      if (next.messages.length !== result.status.pending) void get().load(request.consumerId)
      return { settled: result.settled, missing: result.missing }
    },
    close(consumerId) {
      generation.set(consumerId, (generation.get(consumerId) ?? 0) + 1)
      const rest = { ...get().byConsumer }
      delete rest[consumerId]
      set({ byConsumer: rest })
    },
  }
})

export function usePendingList(consumerId: string | null): PendingList {
  return useAmqpPendingStore((s) =>
    consumerId === null ? NO_PENDING : (s.byConsumer[consumerId] ?? NO_PENDING),
  )
}
