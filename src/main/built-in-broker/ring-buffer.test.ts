import { describe, expect, it } from 'vitest'
import { RingBuffer } from './ring-buffer'

describe('RingBuffer', () => {
  it('keeps the newest items, oldest first, and says what it pushed out', () => {
    const ring = new RingBuffer<number>(3)
    expect([1, 2, 3].map((n) => ring.push(n))).toEqual([undefined, undefined, undefined])
    expect(ring.push(4)).toBe(1)
    expect(ring.push(5)).toBe(2)
    expect(ring.toArray()).toEqual([3, 4, 5])
    expect(ring.size).toBe(3)
  })

  it('gives the newest `limit` items in order, across the wrap', () => {
    const ring = new RingBuffer<number>(4)
    for (let n = 1; n <= 10; n++) ring.push(n)
    expect(ring.toArray(2)).toEqual([9, 10])
    expect(ring.toArray(100)).toEqual([7, 8, 9, 10])
    expect(ring.toArray(0)).toEqual([])
  })

  it('filters from the newest end and keeps the order', () => {
    const ring = new RingBuffer<number>(5)
    for (let n = 1; n <= 12; n++) ring.push(n)
    expect(ring.filter((n) => n % 2 === 0)).toEqual([8, 10, 12])
    expect(ring.filter((n) => n % 2 === 0, 2)).toEqual([10, 12])
  })

  it('stays small until it fills, and can be cleared', () => {
    const ring = new RingBuffer<string>(1000)
    ring.push('a')
    expect(ring.toArray()).toEqual(['a'])
    ring.clear()
    expect(ring.size).toBe(0)
    ring.push('b')
    expect(ring.toArray()).toEqual(['b'])
  })

  it('refuses a capacity that holds nothing', () => {
    expect(() => new RingBuffer(0)).toThrow(RangeError)
    expect(() => new RingBuffer(1.5)).toThrow(RangeError)
  })
})
