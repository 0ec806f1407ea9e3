import { describe, expect, it } from 'vitest'
import { clockMs, duration, kindColor } from './timeline-text'

describe('timeline words', () => {
  it('marks unplanned endings red and planned ones grey', () => {
    expect(kindColor({ kind: 'disconnect', reason: 'keepalive-timeout' })).toBe('red')
    expect(kindColor({ kind: 'disconnect', reason: 'clean' })).toBe('gray')
    expect(kindColor({ kind: 'disconnect', reason: null })).toBe('gray')
    expect(kindColor({ kind: 'will', reason: null })).toBe('orange')
  })

  it('writes times to the millisecond, local time', () => {
    const at = new Date(2024, 5, 1, 9, 5, 7, 41).getTime()
    expect(clockMs(at)).toBe('09:05:07.041')
  })

  it('writes durations at a sensible precision', () => {
    expect(duration(3200)).toBe('3.2 s')
    expect(duration(48_400)).toBe('48 s')
    expect(duration(12 * 60_000)).toBe('12 min')
    expect(duration(3 * 3_600_000)).toBe('3.0 h')
    expect(duration(-5)).toBe('0.0 s')
  })
})
