import { describe, expect, it } from 'vitest'
import {
  argumentText,
  exchangeFlags,
  exchangeLabel,
  formatAmqpRate,
  formatMaybeCount,
  queueFlags,
  updatedAgo,
} from './amqp-format'

describe('AMQP figures on screen', () => {
  it('names the default exchange, whose name is empty', () => {
    expect(exchangeLabel('')).toBe('(default exchange)')
    expect(exchangeLabel('amq.topic')).toBe('amq.topic')
  })

  it('shows an unknown figure as a dash, never as 0', () => {
    expect(formatMaybeCount(null)).toBe('—')
    expect(formatMaybeCount(0, 'en-US')).toBe('0')
    expect(formatMaybeCount(12345, 'en-US')).toBe('12,345')
    expect(formatAmqpRate(null)).toBe('—')
    expect(formatAmqpRate(Number.NaN)).toBe('—')
  })

  it('keeps a trickle of messages visible and rounds big rates', () => {
    expect(formatAmqpRate(0, 'en-US')).toBe('0/s')
    expect(formatAmqpRate(0.04, 'en-US')).toBe('0.04/s')
    expect(formatAmqpRate(0.4, 'en-US')).toBe('0.4/s')
    expect(formatAmqpRate(3.25, 'en-US')).toBe('3.3/s')
    expect(formatAmqpRate(1250.4, 'en-US')).toBe('1,250/s')
    expect(formatAmqpRate(-1, 'en-US')).toBe('0/s')
  })

  it('says how old the figures are, to the second', () => {
    expect(updatedAgo(10_000, 10_400)).toBe('updated 0 s ago')
    expect(updatedAgo(10_000, 17_999)).toBe('updated 7 s ago')
    expect(updatedAgo(0, 125_000)).toBe('updated 2 min ago')
    expect(updatedAgo(0, 2 * 3600_000 + 5)).toBe('updated 2 h ago')
    // a clock that went back does not say "in the future"
    expect(updatedAgo(5000, 1000)).toBe('updated 0 s ago')
  })

  it('lists only the flags that are set, unknown ones left out', () => {
    expect(exchangeFlags({ durable: true, autoDelete: false, internal: true }).map((f) => f.short)).toEqual([
      'D',
      'I',
    ])
    expect(exchangeFlags({ durable: null, autoDelete: null, internal: null })).toEqual([])
    expect(queueFlags({ durable: false, autoDelete: true, exclusive: true }).map((f) => f.short)).toEqual([
      'AD',
      'Excl',
    ])
  })

  it('writes argument values in one line', () => {
    expect(argumentText('dlx')).toBe('dlx')
    expect(argumentText(60000)).toBe('60000')
    expect(argumentText({ a: [1, true] })).toBe('{"a":[1,true]}')
    expect(argumentText(null)).toBe('null')
  })
})
