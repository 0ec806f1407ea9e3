import { create } from 'zustand'

/**
 * Where the user is with the built-in broker: whether its panel is open, which tab the built-in
 * profile's workspace shows, and the connection picked in the device view (kept while the user
 * looks at the topics and comes back).
 */

export type BuiltInTab = 'topics' | 'devices'

interface BrokerNavState {
  panelOpen: boolean
  tab: BuiltInTab
  /** The connection opened in the device view (its client id's timeline is shown). */
  selected: string | null
  setPanelOpen(open: boolean): void
  setTab(tab: BuiltInTab): void
  select(connectionId: string | null): void
}

export const useBrokerNavStore = create<BrokerNavState>()((set) => ({
  panelOpen: false,
  tab: 'topics',
  selected: null,
  setPanelOpen: (panelOpen) => set({ panelOpen }),
  setTab: (tab) => set({ tab }),
  select: (selected) => set({ selected }),
}))
