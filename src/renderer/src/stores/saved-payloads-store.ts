import { create } from 'zustand'
import type { SavedPayloadSummary } from '../../../shared/saved-payloads'
import { api } from '../api/client'

interface SavedPayloadsState {
  list: SavedPayloadSummary[]
  loaded: boolean
  loadError: string | null
  /** Ids ticked in the panel, for "Replay…" and "Export selected". */
  selected: ReadonlySet<number>
  load(): Promise<void>
  setSelected(ids: Iterable<number>): void
  toggle(id: number, on: boolean): void
}

/**
 * The saved payloads, as summaries (bytes come with `getSavedPayload`). The core sends no event when
 * they change, so the list is loaded when the panel opens and after each change made here.
 */
export const useSavedPayloadsStore = create<SavedPayloadsState>()((set, get) => ({
  list: [],
  loaded: false,
  loadError: null,
  selected: new Set(),
  async load() {
    try {
      const list = await api().listSavedPayloads()
      const ids = new Set(list.map((p) => p.id))
      const selected = new Set([...get().selected].filter((id) => ids.has(id)))
      set({ list, loaded: true, loadError: null, selected })
    } catch (err) {
      set({ loadError: err instanceof Error ? err.message : String(err) })
    }
  },
  setSelected(ids) {
    set({ selected: new Set(ids) })
  },
  toggle(id, on) {
    const selected = new Set(get().selected)
    if (on) selected.add(id)
    else selected.delete(id)
    set({ selected })
  },
}))
