import { createStore, type StoreApi } from 'zustand/vanilla'
import type { Api } from '../../../shared/api'
import type { HistoryFilterInput, HistoryHit } from '../../../shared/history'

/** Hits per `queryHistory` page. */
export const HISTORY_PAGE = 200
/** The list stops growing here: narrow the filter or jump to a time to see further back. */
export const MAX_LOADED_HITS = 20_000

export type ListFilter = HistoryFilterInput & { profileId: string }

/**
 * One history panel's list: the filter it shows, the hits loaded so far (newest first, a page at a
 * time with keyset paging: each page's `nextBeforeId` is the next `beforeId`), how many the filter
 * covers, and the hit opened below the list. A new filter starts a new generation: answers to the
 * old one that arrive late are dropped.
 */
export interface HistoryListState {
  filter: ListFilter | null
  hits: HistoryHit[]
  nextBeforeId: number | null
  /** A page is being fetched. */
  loading: boolean
  /** Every page was read (or the cap reached: see `capped`). */
  done: boolean
  capped: boolean
  count: number | null
  error: string | null
  /** The message shown below the list; kept when the filter changes (closed by the user only). */
  opened: HistoryHit | null
  /** Shows this filter from its newest message (a new filter, or the same one again to refresh). */
  show(filter: ListFilter | null): void
  /** Fetches the next older page, if any and none is under way. */
  loadMore(): void
  open(hit: HistoryHit | null): void
}

export type HistoryListStore = StoreApi<HistoryListState>

export function createHistoryListStore(api: () => Api): HistoryListStore {
  let generation = 0
  return createStore<HistoryListState>()((set, get) => {
    async function fetchPage(gen: number, filter: ListFilter, beforeId: number | null) {
      set({ loading: true })
      try {
        const page = await api().queryHistory({ filter, beforeId, limit: HISTORY_PAGE })
        if (gen !== generation) return
        const hits = beforeId === null ? page.hits : [...get().hits, ...page.hits]
        const capped = hits.length >= MAX_LOADED_HITS && page.nextBeforeId !== null
        set({
          hits: capped ? hits.slice(0, MAX_LOADED_HITS) : hits,
          nextBeforeId: page.nextBeforeId,
          done: page.nextBeforeId === null || capped,
          capped,
          loading: false,
          error: null,
        })
      } catch (err) {
        if (gen !== generation) return
        set({ loading: false, error: err instanceof Error ? err.message : String(err) })
      }
    }

    async function fetchCount(gen: number, filter: ListFilter) {
      try {
        const { count } = await api().countHistory({ filter })
        if (gen === generation) set({ count })
      } catch {
        // the list says what failed; the count just stays unknown
      }
    }

    return {
      filter: null,
      hits: [],
      nextBeforeId: null,
      loading: false,
      done: false,
      capped: false,
      count: null,
      error: null,
      opened: null,

      show(filter) {
        const gen = ++generation
        const same = filter !== null && JSON.stringify(filter) === JSON.stringify(get().filter)
        set({
          filter,
          // a refresh keeps the rows on screen until the new first page replaces them
          hits: same ? get().hits : [],
          nextBeforeId: null,
          done: filter === null,
          capped: false,
          count: same ? get().count : null,
          error: null,
          // the opened message stays open: narrowing the list should not take it away
        })
        if (filter === null) return
        void fetchPage(gen, filter, null)
        void fetchCount(gen, filter)
      },

      loadMore() {
        const s = get()
        if (!s.filter || s.loading || s.done || s.nextBeforeId === null) return
        void fetchPage(generation, s.filter, s.nextBeforeId)
      },

      open(hit) {
        set({ opened: hit })
      },
    }
  })
}
