import { create } from 'zustand'
import type { SubscriptionStatus } from '../../../shared/subscriptions'
import { api } from '../api/client'

interface SubscriptionsState {
  byProfile: Record<string, SubscriptionStatus[]>
  loadError: Record<string, string | null>
  load(profileId: string): Promise<void>
  /** A list from `subscriptions.changed` or an answer: the core's word replaces ours. */
  apply(profileId: string, list: SubscriptionStatus[]): void
  /** One status from `subscribe`'s answer, before the change event arrives. */
  upsert(profileId: string, status: SubscriptionStatus): void
  remove(profileId: string, filter: string): void
}

/** The MQTT subscriptions of each profile with the broker's answer to each. */
export const useSubscriptionsStore = create<SubscriptionsState>()((set, get) => ({
  byProfile: {},
  loadError: {},
  async load(profileId) {
    try {
      const list = await api().listSubscriptions({ profileId })
      set({
        byProfile: { ...get().byProfile, [profileId]: list },
        loadError: { ...get().loadError, [profileId]: null },
      })
    } catch (err) {
      set({
        loadError: { ...get().loadError, [profileId]: err instanceof Error ? err.message : String(err) },
      })
    }
  },
  apply(profileId, list) {
    set({ byProfile: { ...get().byProfile, [profileId]: list } })
  },
  upsert(profileId, status) {
    const list = get().byProfile[profileId] ?? []
    const i = list.findIndex((s) => s.filter === status.filter)
    const next = i < 0 ? [...list, status] : list.map((s, k) => (k === i ? status : s))
    set({ byProfile: { ...get().byProfile, [profileId]: next } })
  },
  remove(profileId, filter) {
    const list = get().byProfile[profileId] ?? []
    set({ byProfile: { ...get().byProfile, [profileId]: list.filter((s) => s.filter !== filter) } })
  },
}))

const NONE: SubscriptionStatus[] = []

export function useSubscriptions(profileId: string): SubscriptionStatus[] {
  return useSubscriptionsStore((s) => s.byProfile[profileId] ?? NONE)
}
