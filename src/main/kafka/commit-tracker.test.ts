import { describe, expect, it } from 'vitest'
import { CommitTracker } from './commit-tracker'

describe('CommitTracker', () => {
  const clock = () => {
    let t = 1000
    return { now: () => t, advance: (ms: number) => (t += ms) }
  }

  it('says nothing on the first look, and the time of each later change', () => {
    const c = clock()
    const tracker = new CommitTracker(c.now)
    expect(tracker.observe('p', 'g', 't', 0, '5')).toBeNull()
    c.advance(10)
    expect(tracker.observe('p', 'g', 't', 0, '5')).toBeNull()
    c.advance(10)
    expect(tracker.observe('p', 'g', 't', 0, '8')).toBe(1020)
    c.advance(10)
    expect(tracker.observe('p', 'g', 't', 0, '8')).toBe(1020)
    c.advance(10)
    expect(tracker.observe('p', 'g', 't', 0, '3')).toBe(1040)
  })

  it('keeps partitions, groups and profiles apart, and counts a first commit after "none" as a change', () => {
    const c = clock()
    const tracker = new CommitTracker(c.now)
    expect(tracker.observe('p', 'g', 't', 0, '1')).toBeNull()
    expect(tracker.observe('p', 'g', 't', 1, null)).toBeNull()
    expect(tracker.observe('p', 'h', 't', 0, '9')).toBeNull()
    expect(tracker.observe('q', 'g', 't', 0, '9')).toBeNull()
    c.advance(5)
    expect(tracker.observe('p', 'g', 't', 0, '2')).toBe(1005)
    expect(tracker.observe('p', 'h', 't', 0, '9')).toBeNull()
    // "no commit" was not recorded, so the first commit is a first look.
    expect(tracker.observe('p', 'g', 't', 1, '4')).toBeNull()
    c.advance(5)
    expect(tracker.observe('p', 'g', 't', 1, null)).toBe(1010)
  })

  it('forgets a group or a profile', () => {
    const tracker = new CommitTracker(() => 1)
    tracker.observe('p', 'g', 't', 0, '1')
    tracker.observe('p', 'g2', 't', 0, '1')
    tracker.observe('p2', 'g', 't', 0, '1')
    tracker.forget('p', 'g')
    expect(tracker.size).toBe(2)
    tracker.forget('p')
    expect(tracker.size).toBe(1)
  })

  it('keeps at most maxEntries, dropping the oldest', () => {
    let t = 0
    const tracker = new CommitTracker(() => ++t, 2)
    tracker.observe('p', 'g', 't', 0, '1')
    tracker.observe('p', 'g', 't', 1, '1')
    tracker.observe('p', 'g', 't', 2, '1')
    expect(tracker.size).toBe(2)
    // Partition 0 was dropped: this is a first look again.
    expect(tracker.observe('p', 'g', 't', 0, '2')).toBeNull()
    expect(tracker.observe('p', 'g', 't', 2, '2')).not.toBeNull()
  })
})
