import { describe, expect, it } from 'vitest'
import type { Api } from '../../../shared/api'
import type { BuiltInBrokerStatus } from '../../../shared/built-in-broker'
import { setApiClient } from '../api/client'
import type { ApiClient } from '../api/select-api'
import { useBrokerStatusStore } from './broker-status-store'

function status(over: Partial<BuiltInBrokerStatus['settings']> = {}): BuiltInBrokerStatus {
  return {
    state: 'running',
    error: null,
    settings: {
      port: 18830,
      lan: false,
      username: '',
      passwordSet: false,
      websocket: false,
      websocketPort: null,
      ...over,
    },
    bindAddress: '127.0.0.1',
    port: 18830,
    websocketPort: null,
    lanAddresses: [],
    profileId: 'builtin',
    clientsConnected: 1,
    startedAt: 1,
    demo: { running: false, published: 0 },
  }
}

describe('the broker status store', () => {
  it('remembers a typed password for the guide only while the broker still asks for it', async () => {
    const calls: unknown[] = []
    setApiClient({
      api: {
        startBuiltInBroker: (input: unknown) => {
          calls.push(input)
          return Promise.resolve(status({ username: 'pico', passwordSet: true }))
        },
      } as unknown as Api,
    } as unknown as ApiClient)
    const store = useBrokerStatusStore.getState()
    const settings = {
      port: 18830,
      lan: false,
      username: 'pico',
      password: 's3cret',
      websocket: false,
      websocketPort: null,
    }
    await store.start(settings)
    expect(calls).toEqual([{ settings }])
    expect(useBrokerStatusStore.getState().knownPassword).toBe('s3cret')
    expect(useBrokerStatusStore.getState().status?.settings.username).toBe('pico')

    // a status event from the core with the same credentials keeps it
    store.apply(status({ username: 'pico', passwordSet: true }))
    expect(useBrokerStatusStore.getState().knownPassword).toBe('s3cret')
    // restarted without a user name: the password no longer applies
    store.apply(status())
    expect(useBrokerStatusStore.getState().knownPassword).toBeNull()
  })

  it('passes the core’s refusal on to the caller and keeps the last status', async () => {
    setApiClient({
      api: { startBuiltInBroker: () => Promise.reject(new Error('port 18830 is in use')) } as unknown as Api,
    } as unknown as ApiClient)
    const before = useBrokerStatusStore.getState().status
    await expect(
      useBrokerStatusStore.getState().start({
        port: 18830,
        lan: false,
        username: '',
        password: null,
        websocket: false,
        websocketPort: null,
      }),
    ).rejects.toThrow('port 18830 is in use')
    expect(useBrokerStatusStore.getState().status).toBe(before)
  })

  it('records why the status could not be read', async () => {
    setApiClient({
      api: { builtInBrokerStatus: () => Promise.reject(new Error('not built yet')) } as unknown as Api,
    } as unknown as ApiClient)
    await useBrokerStatusStore.getState().load()
    expect(useBrokerStatusStore.getState().loadError).toBe('not built yet')
  })
})
