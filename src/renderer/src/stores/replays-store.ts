import { create } from 'zustand'
import type { Api } from '../../../shared/api'
import type { ReplayStatus } from '../../../shared/replay'

export type ReplayState = ReplayStatus['state']

/** States a replay can still leave. */
export const ACTIVE_STATES: ReadonlySet<ReplayState> = new Set(['running', 'paused', 'waiting'])

interface ReplaysState {
  byId: Record<string, ReplayStatus>
  /** Ids, newest first. */
  order: string[]
  /** What each replay started here does, in words (the core's status carries none). */
  labels: Record<string, string>
  /** Finished replays the user cleared from the list (the core keeps them until it restarts). */
  hidden: ReadonlySet<string>
  loaded: boolean
  load(api: Api): Promise<void>
  apply(status: ReplayStatus): void
  setLabel(id: string, label: string): void
  clearFinished(): void
}

/**
 * Every replay of the core, from `listReplays` and the `replay.status` events (at most four a
 * second each), whoever started them. They run in the core: closing a dialog or the list stops
 * nothing.
 */
export const useReplaysStore = create<ReplaysState>()((set, get) => ({
  byId: {},
  order: [],
  labels: {},
  hidden: new Set(),
  loaded: false,
  async load(api) {
    const list = await api.listReplays()
    const byId = { ...get().byId }
    const known = new Set(get().order)
    const fresh: string[] = []
    for (const s of list) {
      byId[s.id] = s
      if (!known.has(s.id)) fresh.push(s.id)
    }
    // the core lists them oldest first
    set({ byId, order: [...fresh.reverse(), ...get().order], loaded: true })
  },
  apply(status) {
    const s = get()
    set({
      byId: { ...s.byId, [status.id]: status },
      order: s.order.includes(status.id) ? s.order : [status.id, ...s.order],
    })
  },
  setLabel(id, label) {
    set({ labels: { ...get().labels, [id]: label } })
  },
  clearFinished() {
    const s = get()
    const hidden = new Set(s.hidden)
    for (const id of s.order) {
      const st = s.byId[id]
      if (st && !ACTIVE_STATES.has(st.state)) hidden.add(id)
    }
    set({ hidden })
  },
}))

/** Follows `replay.status` and loads the list; returns the teardown. */
export function startReplaysSync(api: Api): () => void {
  const off = api.onEvent((event) => {
    if (event.type === 'replay.status') useReplaysStore.getState().apply(event.status)
  })
  useReplaysStore
    .getState()
    .load(api)
    .catch(() => {
      // the list fills from events; a later reload (host link back) tries again
    })
  return off
}

/** Replays that are running, paused or waiting. */
export function useActiveReplayCount(): number {
  return useReplaysStore((s) =>
    s.order.reduce((n, id) => (ACTIVE_STATES.has(s.byId[id]?.state ?? 'done') ? n + 1 : n), 0),
  )
}
