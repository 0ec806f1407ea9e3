import type { Message, MessageProperties } from 'amqplib'
import { describe, expect, it } from 'vitest'
import { AmqpMeta } from '../../shared/messages'
import { decodeStoredMeta, encodeStoredMeta } from '../history/stored-properties'
import { deliveryToIncoming } from './amqp-delivery'
import { jsonSafeHeaders } from './amqp-delivery-headers'
import { amqpProperties, DROPPED_PROPERTIES_HEADER } from './amqp-delivery-properties'

/** Properties as amqplib decodes them: every key present, absent ones undefined. */
function props(p: Partial<Record<keyof MessageProperties, unknown>>): MessageProperties {
  const all: Record<keyof MessageProperties, unknown> = {
    contentType: undefined,
    contentEncoding: undefined,
    headers: undefined,
    deliveryMode: undefined,
    priority: undefined,
    correlationId: undefined,
    replyTo: undefined,
    expiration: undefined,
    messageId: undefined,
    timestamp: undefined,
    type: undefined,
    userId: undefined,
    appId: undefined,
    clusterId: undefined,
  }
  return { ...all, ...p } as MessageProperties
}

function message(p: MessageProperties, fields: Partial<Message['fields']> = {}): Message {
  return {
    content: Buffer.from('{"t":21.5}'),
    fields: { deliveryTag: 7, redelivered: true, exchange: 'events', routingKey: 'orders.eu', ...fields },
    properties: p,
  }
}

/** What a history row gives back: the meta through its JSON column. */
function stored(meta: AmqpMeta): AmqpMeta | null {
  return decodeStoredMeta(encodeStoredMeta({ properties: null, kafka: null, amqp: meta })).amqp
}

describe('deliveryToIncoming', () => {
  it('names the message exchange/routingKey and carries every basic property', () => {
    const p = props({
      contentType: 'application/json',
      contentEncoding: 'gzip',
      headers: { 'x-tenant': 'acme', attempt: 3 },
      deliveryMode: 2,
      priority: 9,
      correlationId: 'c-1',
      replyTo: 'replies',
      expiration: '60000',
      messageId: 'm-1',
      timestamp: 1_700_000_000,
      type: 'order.created',
      userId: 'brokerlens',
      appId: 'shop',
    })
    const m = deliveryToIncoming(message(p), 'orders')
    expect(m).toMatchObject({
      topic: 'events/orders.eu',
      qos: null,
      retain: false,
      dup: false,
      properties: null,
    })
    expect(m.amqp).toEqual({
      exchange: 'events',
      routingKey: 'orders.eu',
      redelivered: true,
      queue: 'orders',
      properties: {
        contentType: 'application/json',
        contentEncoding: 'gzip',
        headers: { 'x-tenant': 'acme', attempt: 3 },
        deliveryMode: 2,
        priority: 9,
        correlationId: 'c-1',
        replyTo: 'replies',
        expiration: '60000',
        messageId: 'm-1',
        timestamp: 1_700_000_000,
        type: 'order.created',
        userId: 'brokerlens',
        appId: 'shop',
      },
    })
    expect(AmqpMeta.parse(m.amqp)).toEqual(m.amqp)
    expect(stored(m.amqp!)).toEqual(m.amqp)
  })

  it('puts the default exchange under its label and leaves absent properties out', () => {
    const m = deliveryToIncoming(
      message(props({}), { exchange: '', routingKey: 'q1', redelivered: false }),
      'q1',
    )
    expect(m.topic).toBe('(default exchange)/q1')
    expect(m.amqp).toEqual({
      exchange: '',
      routingKey: 'q1',
      redelivered: false,
      queue: 'q1',
      properties: {},
    })
    // amqplib gives {} for a message without any property flag.
    expect(amqpProperties({} as MessageProperties)).toEqual({})
  })
})

