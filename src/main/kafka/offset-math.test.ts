import { describe, expect, it } from 'vitest'
import { clampOffset, committedOrNull, lagOf, toOffset, totalLag } from './offset-math'

describe('committedOrNull', () => {
  it('reads "-1", other negatives, empty and missing as no commit', () => {
    expect(committedOrNull('-1')).toBeNull()
    expect(committedOrNull('-2')).toBeNull()
    expect(committedOrNull('')).toBeNull()
    expect(committedOrNull(null)).toBeNull()
    expect(committedOrNull(undefined)).toBeNull()
  })
  it('keeps 0 as a commit and int64 offsets exactly', () => {
    expect(committedOrNull('0')).toBe(0n)
    expect(committedOrNull('9223372036854775806')).toBe(9223372036854775806n)
  })
})

describe('lagOf', () => {
  it('is null without a commit, never 0', () => {
    expect(lagOf(null, 100n)).toBeNull()
    expect(lagOf(null, 0n)).toBeNull()
  })
  it('is logEnd − committed, 0 when caught up', () => {
    expect(lagOf(5n, 10n)).toBe(5)
    expect(lagOf(10n, 10n)).toBe(0)
  })
  it('counts from a commit below logStart, not from logStart', () => {
    // Records 0..99 were deleted by retention; the group committed 40 and has lost 40..99 too.
    expect(lagOf(40n, 150n)).toBe(110)
  })
  it('is 0, not negative, for a commit past the log end', () => {
    expect(lagOf(20n, 10n)).toBe(0)
  })
  it('is exact for offsets beyond 2^53 (the subtraction is on BigInt)', () => {
    const end = toOffset('9007199254740993') // 2^53 + 1: not a double
    expect(lagOf(toOffset('9007199254740990'), end)).toBe(3)
    expect(Number('9007199254740993') - Number('9007199254740990')).not.toBe(3)
  })
})

describe('totalLag', () => {
  it('sums the lags that exist', () => {
    expect(totalLag([5, null, 0, 7])).toBe(12)
  })
  it('is 0 when every commit is caught up, null when there is no commit at all', () => {
    expect(totalLag([0, null])).toBe(0)
    expect(totalLag([null, null])).toBeNull()
    expect(totalLag([])).toBeNull()
  })
})

describe('clampOffset', () => {
  it('keeps offsets inside [logStart, logEnd] and moves the others to the nearest bound', () => {
    expect(clampOffset(5n, 2n, 10n)).toBe(5n)
    expect(clampOffset(2n, 2n, 10n)).toBe(2n)
    expect(clampOffset(10n, 2n, 10n)).toBe(10n)
    expect(clampOffset(-3n, 2n, 10n)).toBe(2n)
    expect(clampOffset(11n, 2n, 10n)).toBe(10n)
  })
})
