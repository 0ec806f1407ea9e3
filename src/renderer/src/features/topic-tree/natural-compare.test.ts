import { describe, expect, it } from 'vitest'
import { naturalCompare, sortKey } from './natural-compare'

describe('naturalCompare', () => {
  const sorted = (xs: string[]) => [...xs].sort((a, b) => naturalCompare(sortKey(a), sortKey(b)))

  it('orders digit runs by value', () => {
    expect(sorted(['sensor10', 'sensor2', 'sensor1'])).toEqual(['sensor1', 'sensor2', 'sensor10'])
    expect(sorted(['a-100-b', 'a-20-b', 'a-3-b'])).toEqual(['a-3-b', 'a-20-b', 'a-100-b'])
  })

  it('ignores case through the key and keeps leading zeros apart', () => {
    expect(sorted(['Beta', 'alpha', 'Gamma'])).toEqual(['alpha', 'Beta', 'Gamma'])
    expect(naturalCompare('7', '007')).toBeLessThan(0)
    expect(naturalCompare('007', '7')).toBeGreaterThan(0)
    expect(naturalCompare('x', 'x')).toBe(0)
  })

  it('puts the empty level and prefixes first', () => {
    expect(sorted(['ab', '', 'a'])).toEqual(['', 'a', 'ab'])
  })

  it('handles numbers longer than a double', () => {
    expect(naturalCompare('n123456789012345678901', 'n123456789012345678902')).toBeLessThan(0)
  })
})
