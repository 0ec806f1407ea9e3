import { createStore, type StoreApi } from 'zustand/vanilla'
import type { MessageSummary } from '../../../shared/messages'
import type { TreeDelta, TreeSnapshot, TreeTotals, TreeViewRequest } from '../../../shared/topic-tree'
import {
  appendOlder,
  detailFromSnapshot,
  mergeDetailDelta,
  type DetailState,
} from '../features/topic-detail/detail-state'
import { mergeExpanded, openPaths } from '../features/topic-tree/expansion'
import { flattenRows, sameRows, type TreeRow } from '../features/topic-tree/flatten-rows'
import {
  buildFilterIndex,
  compileFilter,
  searchAncestors,
  type FilterIndex,
  type TopicSearch,
  type TreeFilter,
} from '../features/topic-tree/tree-filter'
import { TreeModel, type SortMode } from '../features/topic-tree/tree-model'

/**
 * One open view of a profile's topic tree: the loaded nodes (in a mutable TreeModel), what the user
 * expanded and selected, sort and filter, the rows to draw, and the selected topic's detail. A store
 * per view (not a global one) so that leaving a profile drops everything it held.
 *
 * Work happens per snapshot or delta (at most ten a second), never per message. Rows read their node
 * from `model` by path; `version` bumps with every change so their selectors run again and only rows
 * whose node object changed render.
 */
export interface TreeViewState {
  profileId: string
  viewId: string
  model: TreeModel
  version: number
  rows: TreeRow[]
  totals: TreeTotals | null
  /** What the user expanded (kept while an ancestor is collapsed, so it opens again with it). */
  expanded: ReadonlySet<string>
  /** What the filter opened. */
  autoExpanded: ReadonlySet<string>
  /** Both: what the rows show as open. */
  shownExpanded: ReadonlySet<string>
  selected: string | null
  sort: SortMode
  filterText: string
  filter: TreeFilter
  filterIndex: FilterIndex | null
  /**
   * The core's answer for the filter text (`searchTopics`: every topic, not just loaded ones): its
   * matches' ancestors are opened so they load. Null until it arrives, or for another text.
   */
  search: TopicSearch | null
  /** The first snapshot arrived. */
  loaded: boolean
  /** Why the last setTreeView failed, until one succeeds. */
  error: string | null
  detail: DetailState | null
  /** JSON field the chart plots for the selected topic, null for the payload as a number. */
  chartField: string | null

  applySnapshot(snapshot: TreeSnapshot, now?: number): void
  applyDelta(delta: TreeDelta, now?: number): void
  setExpanded(path: string, open: boolean): void
  toggle(path: string): void
  collapseAll(): void
  select(path: string | null): void
  setSort(sort: SortMode): void
  setFilter(text: string): void
  /** Takes `searchTopics`' answer; ignored when the filter text changed meanwhile. */
  setSearch(search: TopicSearch): void
  setChartField(field: string | null): void
  setError(error: string | null): void
  addOlder(path: string, page: readonly MessageSummary[], limit: number): void
  /** What setTreeView should be told now. */
  request(): TreeViewRequest
}

export type TreeViewStore = StoreApi<TreeViewState>

/** Fields a chart picks by itself when the payload is JSON and nobody chose one yet. */
const PREFERRED_FIELDS = ['temperature', 'value', 'power', 'humidity', 'state']

export function preferredField(fields: readonly string[]): string | null {
  for (const name of PREFERRED_FIELDS) {
    const hit = fields.find((f) => f === name || f.endsWith(`.${name}`))
    if (hit) return hit
  }
  return fields[0] ?? null
}

