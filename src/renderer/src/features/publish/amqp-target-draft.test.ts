import { describe, expect, it } from 'vitest'
import {
  amqpDraftOf,
  amqpDraftToTarget,
  amqpFieldOfPath,
  amqpPropertyCount,
  EMPTY_AMQP_DRAFT,
  type AmqpDraft,
} from './amqp-target-draft'
import { newRow } from './kv-rows'

const draft = (p: Partial<AmqpDraft>): AmqpDraft => ({ ...EMPTY_AMQP_DRAFT, ...p })

describe('the AMQP target form', () => {
  it('sends to the default exchange with no properties when only a routing key is given', () => {
    expect(amqpDraftToTarget(draft({ routingKey: 'orders' }))).toEqual({
      ok: true,
      target: { protocol: 'amqp', exchange: '', routingKey: 'orders', mandatory: false, properties: {} },
    })
  })

  it('sends every property that is set, headers parsed as JSON', () => {
    const d = draft({
      exchange: 'amq.topic',
      routingKey: 'a.b',
      mandatory: true,
      contentType: 'application/json',
      deliveryMode: '2',
      correlationId: 'c-1',
      replyTo: 'replies',
      expiration: '60000',
      priority: '5',
      messageId: 'm-1',
      headers: [newRow('x-retry', '3'), newRow('x-source', '"ui"')],
    })
    const r = amqpDraftToTarget(d)
    expect(r).toEqual({
      ok: true,
      target: {
        protocol: 'amqp',
        exchange: 'amq.topic',
        routingKey: 'a.b',
        mandatory: true,
        properties: {
          contentType: 'application/json',
          deliveryMode: 2,
          correlationId: 'c-1',
          replyTo: 'replies',
          expiration: '60000',
          priority: 5,
          messageId: 'm-1',
          headers: { 'x-retry': 3, 'x-source': 'ui' },
        },
      },
    })
    expect(amqpPropertyCount(d)).toBe(9)
    // and back into the form
    if (r.ok && r.target.protocol === 'amqp') {
      const back = amqpDraftOf(r.target)
      expect(back.headers.map((h) => [h.key, h.value])).toEqual([
        ['x-retry', '3'],
        ['x-source', '"ui"'],
      ])
      expect(amqpDraftToTarget(back)).toEqual(r)
    }
  })

  it('names the fields with bad values and the header row that is not JSON', () => {
    const bad = newRow('x-user', 'bob')
    const r = amqpDraftToTarget(
      draft({ expiration: '1m', priority: '256', routingKey: 'é'.repeat(200), headers: [bad] }),
    )
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(r.errors.fields).toEqual({
      expiration: 'Whole milliseconds, e.g. 60000',
      priority: 'A whole number from 0 to 255',
      routingKey: 'At most 255 bytes',
    })
    expect(r.errors.rows[bad.id]).toMatch(/not JSON/)
  })

  it('maps issue paths of the core to form fields', () => {
    expect(amqpFieldOfPath('target.properties.priority')).toBe('priority')
    expect(amqpFieldOfPath('target.properties.headers.x-a')).toBe('headers')
    expect(amqpFieldOfPath('exchange')).toBe('exchange')
    expect(amqpFieldOfPath('nothing')).toBeNull()
  })
})
