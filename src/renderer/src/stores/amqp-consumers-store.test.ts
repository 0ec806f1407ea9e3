import { describe, expect, it } from 'vitest'
import type { AmqpConsumerStatus } from '../../../shared/amqp'
import { consumersOf, newerConsumer } from './amqp-consumers-store'

const status = (p: Partial<AmqpConsumerStatus>): AmqpConsumerStatus => ({
  id: 'c1',
  profileId: 'p',
  kind: 'consumer',
  queue: 'orders',
  exchange: null,
  bindingKey: null,
  ackMode: 'manual',
  prefetch: 100,
  state: 'active',
  reason: null,
  delivered: 0,
  acked: 0,
  nacked: 0,
  pending: 0,
  startedAt: 0,
  lastMessageAt: null,
  ...p,
})

describe('AMQP consumer statuses', () => {
  it('never lets an older status replace a newer one', () => {
    const now = status({ delivered: 5, acked: 2, pending: 3 })
    expect(newerConsumer(undefined, now)).toBe(true)
    expect(newerConsumer(now, status({ delivered: 4, pending: 4 }))).toBe(false)
    expect(newerConsumer(now, status({ delivered: 5, acked: 3, pending: 2 }))).toBe(true)
    // the same counters: the later arrival (restoring after a loss, active again)
    expect(newerConsumer(now, { ...now, state: 'restoring', reason: 'connection lost' })).toBe(true)
  })

  it('keeps a stopped or failed consumer final', () => {
    const stopped = status({ state: 'stopped', delivered: 5 })
    expect(newerConsumer(stopped, status({ state: 'active', delivered: 5 }))).toBe(false)
    expect(newerConsumer(status({ state: 'active', delivered: 5 }), stopped)).toBe(true)
    expect(newerConsumer(status({ state: 'failed' }), status({ state: 'stopped' }))).toBe(true)
  })

  it("lists a profile's consumers, running first, newest first, without the dismissed", () => {
    const byId = {
      a: status({ id: 'a', state: 'stopped', startedAt: 900 }),
      b: status({ id: 'b', state: 'active', startedAt: 100 }),
      c: status({ id: 'c', state: 'active', startedAt: 500, kind: 'tap' }),
      d: status({ id: 'd', profileId: 'other' }),
      e: status({ id: 'e', state: 'restoring', startedAt: 50 }),
    }
    expect(consumersOf(byId, 'p').map((s) => s.id)).toEqual(['c', 'b', 'e', 'a'])
    expect(consumersOf(byId, 'p', new Set(['a'])).map((s) => s.id)).toEqual(['c', 'b', 'e'])
  })
})
