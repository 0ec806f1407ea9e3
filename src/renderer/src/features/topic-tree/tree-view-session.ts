import type { Api, ApiEvent } from '../../../../shared/api'
import type { TreeViewStore } from '../../stores/tree-view-store'

/** Expanding, selecting and typing a filter coalesce for this long before the core hears of it. */
export const VIEW_DEBOUNCE_MS = 60

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
 * other) follow it in.
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

  let lastKey = keyOf()
  const offStore = store.subscribe(() => {
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
      offStore()
      offEvents()
      api.closeTreeView({ profileId, viewId }).catch(() => {
        // the host may be gone already; its views went with the socket
      })
    },
  }
}