export function createTreeViewStore(profileId: string, viewId: string): TreeViewStore {
  const model = new TreeModel()
  /** Per filter text: each path's match flags (paths never change, so answers never go stale). */
  let filterCache = new Map<string, number>()
  /** Chart fields chosen per topic, so coming back to a topic shows the same chart. */
  const chosenFields = new Map<string, string | null>()
  /** Nodes the filter opened and the user closed again. */
  const closedByUser = new Set<string>()

  return createStore<TreeViewState>()((set, get) => {
    /** Recomputes what depends on the model and the view settings: filter matches, open nodes, rows. */
    function derive(
      now: number,
    ): Pick<TreeViewState, 'rows' | 'filterIndex' | 'autoExpanded' | 'shownExpanded'> {
      const s = get()
      const filterIndex =
        s.filter.kind === 'text' || s.filter.kind === 'mqtt'
          ? buildFilterIndex(s.filter, model.paths(), filterCache, (p) => (model.nodes.get(p)?.own ?? 0) > 0)
          : null
      let auto: ReadonlySet<string> = EMPTY
      if (filterIndex) {
        auto = filterIndex.autoExpand
        const search = s.search?.text === s.filterText ? s.search : null
        if (search && search.paths.length > 0) {
          // open the way to matches the renderer has not loaded yet; they then match like any other
          const found = searchAncestors(search.paths)
          const all = new Set(auto)
          for (const p of found.open) all.add(p)
          auto = all
          if (found.truncated) filterIndex.truncated = true
        }
        if (closedByUser.size > 0) auto = new Set([...auto].filter((p) => !closedByUser.has(p)))
      }
      // keep the old set when equal: the request to the core compares by value anyway, React by identity
      const autoExpanded = sameSet(auto, s.autoExpanded) ? s.autoExpanded : auto
      const shownExpanded = mergeExpanded(s.expanded, autoExpanded)
      const rows = flattenRows(model, { mode: s.sort, expanded: shownExpanded, filter: filterIndex, now })
      return { filterIndex, autoExpanded, shownExpanded, rows: sameRows(rows, s.rows) ? s.rows : rows }
    }

    function refresh(now = Date.now()) {
      set({ ...derive(now), version: get().version + 1 })
    }

    return {
      profileId,
      viewId,
      model,
      version: 0,
      rows: [],
      totals: null,
      expanded: EMPTY,
      autoExpanded: EMPTY,
      shownExpanded: EMPTY,
      selected: null,
      sort: 'name',
      filterText: '',
      filter: { kind: 'none' },
      filterIndex: null,
      search: null,
      loaded: false,
      error: null,
      detail: null,
      chartField: null,

      applySnapshot(snapshot, now = Date.now()) {
        model.applySnapshot(snapshot)
        const s = get()
        let detail = s.detail
        let chartField = s.chartField
        if (snapshot.detail && snapshot.detail.path === s.selected) {
          detail = detailFromSnapshot(snapshot.detail)
          // a JSON topic charts its most telling numeric field until the user picks another
          if (chartField === null && !chosenFields.has(snapshot.detail.path) && detail.series.length === 0) {
            chartField = preferredField(detail.numericFields)
          }
        } else if (s.selected === null) {
          detail = null
        }
        set({ totals: snapshot.totals, loaded: true, error: null, detail, chartField })
        refresh(now)
      },

      applyDelta(delta, now = Date.now()) {
        model.applyDelta(delta, now)
        const s = get()
        let detail = s.detail
        if (delta.detail && detail && delta.detail.path === detail.path) {
          detail = mergeDetailDelta(detail, delta.detail)
        }
        set({ totals: delta.totals, detail })
        refresh(now)
      },

      setExpanded(path, open) {
        const s = get()
        if (s.expanded.has(path) === open && s.shownExpanded.has(path) === open) return
        const expanded = new Set(s.expanded)
        if (open) expanded.add(path)
        else expanded.delete(path)
        // a node the filter opened stays closed once the user closes it, until the filter changes
        if (open) closedByUser.delete(path)
        else if (s.autoExpanded.has(path)) closedByUser.add(path)
        set({ expanded })
        refresh()
      },

      toggle(path) {
        get().setExpanded(path, !get().shownExpanded.has(path))
      },

      collapseAll() {
        for (const p of get().autoExpanded) closedByUser.add(p)
        set({ expanded: EMPTY })
        refresh()
      },

      select(path) {
        const s = get()
        if (s.selected === path) return
        const node = path === null ? undefined : model.nodes.get(path)
        set({
          selected: path,
          chartField: path === null ? null : (chosenFields.get(path) ?? null),
          // show what the tree already knows at once; the snapshot brings the rest
          detail:
            path === null
              ? null
              : {
                  path,
                  node: node ?? null,
                  messages: [],
                  skipped: 0,
                  series: [],
                  numericFields: [],
                  olderDone: false,
                },
        })
      },

      setSort(sort) {
        if (get().sort === sort) return
        set({ sort })
        refresh()
      },

      setFilter(text) {
        if (get().filterText === text) return
        filterCache = new Map()
        closedByUser.clear()
        set({ filterText: text, filter: compileFilter(text), autoExpanded: EMPTY, search: null })
        refresh()
      },

      setSearch(search) {
        if (search.text !== get().filterText) return
        set({ search })
        refresh()
      },

      setChartField(field) {
        const s = get()
        if (s.selected !== null) chosenFields.set(s.selected, field)
        if (s.chartField === field) return
        set({ chartField: field, detail: s.detail ? { ...s.detail, series: [] } : null })
      },

      setError(error) {
        set({ error })
      },

      addOlder(path, page, limit) {
        const detail = get().detail
        if (!detail || detail.path !== path) return
        set({ detail: appendOlder(detail, page, limit) })
      },

      request() {
        const s = get()
        return {
          profileId: s.profileId,
          viewId: s.viewId,
          expanded: openPaths(s.expanded, s.autoExpanded),
          selected: s.selected,
          chartField: s.chartField,
        }
      },
    }
  })
}

const EMPTY: ReadonlySet<string> = new Set()

function sameSet(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  if (a.size !== b.size) return false
  for (const x of a) if (!b.has(x)) return false
  return true
}
