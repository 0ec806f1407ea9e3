import { describe, expect, it } from 'vitest'
import type { AmqpMeta } from '../../shared/messages'
import { encodeFrame } from '../../shared/wire'
import { decodeStoredMeta, encodeStoredMeta, type StoredMeta } from './stored-properties'

const amqp = (headers?: Record<string, unknown>): StoredMeta => {
  const meta: AmqpMeta = {
    exchange: 'events',
    routingKey: 'orders.eu',
    properties: { contentType: 'application/json', timestamp: 1_700_000_000, ...(headers && { headers }) },
    redelivered: false,
    queue: 'orders',
  }
  return { properties: null, kafka: null, amqp: meta }
}

describe('stored AMQP metadata', () => {
  it('is written exactly as the bytes-aware encoder writes it, with or without headers', () => {
    for (const r of [amqp(), amqp({ tenant: 'acme', nested: { list: [1, 'two', null], ok: true } })]) {
      expect(encodeStoredMeta(r)).toBe(encodeFrame({ amqp: r.amqp }))
      expect(decodeStoredMeta(encodeStoredMeta(r))).toEqual(r)
    }
  })

  it('still marks bytes anywhere in the header table, and reads them back as bytes', () => {
    const bytes = Uint8Array.from([0, 1, 255])
    for (const headers of [{ raw: bytes }, { deep: { list: [1, { raw: bytes }] } }]) {
      const text = encodeStoredMeta(amqp(headers))!
      expect(text).toContain('{"$bytes":"AAH/"}')
      expect(decodeStoredMeta(text)).toEqual(amqp(headers))
    }
  })

  it('leaves Kafka and MQTT metadata to the bytes-aware encoder', () => {
    const kafka: StoredMeta = {
      properties: null,
      amqp: null,
      kafka: {
        topic: 't',
        partition: 0,
        offset: '5',
        key: Uint8Array.from([1]),
        headers: [],
        timestamp: 1,
        timestampType: 'create',
      },
    }
    expect(encodeStoredMeta(kafka)).toContain('"key":{"$bytes":"AQ=="}')
    expect(decodeStoredMeta(encodeStoredMeta(kafka))).toEqual(kafka)
    const mqtt: StoredMeta = {
      amqp: null,
      kafka: null,
      properties: { correlationData: Uint8Array.from([2]) },
    }
    expect(decodeStoredMeta(encodeStoredMeta(mqtt))).toEqual(mqtt)
  })
})
