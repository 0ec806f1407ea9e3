import { describe, expect, it } from 'vitest'
import type { SavedPayload } from '../../../../shared/saved-payloads'
import { draftErrors, draftOf, inputOf, metaForTopic, NEW_DRAFT } from './saved-payload-draft'

const saved = (payload: Uint8Array): SavedPayload => ({
  id: 1,
  folder: 'a/b',
  name: 'cmd',
  protocol: 'mqtt',
  topic: 'x/y',
  qos: 1,
  retain: true,
  properties: { contentType: 'application/json' },
  amqp: null,
  kafka: null,
  note: 'n',
  size: payload.length,
  payload,
  createdAt: 0,
  updatedAt: 0,
})

describe('saved payload draft', () => {
  it('edits text payloads and keeps what the form does not show', () => {
    const s = saved(new TextEncoder().encode('{"on":true}'))
    const d = draftOf(s)
    expect(d).toMatchObject({ name: 'cmd', folder: 'a/b', qos: 1, retain: true, text: '{"on":true}' })
    const input = inputOf({ ...d, text: 'off' }, s)
    expect(new TextDecoder().decode(input.payload)).toBe('off')
    expect(input.properties).toEqual({ contentType: 'application/json' })
  })

  it('keeps binary bytes as they are', () => {
    const bytes = Uint8Array.from([0xff, 0x00, 0x01])
    const s = saved(bytes)
    const d = draftOf(s)
    expect(d.text).toBeNull()
    expect(inputOf({ ...d, name: 'renamed' }, s).payload).toBe(bytes)
  })

  it('checks name and topic', () => {
    expect(draftErrors(NEW_DRAFT)).toEqual({ name: 'Name is required' })
    expect(draftErrors({ ...NEW_DRAFT, name: 'x', topic: 'a/#' })).toEqual({
      topic: 'A topic to publish to cannot hold + or #',
    })
    expect(inputOf({ ...NEW_DRAFT, name: ' x ' }, null)).toMatchObject({ name: 'x', protocol: 'mqtt' })
  })

  it('keeps AMQP and Kafka metadata, and an edited path edits where they go', () => {
    const amqp = {
      exchange: '',
      routingKey: 'jobs',
      properties: { priority: 2 },
      redelivered: false,
      queue: null,
    }
    const a = {
      ...saved(new Uint8Array([1])),
      protocol: 'amqp' as const,
      topic: '(default exchange)/jobs',
      amqp,
    }
    expect(inputOf(draftOf(a), a).amqp).toEqual(amqp)
    expect(metaForTopic('orders/eu.created', a).amqp).toMatchObject({
      exchange: 'orders',
      routingKey: 'eu.created',
      properties: { priority: 2 },
    })
    expect(metaForTopic('(default exchange)/other', a).amqp).toMatchObject({
      exchange: '',
      routingKey: 'other',
    })
    const kafka = {
      topic: 'orders',
      partition: 1,
      offset: '5',
      key: null,
      headers: [],
      timestamp: 1,
      timestampType: null,
    }
    const k = {
      ...saved(new Uint8Array([1])),
      protocol: 'kafka' as const,
      topic: 'orders/1',
      amqp: null,
      kafka,
    }
    expect(metaForTopic('orders-test/1', k).kafka).toMatchObject({ topic: 'orders-test', partition: 1 })
    expect(metaForTopic('orders/1', k).kafka).toBe(kafka)
  })
})
