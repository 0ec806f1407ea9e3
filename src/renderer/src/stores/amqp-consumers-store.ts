import { create } from 'zustand'
import type { AmqpConsumerStatus } from '../../../shared/amqp'
import { api } from '../api/client'

/**
 * The core's AMQP consumers and taps (every profile's), by id, kept current by `amqp.consumer`
 * events. A list answer can arrive after an event it predates: an older status never replaces a
 * newer one.
 */

const FINAL: ReadonlySet<AmqpConsumerStatus['state']> = new Set(['stopped', 'failed'])

function progress(s: AmqpConsumerStatus): number {
  return s.delivered + s.acked + s.nacked
}

/**
 * Whether `next` is newer than `current`. Counters only grow, and a stopped or failed consumer
 * never comes back: a status with fewer messages, or a live one after a final one, is older.
 * Otherwise the later arrival wins (restoring ↔ active keeps the counters).
 */
export function newerConsumer(current: AmqpConsumerStatus | undefined, next: AmqpConsumerStatus): boolean {
  if (!current) return true
  if (FINAL.has(current.state) && !FINAL.has(next.state)) return false
  return progress(next) >= progress(current)
}

const ORDER: Record<AmqpConsumerStatus['state'], number> = { active: 0, restoring: 1, failed: 2, stopped: 3 }

/** A profile's consumers: running ones first, then the newest. */
export function consumersOf(
  byId: Record<string, AmqpConsumerStatus>,
  profileId: string,
  dismissed: ReadonlySet<string> = new Set(),
): AmqpConsumerStatus[] {
  return Object.values(byId)
    .filter((s) => s.profileId === profileId && !dismissed.has(s.id))
    .sort((a, b) => ORDER[a.state] - ORDER[b.state] || b.startedAt - a.startedAt)
}

interface AmqpConsumersStore {
  byId: Record<string, AmqpConsumerStatus>
  /** Finished consumers the user cleared from the list. */
  dismissed: ReadonlySet<string>
  load(): Promise<void>
  apply(status: AmqpConsumerStatus): void
  dismiss(id: string): void
}

export const useAmqpConsumersStore = create<AmqpConsumersStore>()((set, get) => ({
  byId: {},
  dismissed: new Set(),
  async load() {
    const list = await api().listAmqpConsumers()
    const byId = { ...get().byId }
    for (const s of list) if (newerConsumer(byId[s.id], s)) byId[s.id] = s
    set({ byId })
  },
  apply(status) {
    if (!newerConsumer(get().byId[status.id], status)) return
    set({ byId: { ...get().byId, [status.id]: status } })
  },
  dismiss(id) {
    set({ dismissed: new Set([...get().dismissed, id]) })
  },
}))

export function useAmqpConsumer(id: string | null): AmqpConsumerStatus | null {
  return useAmqpConsumersStore((s) => (id === null ? null : (s.byId[id] ?? null)))
}
