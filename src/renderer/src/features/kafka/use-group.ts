import { useCallback, useEffect, useRef, useState } from 'react'
import type { KafkaGroupDetail } from '../../../../shared/kafka'
import { api } from '../../api/client'
import { useKafkaLagStore } from '../../stores/kafka-lag-store'

export interface GroupState {
  detail: KafkaGroupDetail | null
  error: string | null
  loading: boolean
  /** When `detail` was read. */
  at: number | null
}

/** The live-lag intervals offered (ms); null: off. */
export const LIVE_INTERVALS = [null, 2000, 5000, 10_000, 30_000] as const
export type LiveInterval = (typeof LIVE_INTERVALS)[number]

/**
 * One group as the detail shows it, read again every `live` ms while live lag is on. Live lag also
 * has the core sample the group at that interval (`watchKafkaLag`), which stores the samples and
 * sends them as events for the chart; the watch stops when the user turns it off or leaves.
 */
export function useGroup(profileId: string, groupId: string) {
  const [state, setState] = useState<GroupState>({ detail: null, error: null, loading: true, at: null })
  const [live, setLiveState] = useState<LiveInterval>(null)
  const [liveError, setLiveError] = useState<string | null>(null)
  const liveRef = useRef<LiveInterval>(null)
  const seq = useRef(0)

  const load = useCallback(async () => {
    const mine = ++seq.current
    setState((s) => ({ ...s, loading: true }))
    try {
      const detail = await api().getKafkaGroup({ profileId, groupId })
      if (mine === seq.current) setState({ detail, error: null, loading: false, at: Date.now() })
    } catch (err) {
      if (mine === seq.current)
        setState((s) => ({ ...s, loading: false, error: err instanceof Error ? err.message : String(err) }))
    }
  }, [profileId, groupId])

  const setLive = useCallback(
    async (interval: LiveInterval) => {
      const before = liveRef.current
      liveRef.current = interval
      setLiveState(interval)
      setLiveError(null)
      try {
        await useKafkaLagStore.getState().watch(profileId, groupId, interval)
      } catch (err) {
        liveRef.current = before
        setLiveState(before)
        setLiveError(err instanceof Error ? err.message : String(err))
      }
    },
    [profileId, groupId],
  )

  /** A watch the core already runs for this group (its interval is one offered): shown as on. */
  const adopt = useCallback((interval: number | null) => {
    const match = LIVE_INTERVALS.find((i) => i !== null && i === interval) ?? null
    if (match === null || liveRef.current !== null) return
    liveRef.current = match
    setLiveState(match)
  }, [])

  useEffect(() => {
    void load()
  }, [load])

  useEffect(() => {
    if (live === null) return
    const t = setInterval(() => void load(), live)
    return () => clearInterval(t)
  }, [live, load])

  // leaving the group stops its watch
  useEffect(() => {
    return () => {
      if (liveRef.current !== null)
        void useKafkaLagStore
          .getState()
          .watch(profileId, groupId, null)
          .catch(() => undefined)
      liveRef.current = null
    }
  }, [profileId, groupId])

  return { ...state, live, liveError, setLive, adopt, reload: load }
}
