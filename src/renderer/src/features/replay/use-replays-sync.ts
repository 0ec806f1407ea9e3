import { useEffect } from 'react'
import { api } from '../../api/client'
import { startReplaysSync, useReplaysStore } from '../../stores/replays-store'
import { useTransportStore } from '../../stores/transport-store'

/**
 * Keeps the replays list in step with the core for as long as the app runs: events as they come,
 * and the whole list again when the host link comes back (events were missed meanwhile).
 */
export function useReplaysSync(): void {
  const reopened = useTransportStore((s) => (s.state.kind === 'open' && s.state.reopened ? s.state : null))
  useEffect(() => startReplaysSync(api()), [])
  useEffect(() => {
    if (reopened)
      void useReplaysStore
        .getState()
        .load(api())
        .catch(() => {})
  }, [reopened])
}
