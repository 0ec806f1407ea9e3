import type { Api, ApiEvent } from '../../../../shared/api'
import type { TreeViewStore } from '../../stores/tree-view-store'
import { AUTO_EXPAND_LIMIT } from './tree-filter'

/** Expanding, selecting and typing a filter coalesce for this long before the core hears of it. */
export const VIEW_DEBOUNCE_MS = 60
/** While a filter is on and new topics keep appearing, the core is searched again at most this often. */
export const RESEARCH_MS = 2000

export interface TreeViewSession {
  /** Sends the view again even if unchanged: after a reconnect, or when the host link came back. */
  reopen(): void
  /** Stops listening and closes the view in the core. */
  close(): void
}

/**
 * Keeps the core's view in step with the store: every change of what is expanded, selected or
 * charted becomes one `setTreeView` (debounced, one call in flight at a time, the latest state
 * sent after it), its snapshot goes into the store, and `tree.delta` events for this view (and no
 * other) follow it in. A filter also asks the core which topics match anywhere in the tree
 * (`searchTopics`; the toolbar debounces typing), and again as new topics appear.
 */
export function startTreeViewSession(store: TreeViewStore, api: Api): TreeViewSession {
  const { profileId, viewId } = store.getState()
  let timer: ReturnType<typeof setTimeout> | null = null
  let inFlight = false
  let again = false
  let againForced = false
  let closed = false
  let lastSent = ''

  const keyOf = () => JSON.stringify(store.getState().request())

  async function send(force: boolean) {
    if (closed) return
    if (inFlight) {
      again = true
      againForced ||= force
      return
    }
    const request = store.getState().request()
    const key = JSON.stringify(request)
    if (!force && key === lastSent) return
    inFlight = true
    lastSent = key
    try {
      const snapshot = await api.setTreeView(request)
      if (!closed) store.getState().applySnapshot(snapshot)
    } catch (err) {
      // let the next change (or reopen) try again
      lastSent = ''
      if (!closed) store.getState().setError(err instanceof Error ? err.message : String(err))
    } finally {
      inFlight = false
    }
    if (again && !closed) {
      const forced = againForced
      again = false
      againForced = false
      void send(forced)
    }
  }

  function schedule() {
    if (timer) clearTimeout(timer)
    timer = setTimeout(() => {
      timer = null
      void send(false)
    }, VIEW_DEBOUNCE_MS)
  }

  // ---- the filter's search in the core
  let searchedText = ''
  let searchedTopics = -1
  let searching = false
  let researchTimer: ReturnType<typeof setTimeout> | null = null

  async function search() {
    const s = store.getState()
    if (closed || searching || (s.filter.kind !== 'text' && s.filter.kind !== 'mqtt')) return
    const text = s.filterText
    searching = true
    searchedText = text
    searchedTopics = s.totals?.topics ?? 0
    try {
      const found = await api.searchTopics({ profileId, query: text, limit: AUTO_EXPAND_LIMIT })
      if (!closed) store.getState().setSearch({ text, paths: found.paths, truncated: found.truncated })
    } catch {
      // the loaded nodes are still filtered; the next change searches again
      searchedText = ''
    } finally {
      searching = false
    }
    if (!closed && store.getState().filterText !== searchedText) void search()
  }

  function searchIfNeeded() {
    const s = store.getState()
    if (s.filter.kind !== 'text' && s.filter.kind !== 'mqtt') {
      searchedText = ''
      return
    }
    if (s.filterText !== searchedText) {
      void search()
    } else if ((s.totals?.topics ?? 0) !== searchedTopics && !researchTimer) {
      researchTimer = setTimeout(() => {
        researchTimer = null
        searchedTopics = -1
        void search()
      }, RESEARCH_MS)
    }
  }

  let lastKey = keyOf()
  const offStore = store.subscribe(() => {
    searchIfNeeded()
    const key = keyOf()
    if (key === lastKey) return
    lastKey = key
    schedule()
  })

  const offEvents = api.onEvent((event: ApiEvent) => {
    if (event.type !== 'tree.delta' || event.viewId !== viewId || event.profileId !== profileId) return
    store.getState().applyDelta(event)
  })

  void send(true)

  return {
    reopen() {
      void send(true)
    },
    close() {
      if (closed) return
      closed = true
      if (timer) clearTimeout(timer)
      if (researchTimer) clearTimeout(researchTimer)
      offStore()
      offEvents()
      api.closeTreeView({ profileId, viewId }).catch(() => {
        // the host may be gone already; its views went with the socket
      })
    },
  }
}
