import { describe, expect, it } from 'vitest'
import type { AmqpQueueInfo } from '../../../../shared/amqp'
import { queueStateTone, visibleQueues, type QueueSortKey } from './queue-list'

const queue = (name: string, ready: number | null, unacked: number | null, p: Partial<AmqpQueueInfo> = {}) =>
  ({
    name,
    type: 'classic',
    durable: true,
    autoDelete: false,
    exclusive: false,
    arguments: {},
    state: 'running',
    messages: ready === null ? null : ready + (unacked ?? 0),
    messagesReady: ready,
    messagesUnacked: unacked,
    consumers: 0,
    publishRate: null,
    deliverRate: null,
    ackRate: null,
    bytes: null,
    source: 'management',
    ...p,
  }) satisfies AmqpQueueInfo

const all = [
  queue('orders', 120, 5, { consumers: 2, publishRate: 4 }),
  queue('billing', 0, 0, { type: 'quorum', deliverRate: 9 }),
  queue('audit.log', 3000, 0, { type: 'stream', state: 'idle' }),
  queue('watched-only', 7, null, { source: 'amqp', state: null, type: null }),
]

describe('the queue list', () => {
  const names = (key: QueueSortKey, desc: boolean, search = '') =>
    visibleQueues(all, { search, sort: { key, desc } }).map((q) => q.name)

  it('sorts by each figure, the unknown last', () => {
    expect(names('ready', true)).toEqual(['audit.log', 'orders', 'watched-only', 'billing'])
    expect(names('unacked', true)).toEqual(['orders', 'audit.log', 'billing', 'watched-only'])
    expect(names('total', false)).toEqual(['billing', 'watched-only', 'orders', 'audit.log'])
    expect(names('consumers', true)[0]).toBe('orders')
    expect(names('publish', true)[0]).toBe('orders')
    expect(names('deliver', true)[0]).toBe('billing')
    expect(names('type', false)).toEqual(['orders', 'billing', 'audit.log', 'watched-only'])
    expect(names('state', false).at(-1)).toBe('watched-only')
  })

  it('searches names, case aside', () => {
    expect(names('name', false, 'LOG')).toEqual(['audit.log'])
    expect(names('name', false, '  ')).toHaveLength(4)
  })

  it('tells which states need attention', () => {
    expect(queueStateTone('running')).toBe('ok')
    expect(queueStateTone('idle')).toBe('ok')
    expect(queueStateTone('flow')).toBe('warn')
    expect(queueStateTone('down')).toBe('bad')
    expect(queueStateTone(null)).toBe('unknown')
  })
})
