import { describe, expect, it } from 'vitest'
import type { AmqpConsumerStatus } from '../../../shared/amqp'
import type { MessageSummary } from '../../../shared/messages'
import {
  NO_PENDING,
  pendingStale,
  selectionAfter,
  withoutSettled,
  type PendingList,
} from './amqp-pending-store'

const message = (id: number): MessageSummary => ({
  id,
  profileId: 'p',
  protocol: 'amqp',
  direction: 'in',
  topic: 'shop/order.created',
  receivedAt: id,
  size: 2,
  preview: '{}',
  previewTruncated: false,
  qos: null,
  retain: false,
  dup: false,
  properties: null,
  amqp: {
    exchange: 'shop',
    routingKey: 'order.created',
    properties: {},
    redelivered: false,
    queue: 'orders',
  },
  kafka: null,
})

const list = (ids: number[], selected: number | null): PendingList => ({
  ...NO_PENDING,
  messages: ids.map(message),
  selected,
  readFor: { pending: ids.length, delivered: ids.length },
})

describe('pending messages', () => {
  it('drops the settled ones and moves the selection to the next one still pending', () => {
    const after = withoutSettled(list([1, 2, 3, 4], 2), [2, 3])
    expect(after.messages.map((m) => m.id)).toEqual([1, 4])
    expect(after.selected).toBe(4)
    // the last one went: its predecessor
    expect(withoutSettled(list([1, 2, 3], 3), [3]).selected).toBe(2)
    // another one went: the selection stays
    expect(withoutSettled(list([1, 2, 3], 1), [3]).selected).toBe(1)
  })

  it('empties the list when all were settled', () => {
    expect(withoutSettled(list([1, 2], 1), null)).toMatchObject({ messages: [], selected: null })
    expect(withoutSettled(list([1, 2], 1), [1, 2]).selected).toBeNull()
    expect(selectionAfter([], null, new Set([1]))).toBeNull()
  })

  it('reads again when the consumer’s counts moved since the list was read', () => {
    const status = (pending: number, delivered: number) => ({ pending, delivered }) as AmqpConsumerStatus
    const l = list([1, 2], 1)
    expect(pendingStale(l, status(2, 2))).toBe(false)
    expect(pendingStale(l, status(3, 3))).toBe(true)
    // one acked elsewhere and one delivered: the same count, other messages
    expect(pendingStale(l, status(2, 3))).toBe(true)
    expect(pendingStale(NO_PENDING, status(0, 0))).toBe(true)
  })
})
