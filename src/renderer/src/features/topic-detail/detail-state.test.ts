import { describe, expect, it } from 'vitest'
import type { MessageSummary } from '../../../../shared/messages'
import type { TopicDetail } from '../../../../shared/topic-tree'
import { appendOlder, detailFromSnapshot, LIVE_MESSAGES_KEPT, mergeDetailDelta } from './detail-state'

function msg(id: number): MessageSummary {
  return {
    id,
    profileId: 'p1',
    protocol: 'mqtt',
    direction: 'in',
    topic: 't',
    receivedAt: id * 1000,
    size: 4,
    preview: String(id),
    previewTruncated: false,
    qos: 0,
    retain: false,
    dup: false,
    properties: null,
    amqp: null,
    kafka: null,
  }
}
function detail(over: Partial<TopicDetail> = {}): TopicDetail {
  return {
    path: 't',
    node: null,
    messages: [],
    skipped: 0,
    series: [],
    numericFields: [],
    olderAvailable: false,
    ...over,
  }
}

describe('detail state', () => {
  it('puts new messages on top, once each', () => {
    const s = detailFromSnapshot(detail({ messages: [msg(2), msg(1)], series: [[1000, 1]] }))
    const next = mergeDetailDelta(
      s,
      detail({ messages: [msg(4), msg(3), msg(2)], series: [[3000, 3]], skipped: 5 }),
    )
    expect(next.messages.map((m) => m.id)).toEqual([4, 3, 2, 1])
    expect(next.series).toEqual([
      [1000, 1],
      [3000, 3],
    ])
    expect(next.skipped).toBe(5)
  })

  it('ignores a delta for another topic and keeps fields when a delta has none', () => {
    const s = detailFromSnapshot(detail({ numericFields: ['temperature'] }))
    expect(mergeDetailDelta(s, detail({ path: 'other', messages: [msg(9)] }))).toBe(s)
    expect(mergeDetailDelta(s, detail()).numericFields).toEqual(['temperature'])
  })

  it('caps the live list', () => {
    let s = detailFromSnapshot(detail())
    for (let i = 1; i <= LIVE_MESSAGES_KEPT + 50; i += 10) {
      s = mergeDetailDelta(s, detail({ messages: Array.from({ length: 10 }, (_, k) => msg(i + 9 - k)) }))
    }
    expect(s.messages).toHaveLength(LIVE_MESSAGES_KEPT)
    expect(s.messages[0]?.id).toBe(LIVE_MESSAGES_KEPT + 50)
  })

  it('offers older messages when the snapshot says there are, and again once the tail is trimmed', () => {
    expect(detailFromSnapshot(detail({ messages: [msg(2)], olderAvailable: false })).olderDone).toBe(true)
    let s = detailFromSnapshot(detail({ messages: [msg(2)], olderAvailable: true }))
    expect(s.olderDone).toBe(false)
    s = { ...s, olderDone: true }
    // deltas never say olderAvailable; a small one keeps what the snapshot knew
    expect(mergeDetailDelta(s, detail({ messages: [msg(3)] })).olderDone).toBe(true)
    const flood = Array.from({ length: LIVE_MESSAGES_KEPT + 5 }, (_, k) => msg(LIVE_MESSAGES_KEPT + 10 - k))
    expect(mergeDetailDelta(s, detail({ messages: flood })).olderDone).toBe(false)
  })

  it('adds older pages below and knows when the start is reached', () => {
    const s = detailFromSnapshot(detail({ messages: [msg(10), msg(9)] }))
    const older = appendOlder(s, [msg(9), msg(8), msg(7)], 3)
    expect(older.messages.map((m) => m.id)).toEqual([10, 9, 8, 7])
    expect(older.olderDone).toBe(false)
    expect(appendOlder(older, [msg(6)], 3).olderDone).toBe(true)
  })
})
