import { setApiClient } from '../api/client'
import type { ApiClient } from '../api/select-api'
import { useAmqpConsumersStore } from './amqp-consumers-store'
import { useAmqpNoticesStore } from './amqp-notices-store'
import { useAmqpPendingStore } from './amqp-pending-store'
import { useAppInfoStore } from './app-info-store'
import { useBrokerClientsStore } from './broker-clients-store'
import { useBrokerStatusStore } from './broker-status-store'
import { useBrokerTimelineStore } from './broker-timeline-store'
import { useConnectionsStore } from './connections-store'
import { useProfilesStore } from './profiles-store'
import { useTransportStore } from './transport-store'

/** Fetches everything the stores hold; called at start-up and after the host link comes back. */
export async function loadAll(): Promise<void> {
  await Promise.allSettled([
    useAppInfoStore.getState().load(),
    useProfilesStore.getState().load(),
    useConnectionsStore.getState().load(),
    useBrokerStatusStore.getState().load(),
    // the device list is read when first shown; after a lost link, again if it was
    ...(useBrokerClientsStore.getState().loaded ? [useBrokerClientsStore.getState().load()] : []),
    useBrokerTimelineStore.getState().reloadOpen(),
  ])
}

/** Wires the API client to the stores: events, transport state, first load. Returns a teardown. */
export function startStores(client: ApiClient): () => void {
  setApiClient(client)
  useTransportStore.getState().set(client.transport.getState())
  const offEvents = client.api.onEvent((event) => {
    switch (event.type) {
      case 'connection.status':
        useConnectionsStore.getState().apply(event.status)
        break
      case 'profiles.changed':
        void useProfilesStore.getState().load()
        break
      case 'amqp.consumer':
        useAmqpConsumersStore.getState().apply(event.status)
        useAmqpPendingStore.getState().onStatus(event.status)
        break
      case 'amqp.notice':
        useAmqpNoticesStore.getState().apply(event.notice)
        break
      case 'broker.status':
        useBrokerStatusStore.getState().apply(event.status)
        break
      case 'broker.client':
        useBrokerClientsStore.getState().apply([event.client])
        break
      case 'broker.events':
        useBrokerTimelineStore.getState().apply(event.events)
        break
    }
  })
  const offState = client.transport.onStateChange((state) => {
    useTransportStore.getState().set(state)
    if (state.kind === 'open' && state.reopened) void loadAll()
  })
  void loadAll()
  return () => {
    offEvents()
    offState()
  }
}
