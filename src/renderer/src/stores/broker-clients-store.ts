import { create } from 'zustand'
import type { BrokerClient } from '../../../shared/built-in-broker'
import { api } from '../api/client'
import { mergeClients } from '../features/built-in-broker/client-list'

/**
 * The connections to the built-in broker: the list read when the device view opens (and again when
 * the host link comes back), kept current by `broker.client` events, which come whether or not the
 * view is open. Both transports deliver in order, so the list answers for everything sent before
 * it and replaces what is held; events after it are newer and are applied on top.
 */

interface BrokerClientsState {
  byId: Record<string, BrokerClient>
  loaded: boolean
  loading: boolean
  error: string | null
  load(): Promise<void>
  apply(clients: readonly BrokerClient[]): void
}

export const useBrokerClientsStore = create<BrokerClientsState>()((set, get) => ({
  byId: {},
  loaded: false,
  loading: false,
  error: null,
  async load() {
    set({ loading: true })
    try {
      const list = await api().listBrokerClients()
      set({ byId: mergeClients({}, list), loaded: true, error: null })
    } catch (err) {
      set({ error: err instanceof Error ? err.message : String(err) })
    } finally {
      set({ loading: false })
    }
  },
  apply(clients) {
    set({ byId: mergeClients(get().byId, clients) })
  },
}))

export function useBrokerClientsById(): Record<string, BrokerClient> {
  return useBrokerClientsStore((s) => s.byId)
}
