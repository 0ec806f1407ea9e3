import { describe, expect, it } from 'vitest'
import { newRow } from '../publish/kv-rows'
import { checkTopicDraft, topicNameError, type TopicDraft } from './topic-draft'

const draft = (p: Partial<TopicDraft> = {}): TopicDraft => ({
  name: 'orders',
  partitions: 3,
  replicationFactor: '',
  configs: [],
  ...p,
})
const ctx = { existing: ['payments', 'user.events'], brokers: 1 }

describe('the create-topic form', () => {
  it('checks names as Kafka does', () => {
    expect(topicNameError('', [])).toBe('A name is required')
    expect(topicNameError('bad topic', [])).toBe('Only a-z A-Z 0-9 . _ - are allowed')
    expect(topicNameError('..', [])).toBe('Not “.” or “..”')
    expect(topicNameError('x'.repeat(250), [])).toBe('At most 249 characters')
    expect(topicNameError('payments', ctx.existing)).toBe('A topic of that name exists')
    expect(topicNameError('user_events', ctx.existing)).toContain('Collides with “user.events”')
    expect(topicNameError('orders.v2_eu', ctx.existing)).toBeUndefined()
  })

  it('gives the topic to create, the brokers’ default replication when left empty', () => {
    const rows = [newRow('retention.ms', '86400000'), newRow('', ''), newRow('cleanup.policy', 'compact')]
    expect(checkTopicDraft(draft({ configs: rows }), ctx)).toEqual({
      ok: true,
      topic: {
        name: 'orders',
        partitions: 3,
        replicationFactor: -1,
        configs: { 'retention.ms': '86400000', 'cleanup.policy': 'compact' },
      },
    })
    const r = checkTopicDraft(draft({ partitions: '6', replicationFactor: '1' }), ctx)
    expect(r.ok && r.topic.partitions === 6 && r.topic.replicationFactor === 1).toBe(true)
  })

  it('names each field that is wrong', () => {
    const dup = [newRow('retention.ms', '1'), newRow('retention.ms', '2'), newRow('', 'x')]
    const r = checkTopicDraft(draft({ name: 'a b', partitions: 0, replicationFactor: 3, configs: dup }), ctx)
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(r.errors.name).toBe('Only a-z A-Z 0-9 . _ - are allowed')
    expect(r.errors.partitions).toBe('A whole number from 1 to 100,000')
    expect(r.errors.replicationFactor).toBe('At most 1: the cluster has 1 broker')
    expect(r.errors.configs[dup[1]!.id]).toBe('“retention.ms” is given twice')
    expect(r.errors.configs[dup[2]!.id]).toBe('A config name is required')
    expect(r.errors.configs[dup[0]!.id]).toBeUndefined()
    expect(checkTopicDraft(draft({ partitions: '2.5' }), ctx).ok).toBe(false)
  })
})
