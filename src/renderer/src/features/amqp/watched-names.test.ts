import { describe, expect, it } from 'vitest'
import { AmqpConfig } from '../../../../shared/profiles'
import { managementHint } from './management-gaps'
import { addWatched, removeWatched, watchedRows, withWatched } from './watched-names'

describe('watched names', () => {
  const list = [
    { kind: 'queue' as const, name: 'orders' },
    { kind: 'exchange' as const, name: 'shop' },
    { kind: 'queue' as const, name: 'new' },
  ]

  it('shows each name with what its last check said', () => {
    const rows = watchedRows(list, [
      { kind: 'queue', name: 'orders', error: null },
      { kind: 'exchange', name: 'shop', error: "NOT_FOUND - no exchange 'shop' in vhost '/'" },
      // a queue named like the exchange is another name
      { kind: 'queue', name: 'shop', error: null },
    ])
    expect(rows.map((r) => r.check)).toEqual([
      { state: 'ok' },
      { state: 'error', error: "NOT_FOUND - no exchange 'shop' in vhost '/'" },
      { state: 'unchecked' },
    ])
    expect(watchedRows(list, null).every((r) => r.check.state === 'unchecked')).toBe(true)
  })

  it('adds a trimmed name once per kind, and removes by kind and name', () => {
    expect(addWatched(list, 'exchange', '  orders ')).toEqual({
      ok: true,
      watched: [...list, { kind: 'exchange', name: 'orders' }],
    })
    expect(addWatched(list, 'queue', 'orders')).toEqual({
      ok: false,
      error: 'The queue “orders” is watched already',
    })
    expect(addWatched(list, 'queue', '   ').ok).toBe(false)
    expect(addWatched(list, 'queue', 'x'.repeat(256)).ok).toBe(false)
    expect(removeWatched(list, 'queue', 'shop')).toEqual(list)
    expect(removeWatched(list, 'exchange', 'shop')).toEqual([list[0], list[2]])
  })

  it('stops at the limit the profile schema sets', () => {
    const full = Array.from({ length: 500 }, (_, i) => ({ kind: 'queue' as const, name: `q${i}` }))
    expect(addWatched(full, 'queue', 'one-more')).toEqual({ ok: false, error: 'At most 500 names' })
  })

  it('changes only the watched list of the profile, which stays valid', () => {
    const config = AmqpConfig.parse({
      protocol: 'amqp',
      name: 'Rabbit',
      host: 'rabbit.local',
      managementUrl: 'http://rabbit.local:15672',
      managementUsername: 'ops',
      vhost: 'shop',
    })
    const next = withWatched(config, list)
    expect(next).toEqual({ ...config, watched: list })
    expect(AmqpConfig.parse(next)).toEqual(next)
  })
})

describe('why the management API is not used', () => {
  it('gives a hint for the usual reasons only', () => {
    expect(managementHint('HTTP 401 Unauthorized')).toContain('credentials')
    expect(managementHint('connect ECONNREFUSED 127.0.0.1:15672')).toContain('rabbitmq_management')
    expect(managementHint('getaddrinfo ENOTFOUND rabbit')).toContain('does not resolve')
    expect(managementHint('timed out after 5000 ms')).toContain('No answer')
    expect(managementHint('self-signed certificate in certificate chain')).toContain('TLS')
    expect(managementHint('not RabbitMQ: /api/overview answered 404')).toBeNull()
    expect(managementHint(null)).toBeNull()
  })
})
