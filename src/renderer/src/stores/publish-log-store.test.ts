import { describe, expect, it } from 'vitest'
import type { PublishLogEntry } from '../../../shared/publish'
import { LOG_LIMIT, upsertEntry } from './publish-log-store'

const entry = (id: number, sent = 1): PublishLogEntry => ({
  id,
  profileId: 'p',
  protocol: 'mqtt',
  at: id,
  target: { protocol: 'mqtt', topic: 't', qos: 0, retain: false },
  template: false,
  size: 1,
  preview: 'x',
  previewTruncated: false,
  count: 10,
  sent,
  failed: 0,
  result: null,
  error: null,
})

describe('the publish log list', () => {
  it('keeps rows newest first, wherever a row arrives', () => {
    let list: PublishLogEntry[] = []
    for (const id of [2, 5, 1, 4]) list = upsertEntry(list, entry(id))
    expect(list.map((e) => e.id)).toEqual([5, 4, 2, 1])
  })

  it('replaces a job row in place when its totals change', () => {
    const list = [entry(3), entry(2, 1), entry(1)]
    const next = upsertEntry(list, entry(2, 7))
    expect(next.map((e) => [e.id, e.sent])).toEqual([
      [3, 1],
      [2, 7],
      [1, 1],
    ])
    expect(next).toHaveLength(3)
  })

  it('keeps at most LOG_LIMIT rows, dropping the oldest', () => {
    let list: PublishLogEntry[] = []
    for (let id = 1; id <= LOG_LIMIT + 5; id++) list = upsertEntry(list, entry(id))
    expect(list).toHaveLength(LOG_LIMIT)
    expect(list[0]!.id).toBe(LOG_LIMIT + 5)
    expect(list.at(-1)!.id).toBe(6)
  })
})
