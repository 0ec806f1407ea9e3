import type { Message } from 'amqplib'
import { describe, expect, it } from 'vitest'
import type { MessageRecord } from '../history/message-record'
import { AmqpPendingDeliveries } from './amqp-consumer-pending'

/** Pending messages with history ids 100, 101, … and delivery tags 1, 2, … */
function filled(n: number): AmqpPendingDeliveries {
  const pending = new AmqpPendingDeliveries()
  for (let i = 0; i < n; i++) {
    const record = { id: 100 + i } as MessageRecord
    const message = { fields: { deliveryTag: i + 1 } } as Message
    pending.add(record, message)
  }
  return pending
}

const frames = (plan: ReturnType<AmqpPendingDeliveries['take']>) =>
  plan.frames.map((f) => [f.message.fields.deliveryTag, f.multiple])

describe('AmqpPendingDeliveries', () => {
  it('lists oldest first', () => {
    expect(
      filled(3)
        .records()
        .map((r) => r.id),
    ).toEqual([100, 101, 102])
  })

  it('settles everything with one multiple frame up to the newest tag', () => {
    const pending = filled(5)
    const plan = pending.take(null)
    expect(frames(plan)).toEqual([[5, true]])
    expect(plan.settled).toEqual([100, 101, 102, 103, 104])
    expect(plan.missing).toEqual([])
    expect(pending.size).toBe(0)
  })

  it('settles a run from the oldest in one frame and the rest one by one', () => {
    const pending = filled(6)
    const plan = pending.take([104, 101, 100, 102])
    expect(frames(plan)).toEqual([
      [3, true],
      [5, false],
    ])
    expect(plan.settled).toEqual([100, 101, 102, 104])
    expect(
      pending.records().map((r) => r.id),
      'what is left keeps its order',
    ).toEqual([103, 105])
  })

  it('never uses multiple when the oldest is not requested (it would settle that one too)', () => {
    const pending = filled(4)
    const plan = pending.take([101, 102, 103])
    expect(frames(plan)).toEqual([
      [2, false],
      [3, false],
      [4, false],
    ])
    expect(pending.records().map((r) => r.id)).toEqual([100])
  })

  it('settles a single oldest message without multiple', () => {
    const plan = filled(3).take([100])
    expect(frames(plan)).toEqual([[1, false]])
  })

  it('reports ids that are not pending, once each, and settles nothing twice', () => {
    const pending = filled(2)
    expect(pending.take([101, 7, 7]).missing).toEqual([7])
    const again = pending.take([101])
    expect(again.frames).toEqual([])
    expect(again.missing).toEqual([101])
    expect(filled(0).take(null)).toEqual({ frames: [], settled: [], missing: [] })
  })

  it('forgets everything on clear and says how many', () => {
    const pending = filled(4)
    expect(pending.clear()).toBe(4)
    expect(pending.size).toBe(0)
  })
})
