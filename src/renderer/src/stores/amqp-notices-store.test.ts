import { describe, expect, it } from 'vitest'
import type { AmqpNotice } from '../../../shared/amqp'
import { blockedNotice, KEEP_NOTICES, mergeNotices } from './amqp-notices-store'

const notice = (id: number, kind: AmqpNotice['kind'], text: string = kind): AmqpNotice => ({
  id,
  profileId: 'p',
  at: id * 1000,
  kind,
  text,
})

describe('connection notices', () => {
  it('merges the list and the events by id, oldest first', () => {
    const merged = mergeNotices(
      [notice(2, 'blocked'), notice(1, 'restored')],
      [notice(3, 'unblocked'), notice(2, 'blocked')],
    )
    expect(merged.map((n) => n.id)).toEqual([1, 2, 3])
  })

  it(`keeps the newest ${KEEP_NOTICES}`, () => {
    const many = Array.from({ length: KEEP_NOTICES + 5 }, (_, i) => notice(i + 1, 'channel-closed'))
    const kept = mergeNotices([], many)
    expect(kept).toHaveLength(KEEP_NOTICES)
    expect(kept[0]!.id).toBe(6)
  })

  it('is blocked from a blocked notice until unblocked or the connection is lost', () => {
    expect(blockedNotice([])).toBeNull()
    const alarm = notice(2, 'blocked', 'low on memory')
    expect(blockedNotice([notice(1, 'restored'), alarm, notice(3, 'channel-closed')])).toEqual(alarm)
    expect(blockedNotice([alarm, notice(3, 'unblocked')])).toBeNull()
    expect(blockedNotice([alarm, notice(3, 'connection-lost')])).toBeNull()
    const again = notice(5, 'blocked', 'low on disk')
    expect(blockedNotice([alarm, notice(3, 'unblocked'), notice(4, 'restored'), again])).toEqual(again)
  })
})
