import { describe, expect, it } from 'vitest'
import type { BrokerClient } from '../../../../shared/built-in-broker'
import { clientStory, filterClients, mergeClients, sortClients } from './client-list'

let n = 0
function client(over: Partial<BrokerClient> = {}): BrokerClient {
  n++
  return {
    connectionId: `c${n}`,
    clientId: `pico-w-${n}`,
    address: `127.0.0.1:${50000 + n}`,
    protocolVersion: 4,
    keepalive: 5,
    cleanSession: true,
    username: null,
    will: null,
    connectedAt: 1000 * n,
    connected: true,
    disconnectedAt: null,
    disconnectReason: null,
    disconnectDetail: null,
    subscriptions: [],
    publishesIn: 0,
    lastPacketAt: null,
    capturing: false,
    ...over,
  }
}
const ended = (at: number, over: Partial<BrokerClient> = {}) =>
  client({ connected: false, disconnectedAt: at, disconnectReason: 'socket-error', ...over })

describe('the device table', () => {
  it('replaces a connection by its id and keeps the newest ended ones only', () => {
    const a = client({ connectionId: 'a' })
    let map = mergeClients({}, [a])
    map = mergeClients(map, [{ ...a, publishesIn: 3 }])
    expect(map['a']!.publishesIn).toBe(3)
    const endings = [
      ended(10, { connectionId: 'x' }),
      ended(30, { connectionId: 'y' }),
      ended(20, { connectionId: 'z' }),
    ]
    map = mergeClients(map, endings, 2)
    expect(Object.keys(map).sort()).toEqual(['a', 'y', 'z'])
  })

  it('lists the connected first by client id (natural order), then the ended, most recent first', () => {
    const rows = sortClients([
      ended(5, { clientId: 'old' }),
      client({ clientId: 'pico-w-10' }),
      ended(9, { clientId: 'recent' }),
      client({ clientId: 'pico-w-2' }),
    ])
    expect(rows.map((c) => c.clientId)).toEqual(['pico-w-2', 'pico-w-10', 'recent', 'old'])
  })

  it('filters by search text and hides ended connections on request', () => {
    const rows = [
      client({
        clientId: 'kitchen',
        will: { topic: 'home/status', preview: null, size: 0, qos: 0, retain: false },
      }),
      ended(3, { clientId: 'pico', address: '192.168.1.40:5000' }),
    ]
    expect(filterClients(rows, { search: '192.168', showEnded: true }).map((c) => c.clientId)).toEqual([
      'pico',
    ])
    expect(filterClients(rows, { search: 'HOME/', showEnded: true }).map((c) => c.clientId)).toEqual([
      'kitchen',
    ])
    expect(filterClients(rows, { search: '', showEnded: false }).map((c) => c.clientId)).toEqual(['kitchen'])
  })

  it('tells a client’s story: its connection now and the last one that ended', () => {
    const first = ended(100, { clientId: 'pico', disconnectReason: 'keepalive-timeout' })
    const second = ended(200, { clientId: 'pico', disconnectReason: 'socket-error' })
    const now = client({ clientId: 'pico', connectedAt: 250 })
    const other = ended(300, { clientId: 'other' })
    expect(clientStory([first, now, second, other], 'pico')).toEqual({
      current: now,
      lastEnded: second,
      connections: 3,
    })
    expect(clientStory([first], 'pico')).toEqual({ current: null, lastEnded: first, connections: 1 })
    expect(clientStory([], 'pico')).toEqual({ current: null, lastEnded: null, connections: 0 })
  })
})
