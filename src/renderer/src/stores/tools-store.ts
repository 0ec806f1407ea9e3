import { create } from 'zustand'
import type { ReplaySource } from '../features/replay/replay-form'

interface ToolsState {
  savedOpen: boolean
  replaysOpen: boolean
  /** What the replay dialog is about to replay, or null when it is closed. */
  replaySource: ReplaySource | null
  /** Bumps with each opening, so the dialog starts afresh. */
  replayKey: number
  setSavedOpen(open: boolean): void
  setReplaysOpen(open: boolean): void
  openReplay(source: ReplaySource): void
  closeReplay(): void
}

/** The app-wide tools the header opens (saved payloads, replays) and the replay dialog. */
export const useToolsStore = create<ToolsState>()((set, get) => ({
  savedOpen: false,
  replaysOpen: false,
  replaySource: null,
  replayKey: 0,
  setSavedOpen: (savedOpen) => set({ savedOpen }),
  setReplaysOpen: (replaysOpen) => set({ replaysOpen }),
  openReplay: (replaySource) => set({ replaySource, replayKey: get().replayKey + 1 }),
  closeReplay: () => set({ replaySource: null }),
}))
