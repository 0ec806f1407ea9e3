import { create } from 'zustand'
import type { PublishLogEntry } from '../../../shared/publish'
import { api } from '../api/client'

/** Rows asked for and kept per connection (the core keeps more; the newest matter here). */
export const LOG_LIMIT = 200

interface PublishLogState {
  /** Per profile, newest first. */
  byProfile: Record<string, PublishLogEntry[]>
  loadError: Record<string, string | null>
  load(profileId: string): Promise<void>
  /** A row from `publish.logged`: new, or a job's row with new totals. */
  apply(entry: PublishLogEntry): void
  clear(profileId: string): Promise<number>
}

/** Puts a row in its place: by id, newest (highest id) first, at most LOG_LIMIT rows. */
export function upsertEntry(list: readonly PublishLogEntry[], entry: PublishLogEntry): PublishLogEntry[] {
  const i = list.findIndex((e) => e.id === entry.id)
  if (i >= 0) return list.map((e, k) => (k === i ? entry : e))
  const at = list.findIndex((e) => e.id < entry.id)
  const next = at < 0 ? [...list, entry] : [...list.slice(0, at), entry, ...list.slice(at)]
  return next.length > LOG_LIMIT ? next.slice(0, LOG_LIMIT) : next
}

/** The publish log of each connection, from `listPublishLog` and the `publish.logged` events. */
export const usePublishLogStore = create<PublishLogState>()((set, get) => ({
  byProfile: {},
  loadError: {},
  async load(profileId) {
    try {
      const list = await api().listPublishLog({ profileId, limit: LOG_LIMIT })
      // rows that arrived by event while the list was on its way stay
      let merged = [...list].sort((a, b) => b.id - a.id)
      for (const e of get().byProfile[profileId] ?? []) merged = upsertEntry(merged, e)
      set({
        byProfile: { ...get().byProfile, [profileId]: merged },
        loadError: { ...get().loadError, [profileId]: null },
      })
    } catch (err) {
      set({
        loadError: { ...get().loadError, [profileId]: err instanceof Error ? err.message : String(err) },
      })
    }
  },
  apply(entry) {
    const list = get().byProfile[entry.profileId] ?? []
    set({ byProfile: { ...get().byProfile, [entry.profileId]: upsertEntry(list, entry) } })
  },
  async clear(profileId) {
    const { removed } = await api().clearPublishLog({ profileId })
    set({ byProfile: { ...get().byProfile, [profileId]: [] } })
    return removed
  },
}))

const NONE: PublishLogEntry[] = []

export function usePublishLog(profileId: string): PublishLogEntry[] {
  return usePublishLogStore((s) => s.byProfile[profileId] ?? NONE)
}
