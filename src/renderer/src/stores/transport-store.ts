import { create } from 'zustand'
import type { TransportState } from '../api/transport-state'

interface TransportStoreState {
  state: TransportState
  set(state: TransportState): void
}

export const useTransportStore = create<TransportStoreState>()((set) => ({
  state: { kind: 'connecting' },
  set: (state) => set({ state }),
}))
