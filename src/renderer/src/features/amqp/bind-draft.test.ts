import { describe, expect, it } from 'vitest'
import { checkBindDraft, NEW_BIND, routingKeyHint } from './bind-draft'

describe('the bind form', () => {
  it('binds the opened exchange to a queue or an exchange', () => {
    expect(
      checkBindDraft('from-exchange', 'shop', { ...NEW_BIND, other: ' orders ', routingKey: 'order.*' }),
    ).toEqual({
      ok: true,
      request: {
        source: 'shop',
        destination: 'orders',
        destinationType: 'queue',
        routingKey: 'order.*',
        arguments: {},
      },
    })
    const e2e = checkBindDraft('from-exchange', 'shop', {
      ...NEW_BIND,
      other: 'shop.eu',
      otherType: 'exchange',
      routingKey: 'eu.#',
    })
    expect(e2e.ok && e2e.request).toMatchObject({
      source: 'shop',
      destination: 'shop.eu',
      destinationType: 'exchange',
    })
  })

  it('binds another exchange into the opened exchange or queue', () => {
    const intoExchange = checkBindDraft('into-exchange', 'shop', {
      ...NEW_BIND,
      other: 'upstream',
      otherType: 'queue',
    })
    expect(intoExchange.ok && intoExchange.request).toMatchObject({
      source: 'upstream',
      destination: 'shop',
      destinationType: 'exchange',
    })
    const intoQueue = checkBindDraft('into-queue', 'orders', {
      ...NEW_BIND,
      other: 'headers-ex',
      argumentsText: '{"x-match": "all", "kind": "order"}',
    })
    expect(intoQueue.ok && intoQueue.request).toEqual({
      source: 'headers-ex',
      destination: 'orders',
      destinationType: 'queue',
      routingKey: '',
      arguments: { 'x-match': 'all', kind: 'order' },
    })
  })

  it('says what is missing or too long, all at once', () => {
    const r = checkBindDraft('into-queue', 'orders', {
      ...NEW_BIND,
      routingKey: 'k'.repeat(256),
      argumentsText: '[]',
    })
    expect(r).toEqual({
      ok: false,
      errors: {
        other: 'Name the exchange (the default exchange cannot be bound)',
        routingKey: 'At most 255 bytes (UTF-8)',
        arguments: expect.stringContaining('JSON object'),
      },
    })
    expect(checkBindDraft('from-exchange', 'shop', NEW_BIND)).toEqual({
      ok: false,
      errors: { other: 'Name the queue' },
    })
  })

  it("explains the routing key by the source exchange's type", () => {
    expect(routingKeyHint('topic')).toContain('#')
    expect(routingKeyHint('fanout')).toContain('ignored')
    expect(routingKeyHint('headers')).toContain('x-match')
    expect(routingKeyHint(null)).toContain('depends')
  })
})
