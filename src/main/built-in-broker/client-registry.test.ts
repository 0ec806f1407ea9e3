import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { BrokerClient } from '../../shared/built-in-broker'
import { BrokerConnection } from './broker-connection'
import { ClientRegistry } from './client-registry'

let seq = 0
function connection(clientId: string): BrokerConnection {
  const c = new BrokerConnection(`c${++seq}`, '127.0.0.1:5000', Date.now())
  c.connected({ cmd: 'connect', clientId, protocolVersion: 4, keepalive: 5, clean: true })
  return c
}
const accept = (r: ClientRegistry, c: BrokerConnection) => {
  r.add(c)
  c.phase = 'connected'
  r.changed(c)
}
const end = (r: ClientRegistry, c: BrokerConnection) => {
  c.end({ reason: 'clean', detail: null }, Date.now())
  r.closed(c, true)
}

describe('ClientRegistry', () => {
  let sent: BrokerClient[]
  beforeEach(() => {
    vi.useFakeTimers()
    sent = []
  })
  afterEach(() => vi.useRealTimers())

  it('lists nothing of a socket whose CONNECT is pending, then the accepted connection', () => {
    const r = new ClientRegistry((c) => sent.push(c))
    const c = connection('dev')
    r.add(c)
    r.changed(c)
    expect(r.list()).toEqual([])
    expect(sent).toEqual([])
    c.phase = 'connected'
    r.changed(c)
    expect(r.list().map((x) => x.clientId)).toEqual(['dev'])
    expect(sent).toHaveLength(1)
    expect(r.connectedCount).toBe(1)
    expect(r.connectedWithId('dev')).toBe(c)
  })

  it('lists connected ones first, then the ended ones with the latest ending first, keeping 200', () => {
    const r = new ClientRegistry((c) => sent.push(c), { ended: 200 })
    const ended = Array.from({ length: 205 }, (_, i) => connection(`old-${i}`))
    for (const c of ended) {
      accept(r, c)
      end(r, c)
    }
    const live = connection('live')
    accept(r, live)
    const list = r.list()
    expect(list).toHaveLength(201)
    expect(list[0]).toMatchObject({ clientId: 'live', connected: true })
    expect(list[1]!.clientId).toBe('old-204')
    expect(list.at(-1)!.clientId).toBe('old-5')
    expect(r.get(ended[0]!.connectionId)).toBeUndefined()
    expect(r.get(ended[204]!.connectionId)?.phase).toBe('ended')
  })

  it('sends counter changes at most once a second per connection, the latest values', () => {
    const r = new ClientRegistry((c) => sent.push(c))
    const c = connection('chatty')
    accept(r, c)
    sent.length = 0
    for (let i = 0; i < 100; i++) {
      c.publishesIn++
      r.changed(c, true)
    }
    expect(sent).toEqual([])
    vi.advanceTimersByTime(1000)
    expect(sent.map((x) => x.publishesIn)).toEqual([100])
  })

  it('does not list a socket that ended without ever being one', () => {
    const r = new ClientRegistry((c) => sent.push(c))
    const c = new BrokerConnection('probe', '127.0.0.1:1', Date.now())
    r.add(c)
    c.end({ reason: 'socket-error', detail: null }, Date.now())
    r.closed(c, false)
    expect(r.list()).toEqual([])
    expect(sent).toEqual([])
    expect(r.get('probe')).toBeUndefined()
  })
})
