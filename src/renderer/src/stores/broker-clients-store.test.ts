import { describe, expect, it } from 'vitest'
import type { Api } from '../../../shared/api'
import type { BrokerClient } from '../../../shared/built-in-broker'
import { setApiClient } from '../api/client'
import type { ApiClient } from '../api/select-api'
import { useBrokerClientsStore } from './broker-clients-store'

const client = (connectionId: string, over: Partial<BrokerClient> = {}): BrokerClient => ({
  connectionId,
  clientId: `id-${connectionId}`,
  address: '127.0.0.1:50000',
  protocolVersion: 4,
  keepalive: 5,
  cleanSession: true,
  username: null,
  will: null,
  connectedAt: 1,
  connected: true,
  disconnectedAt: null,
  disconnectReason: null,
  disconnectDetail: null,
  subscriptions: [],
  publishesIn: 0,
  lastPacketAt: null,
  capturing: false,
  ...over,
})

describe('the broker clients store', () => {
  it('takes the list as read, then applies events on top of it', async () => {
    setApiClient({
      api: { listBrokerClients: () => Promise.resolve([client('a'), client('b')]) } as unknown as Api,
    } as unknown as ApiClient)
    // something held from before (a previous link) that the core no longer lists
    useBrokerClientsStore.getState().apply([client('gone')])
    await useBrokerClientsStore.getState().load()
    expect(Object.keys(useBrokerClientsStore.getState().byId).sort()).toEqual(['a', 'b'])
    expect(useBrokerClientsStore.getState().loaded).toBe(true)

    useBrokerClientsStore
      .getState()
      .apply([client('a', { connected: false, disconnectedAt: 9, disconnectReason: 'keepalive-timeout' })])
    expect(useBrokerClientsStore.getState().byId['a']?.disconnectReason).toBe('keepalive-timeout')
    expect(useBrokerClientsStore.getState().byId['b']?.connected).toBe(true)
  })

  it('reports a failed read and keeps the rows it had', async () => {
    setApiClient({
      api: { listBrokerClients: () => Promise.reject(new Error('not built')) } as unknown as Api,
    } as unknown as ApiClient)
    await useBrokerClientsStore.getState().load()
    expect(useBrokerClientsStore.getState().error).toBe('not built')
    expect(useBrokerClientsStore.getState().loading).toBe(false)
    expect(Object.keys(useBrokerClientsStore.getState().byId).sort()).toEqual(['a', 'b'])
  })
})
