import { useEffect } from 'react'
import { useHistoryStatsStore } from '../../stores/history-stats-store'

/**
 * Reads the history stats now and every `intervalMs` while mounted: the core has no event for them,
 * and a full disk must show without the user opening anything. The storage popover polls faster
 * while it is open.
 */
export function useHistoryStatsPolling(intervalMs: number, enabled = true): void {
  useEffect(() => {
    if (!enabled) return
    const load = () => void useHistoryStatsStore.getState().load()
    load()
    const t = setInterval(load, intervalMs)
    return () => clearInterval(t)
  }, [intervalMs, enabled])
}
