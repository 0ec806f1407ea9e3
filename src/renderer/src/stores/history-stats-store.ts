import { create } from 'zustand'
import type { HistoryStats } from '../../../shared/history'
import { api } from '../api/client'

interface HistoryStatsState {
  stats: HistoryStats | null
  /** Why the last `historyStats` failed, until one succeeds. */
  error: string | null
  load(): Promise<void>
  /** Stats any call returned (budget, pause): newer than the last poll. */
  apply(stats: HistoryStats): void
  setBudget(bytes: number): Promise<void>
  setPaused(profileId: string, paused: boolean): Promise<void>
}

/**
 * The history database as a whole: size against the budget, pruning, write errors, and which
 * connections have their history paused. The core sends no event for these, so the app polls (see
 * `useHistoryStatsPolling`); every call that changes them returns fresh stats too.
 */
export const useHistoryStatsStore = create<HistoryStatsState>()((set, get) => ({
  stats: null,
  error: null,
  async load() {
    try {
      set({ stats: await api().historyStats(), error: null })
    } catch (err) {
      set({ error: err instanceof Error ? err.message : String(err) })
    }
  },
  apply(stats) {
    set({ stats, error: null })
  },
  async setBudget(bytes) {
    get().apply(await api().setHistoryBudget({ bytes }))
  },
  async setPaused(profileId, paused) {
    get().apply(await api().setHistoryPaused({ profileId, paused }))
  },
}))

export function useHistoryPaused(profileId: string): boolean {
  return useHistoryStatsStore((s) => s.stats?.paused.includes(profileId) ?? false)
}
