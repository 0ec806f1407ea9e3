import { describe, expect, it } from 'vitest'
import {
  EMPTY_KAFKA_DRAFT,
  kafkaDraftOf,
  kafkaDraftToTarget,
  kafkaFieldOfPath,
  liveKafkaTopicError,
  type KafkaDraft,
} from './kafka-target-draft'
import { newRow } from './kv-rows'

const draft = (p: Partial<KafkaDraft>): KafkaDraft => ({ ...EMPTY_KAFKA_DRAFT, ...p })

describe('the Kafka target form', () => {
  it('lets the partitioner choose and sends no key when both are empty', () => {
    expect(kafkaDraftToTarget(draft({ topic: 'orders' }))).toEqual({
      ok: true,
      target: { protocol: 'kafka', topic: 'orders', partition: null, key: null, headers: [] },
    })
  })

  it('sends a partition number, a key as text or hex, and headers', () => {
    const r = kafkaDraftToTarget(
      draft({ topic: 'orders', partition: '2', key: '01 02', keyMode: 'hex', headers: [newRow('h', 'v')] }),
    )
    expect(r.ok).toBe(true)
    if (!r.ok || r.target.protocol !== 'kafka') return
    expect(r.target.partition).toBe(2)
    expect([...r.target.key!]).toEqual([1, 2])
    expect(r.target.headers.map(([k, v]) => [k, new TextDecoder().decode(v)])).toEqual([['h', 'v']])
    expect(kafkaDraftToTarget(kafkaDraftOf(r.target))).toEqual(r)
    const text = kafkaDraftToTarget(draft({ topic: 't', key: 'user-1' }))
    expect(text.ok && text.target.protocol === 'kafka' && new TextDecoder().decode(text.target.key!)).toBe(
      'user-1',
    )
  })

  it('names the topic, partition and key fields when they are wrong', () => {
    const r = kafkaDraftToTarget(draft({ topic: 'has space', partition: '-1', key: 'zz', keyMode: 'hex' }))
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(r.errors.fields.topic).toBe('Only a-z A-Z 0-9 . _ - are allowed')
    expect(r.errors.fields.partition).toMatch(/partition number/)
    expect(r.errors.fields.key).toMatch(/Invalid hex/)
    expect(kafkaDraftToTarget(draft({})).ok).toBe(false)
    expect(liveKafkaTopicError('')).toBeNull()
    expect(liveKafkaTopicError('x'.repeat(250))).toBe('At most 249 characters')
  })

  it('maps issue paths of the core to form fields', () => {
    expect(kafkaFieldOfPath('target.partition')).toBe('partition')
    expect(kafkaFieldOfPath('headers.0.1')).toBe('headers')
    expect(kafkaFieldOfPath('payload')).toBeNull()
  })
})
