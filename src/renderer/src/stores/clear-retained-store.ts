import { create } from 'zustand'

export interface ClearRetainedTarget {
  profileId: string
  path: string
  subtree: boolean
}

interface ClearRetainedState {
  /** What the confirmation dialog is about, or null when it is closed. */
  target: ClearRetainedTarget | null
  open(target: ClearRetainedTarget): void
  close(): void
}

/** The "clear retained" dialog, opened from the detail pane's buttons and the tree's context menu. */
export const useClearRetainedStore = create<ClearRetainedState>()((set) => ({
  target: null,
  open: (target) => set({ target }),
  close: () => set({ target: null }),
}))
