import { describe, expect, it } from 'vitest'
import { formatAgo, formatClock, stateHeadline, stateLine } from './connection-text'

describe('connection text', () => {
  it('names each state', () => {
    expect(stateHeadline({ state: 'connecting', attempt: 0 })).toBe('Connecting…')
    expect(stateHeadline({ state: 'reconnecting', attempt: 3 })).toBe('Reconnecting (attempt 3)')
    expect(stateLine({ state: 'reconnecting', attempt: 3, reason: 'read ECONNRESET' })).toBe(
      'Reconnecting (attempt 3): read ECONNRESET',
    )
    expect(stateLine({ state: 'failed', attempt: 0, reason: 'Connection refused: Not authorized' })).toBe(
      'Failed: Connection refused: Not authorized',
    )
    expect(stateLine({ state: 'connected', attempt: 0, reason: null })).toBe('Connected')
  })

  it('says how long ago', () => {
    expect(formatAgo(1000, 3000)).toBe('just now')
    expect(formatAgo(0, 42_000)).toBe('42 s ago')
    expect(formatAgo(0, 5 * 60_000 + 10)).toBe('5 min ago')
    expect(formatAgo(0, 3 * 3600_000)).toBe('3 h ago')
    expect(formatAgo(0, 72 * 3600_000)).toBe('3 d ago')
  })

  it('reads the 24-hour clock of the message lists: the time today, the day and time before', () => {
    const afternoon = new Date(2026, 2, 12, 17, 4, 9).getTime()
    expect(formatClock(afternoon, afternoon + 60_000)).toBe('17:04:09')
    const morning = new Date(2026, 2, 12, 7, 5, 0).getTime()
    expect(formatClock(morning, morning)).toBe('07:05:00')
    const before = formatClock(afternoon, new Date(2026, 2, 14, 9, 0, 0).getTime())
    expect(before).toMatch(/^12 \S+ 17:04$/)
    expect(before).not.toMatch(/AM|PM/)
  })
})
