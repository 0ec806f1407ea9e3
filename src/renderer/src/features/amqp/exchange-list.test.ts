import { describe, expect, it } from 'vitest'
import type { AmqpExchangeInfo } from '../../../../shared/amqp'
import { nextSort } from '../kafka/topic-list'
import { ANY_TYPE, EXCHANGE_TEXT_KEYS, exchangeTypes, visibleExchanges } from './exchange-list'

const exchange = (
  name: string,
  type: string | null,
  publishInRate: number | null = null,
  publishOutRate: number | null = null,
): AmqpExchangeInfo => ({
  name,
  type,
  durable: true,
  autoDelete: false,
  internal: false,
  arguments: {},
  publishInRate,
  publishOutRate,
  source: 'management',
})

const all = [
  exchange('', 'direct', 0.5, 0.5),
  exchange('amq.topic', 'topic', 12, 3),
  exchange('orders', 'topic', null, null),
  exchange('events', 'x-delayed-message', 1, 1),
  exchange('amq.fanout', 'fanout', 0, 0),
  exchange('watched', null),
]

describe('the exchange list', () => {
  const names = (opts: Partial<Parameters<typeof visibleExchanges>[1]>) =>
    visibleExchanges(all, { search: '', type: ANY_TYPE, sort: { key: 'name', desc: false }, ...opts }).map(
      (e) => e.name,
    )

  it('sorts by name with the default exchange first', () => {
    expect(names({})).toEqual(['', 'amq.fanout', 'amq.topic', 'events', 'orders', 'watched'])
  })

  it('finds the default exchange by its shown name, and filters by type', () => {
    expect(names({ search: 'DEFAULT' })).toEqual([''])
    expect(names({ search: 'amq.' })).toEqual(['amq.fanout', 'amq.topic'])
    expect(names({ type: 'topic' })).toEqual(['amq.topic', 'orders'])
  })

  it('sorts by rate, unknown rates last either way', () => {
    expect(names({ sort: { key: 'in', desc: true } })).toEqual([
      'amq.topic',
      'events',
      '',
      'amq.fanout',
      'orders',
      'watched',
    ])
    expect(names({ sort: { key: 'out', desc: false } }).slice(-2)).toEqual(['orders', 'watched'])
  })

  it('lists the types present, standard ones first', () => {
    expect(exchangeTypes(all)).toEqual(['direct', 'fanout', 'topic', 'x-delayed-message'])
  })

  it('starts text columns ascending and figures descending', () => {
    expect(nextSort({ key: 'in', desc: true }, 'type', EXCHANGE_TEXT_KEYS)).toEqual({
      key: 'type',
      desc: false,
    })
    expect(nextSort({ key: 'name', desc: false }, 'out', EXCHANGE_TEXT_KEYS)).toEqual({
      key: 'out',
      desc: true,
    })
  })
})