describe('header values', () => {
  it('keeps JSON values as they are, nested tables and arrays too, without copying', () => {
    const headers = { s: 'x', n: -5, f: 0.25, t: true, z: null, nested: { a: [1, 'two', { deep: false }] } }
    expect(jsonSafeHeaders(headers)).toBe(headers)
  })

  it('writes what JSON lacks as typed values amqplib can publish again', () => {
    const headers = {
      bytes: Buffer.from([0, 1, 254, 255]),
      when: { '!': 'timestamp', value: 1_700_000_000 },
      price: { '!': 'decimal', value: { places: 2, digits: 1999 } },
      nan: NaN,
      inf: -Infinity,
      big: 2n ** 70n,
      small: 42n,
      date: new Date(1_700_000_000_500),
      list: ['a', Buffer.from('hi'), [Infinity]],
      table: { inner: Buffer.alloc(0) },
    }
    const safe = jsonSafeHeaders(headers)
    expect(safe).toEqual({
      bytes: { '!': 'bytes', value: 'AAH+/w==' },
      when: { '!': 'timestamp', value: 1_700_000_000 },
      price: { '!': 'decimal', value: { places: 2, digits: 1999 } },
      nan: { '!': 'double', value: 'NaN' },
      inf: { '!': 'double', value: '-Infinity' },
      big: { '!': 'long', value: '1180591620717411303424' },
      small: 42,
      date: { '!': 'timestamp', value: 1_700_000_000 },
      list: ['a', { '!': 'bytes', value: 'aGk=' }, [{ '!': 'double', value: 'Infinity' }]],
      table: { inner: { '!': 'bytes', value: '' } },
    })
    // The input is left alone, and the result survives JSON unchanged.
    expect(Buffer.isBuffer(headers.bytes)).toBe(true)
    expect(JSON.parse(JSON.stringify(safe))).toEqual(safe)
  })

  it('never throws on what no decoder makes, and says what it was', () => {
    let deep: Record<string, unknown> = { leaf: 1 }
    for (let i = 0; i < 200; i++) deep = { d: deep }
    const odd = {
      fn: () => 1,
      sym: Symbol('s'),
      undef: undefined,
      map: new Map([[1, 2]]),
      bad: new Date(NaN),
      deep,
    }
    const safe = jsonSafeHeaders(odd)
    expect(safe.fn).toEqual({ '!': 'unreadable', value: 'a value of type function' })
    expect(safe.sym).toEqual({ '!': 'unreadable', value: 'a value of type symbol' })
    expect(safe.undef).toEqual({ '!': 'unreadable', value: 'a value of type undefined' })
    expect(safe.map).toEqual({ '!': 'unreadable', value: 'an object [object Map]' })
    expect(safe.bad).toEqual({ '!': 'unreadable', value: 'Invalid Date' })
    expect(JSON.stringify(safe)).toContain('"nested deeper than 64 levels"')
    expect(() => JSON.stringify(safe)).not.toThrow()
  })

  it('survives the history column, bytes and all', () => {
    const m = deliveryToIncoming(
      message(props({ headers: { raw: Buffer.from('\u00ff\u0000', 'latin1'), n: NaN } })),
      'q',
    )
    const back = stored(m.amqp!)
    expect(back?.properties.headers).toEqual({
      raw: { '!': 'bytes', value: '/wA=' },
      n: { '!': 'double', value: 'NaN' },
    })
  })
})

describe('basic properties the contract cannot hold', () => {
  it('keeps the rest and notes the dropped ones, as received, in a reserved header', () => {
    const p = amqpProperties(
      props({
        contentType: 'text/plain',
        deliveryMode: 3,
        timestamp: 2 ** 60,
        expiration: 'soon',
        priority: 300,
        clusterId: 'old-cluster',
        headers: { keep: 1 },
      }),
    )
    expect(p).toEqual({
      contentType: 'text/plain',
      headers: {
        keep: 1,
        [DROPPED_PROPERTIES_HEADER]: {
          deliveryMode: 3,
          timestamp: 2 ** 60,
          expiration: 'soon',
          priority: 300,
          clusterId: 'old-cluster',
        },
      },
    })
    expect(() => AmqpMeta.parse({ exchange: '', routingKey: '', properties: p })).not.toThrow()
  })

  it('makes a header table for the note when the message had none', () => {
    expect(amqpProperties(props({ clusterId: 'c' }))).toEqual({
      headers: { [DROPPED_PROPERTIES_HEADER]: { clusterId: 'c' } },
    })
  })
})
