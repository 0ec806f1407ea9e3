import { describe, expect, it } from 'vitest'
import type { BrokerEvent } from '../../../../shared/built-in-broker'
import { groupByClient, mergeEvents, shownTimeline } from './timeline-merge'

const ev = (id: number, kind: BrokerEvent['kind'] = 'publish', clientId = 'pico-w-1'): BrokerEvent => ({
  id,
  at: 1_700_000_000_000 + id,
  connectionId: `${clientId}#1`,
  clientId,
  kind,
  text: `${kind} ${id}`,
  topic: null,
  qos: null,
  retain: null,
  preview: null,
  size: null,
  reason: null,
})

describe('timeline merging', () => {
  it('appends a live batch that follows what is held', () => {
    const merged = mergeEvents([ev(1), ev(2)], [ev(3), ev(4)])
    expect(merged.map((e) => e.id)).toEqual([1, 2, 3, 4])
  })

  it('merges a read that overlaps the events already received, once each, in id order', () => {
    // events arrived while the read was under way; the read has some of them again
    const live = [ev(5), ev(6)]
    const read = [ev(2), ev(3), ev(4), ev(5)]
    expect(mergeEvents(live, read).map((e) => e.id)).toEqual([2, 3, 4, 5, 6])
  })

  it('keeps the newest lines only', () => {
    const many = Array.from({ length: 30 }, (_, i) => ev(i + 1))
    expect(mergeEvents([], many, 10).map((e) => e.id)).toEqual(Array.from({ length: 10 }, (_, i) => i + 21))
    expect(mergeEvents(many.slice(0, 10), many.slice(10), 10)[0]!.id).toBe(21)
  })

  it('returns the same list for an empty batch (no re-render)', () => {
    const held = [ev(1)]
    expect(mergeEvents(held, [])).toBe(held)
  })

  it('splits a batch by client id', () => {
    const groups = groupByClient([ev(1, 'connect', 'a'), ev(2, 'publish', 'b'), ev(3, 'disconnect', 'a')])
    expect([...groups.keys()]).toEqual(['a', 'b'])
    expect(groups.get('a')!.map((e) => e.id)).toEqual([1, 3])
  })

  it('shows the newest first, optionally without publishes, and counts what it leaves out', () => {
    const events = [ev(1, 'connect'), ev(2), ev(3), ev(4, 'will'), ev(5, 'disconnect')]
    expect(shownTimeline(events, { hidePublishes: false, max: 3 })).toMatchObject({ hidden: 2 })
    expect(shownTimeline(events, { hidePublishes: false, max: 3 }).lines.map((e) => e.id)).toEqual([5, 4, 3])
    const quiet = shownTimeline(events, { hidePublishes: true, max: 100 })
    expect(quiet.lines.map((e) => e.kind)).toEqual(['disconnect', 'will', 'connect'])
    expect(quiet.hidden).toBe(0)
  })
})
