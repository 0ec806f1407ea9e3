import { describe, expect, it } from 'vitest'
import {
  formatCount,
  formatDuration,
  formatLag,
  formatOffset,
  formatPerSecond,
  offsetSpan,
} from './kafka-numbers'

describe('Kafka figures', () => {
  it('groups offsets as text, exactly, past 2^53', () => {
    expect(formatOffset('0', 'en-US')).toBe('0')
    expect(formatOffset('999', 'en-US')).toBe('999')
    expect(formatOffset('1000', 'en-US')).toBe('1,000')
    expect(formatOffset('9223372036854775807', 'en-US')).toBe('9,223,372,036,854,775,807')
    expect(formatOffset('-1001', 'en-US')).toBe('-1,001')
    expect(formatOffset('000123', 'en-US')).toBe('123')
    expect(formatOffset('1234567', 'de-DE')).toBe('1.234.567')
    expect(formatOffset('not a number', 'en-US')).toBe('not a number')
  })

  it('says "—" for a lag without a commit, never 0', () => {
    expect(formatLag(null, 'en-US')).toBe('—')
    expect(formatLag(0, 'en-US')).toBe('0')
    expect(formatLag(1_234_567, 'en-US')).toBe('1,234,567')
    expect(formatCount(3000, 'en-US')).toBe('3,000')
  })

  it('spans offsets without losing digits and never goes negative', () => {
    expect(offsetSpan('0', '3000')).toBe(3000)
    expect(offsetSpan('9007199254740993', '9007199254741993')).toBe(1000)
    expect(offsetSpan('10', '5')).toBe(0)
    expect(offsetSpan('x', '5')).toBe(0)
  })

  it('reads rates and durations as people say them', () => {
    expect(formatPerSecond(-0.44, 'en-US')).toBe('0.4')
    expect(formatPerSecond(120.4, 'en-US')).toBe('120')
    expect(formatPerSecond(-1234.6, 'en-US')).toBe('1,235')
    expect(formatDuration(44.6)).toBe('45 s')
    expect(formatDuration(179)).toBe('3 min')
    expect(formatDuration(2 * 3600 + 10 * 60)).toBe('2 h 10 min')
    expect(formatDuration(3 * 3600)).toBe('3 h')
    expect(formatDuration(3 * 86400 + 4 * 3600)).toBe('3 d 4 h')
  })
})
