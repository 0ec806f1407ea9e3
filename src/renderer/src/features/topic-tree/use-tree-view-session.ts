import { useEffect, useRef, type RefObject } from 'react'
import { api } from '../../api/client'
import type { TreeViewStore } from '../../stores/tree-view-store'
import { useTransportStore } from '../../stores/transport-store'
import { startTreeViewSession, type TreeViewSession } from './tree-view-session'

/**
 * Keeps the store's view open in the core while the caller is mounted, and sends it again when the
 * broker connection or the host link comes back (the host dropped its views with the old socket).
 * Returns the session (for "try again") and whether the host link was reopened.
 */
export function useTreeViewSession(
  store: TreeViewStore,
  connected: boolean,
): { session: RefObject<TreeViewSession | null>; hostReopened: boolean } {
  const session = useRef<TreeViewSession | null>(null)
  const wasConnected = useRef(connected)
  const hostReopened = useTransportStore((s) =>
    s.state.kind === 'open' && s.state.reopened ? s.state : null,
  )

  useEffect(() => {
    const s = startTreeViewSession(store, api())
    session.current = s
    return () => {
      s.close()
      session.current = null
    }
  }, [store])

  useEffect(() => {
    if (connected && !wasConnected.current) session.current?.reopen()
    wasConnected.current = connected
  }, [connected])

  useEffect(() => {
    if (hostReopened) session.current?.reopen()
  }, [hostReopened])

  return { session, hostReopened: hostReopened !== null }
}
