import { describe, expect, it } from 'vitest'
import type { AmqpBindingInfo } from '../../../../shared/amqp'
import { bindingKey, bindingsFrom, bindingsOfQueue, bindingsTo } from './bindings'

const bind = (
  source: string,
  destination: string,
  routingKey: string,
  destinationType: 'queue' | 'exchange' = 'queue',
  args: Record<string, unknown> = {},
): AmqpBindingInfo => ({ source, destination, destinationType, routingKey, arguments: args })

const all = [
  bind('', 'orders', 'orders'),
  bind('shop', 'orders', 'order.*'),
  bind('shop', 'audit', '#'),
  bind('shop', 'shop.eu', 'eu.#', 'exchange'),
  bind('shop.eu', 'orders-eu', 'eu.order.created'),
  bind('upstream', 'shop', 'x', 'exchange'),
  bind('upstream', 'orders', 'x'),
]

describe('bindings seen from one side', () => {
  it('lists what an exchange routes to, by key', () => {
    expect(bindingsFrom(all, 'shop').map((b) => `${b.routingKey}>${b.destination}`)).toEqual([
      '#>audit',
      'eu.#>shop.eu',
      'order.*>orders',
    ])
  })

  it('lists the exchanges that route into an exchange, not queues of the same name', () => {
    expect(bindingsTo(all, 'shop').map((b) => b.source)).toEqual(['upstream'])
    expect(bindingsTo(all, 'orders')).toEqual([])
  })

  it("lists a queue's bindings without the default exchange's implicit one", () => {
    expect(bindingsOfQueue(all, 'orders').map((b) => b.source)).toEqual(['shop', 'upstream'])
  })

  it('tells apart bindings that differ only in their arguments', () => {
    const a = bind('h', 'q', '', 'queue', { 'x-match': 'all', kind: 'a' })
    const b = bind('h', 'q', '', 'queue', { 'x-match': 'all', kind: 'b' })
    expect(bindingKey(a)).not.toBe(bindingKey(b))
    expect(bindingKey(a)).toBe(bindingKey({ ...a }))
  })
})
