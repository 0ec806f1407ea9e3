import { create } from 'zustand'
import type { AmqpNotice } from '../../../shared/amqp'
import { api } from '../api/client'

/**
 * What each AMQP connection reported (alarms, closed channels, losses, restores): the core keeps the
 * last 200 per profile and sends each as an `amqp.notice` event; the list read on opening and the
 * events are merged by id, so one seen twice is shown once.
 */

export const KEEP_NOTICES = 200

/** Merged by id, oldest first, the newest `KEEP_NOTICES` kept. */
export function mergeNotices(current: readonly AmqpNotice[], incoming: readonly AmqpNotice[]): AmqpNotice[] {
  const byId = new Map<number, AmqpNotice>()
  for (const n of current) byId.set(n.id, n)
  for (const n of incoming) byId.set(n.id, n)
  return [...byId.values()].sort((a, b) => a.id - b.id).slice(-KEEP_NOTICES)
}

/**
 * The alarm in force: the last `blocked` with no `unblocked` after it. A lost connection ends it
 * too: the next connection is only blocked if the broker says so again.
 */
export function blockedNotice(notices: readonly AmqpNotice[]): AmqpNotice | null {
  for (let i = notices.length - 1; i >= 0; i--) {
    const n = notices[i]!
    if (n.kind === 'blocked') return n
    if (n.kind === 'unblocked' || n.kind === 'connection-lost') return null
  }
  return null
}

interface AmqpNoticesStore {
  byProfile: Record<string, AmqpNotice[]>
  load(profileId: string): Promise<void>
  apply(notice: AmqpNotice): void
}

export const useAmqpNoticesStore = create<AmqpNoticesStore>()((set, get) => ({
  byProfile: {},
  async load(profileId) {
    const list = await api().listAmqpNotices({ profileId })
    set({
      byProfile: { ...get().byProfile, [profileId]: mergeNotices(get().byProfile[profileId] ?? [], list) },
    })
  },
  apply(notice) {
    const current = get().byProfile[notice.profileId] ?? []
    set({ byProfile: { ...get().byProfile, [notice.profileId]: mergeNotices(current, [notice]) } })
  },
}))

const NONE: AmqpNotice[] = []

export function useAmqpNotices(profileId: string): AmqpNotice[] {
  return useAmqpNoticesStore((s) => s.byProfile[profileId] ?? NONE)
}
