import { describe, expect, it } from 'vitest'
import { mapBounded } from './map-bounded'

const tick = () => new Promise((resolve) => setTimeout(resolve, 1))

describe('mapBounded', () => {
  it('keeps input order and never runs more than the limit at once', async () => {
    let running = 0
    let peak = 0
    const out = await mapBounded([5, 1, 4, 2, 3, 0, 6], 3, async (n, i) => {
      running++
      peak = Math.max(peak, running)
      for (let k = 0; k < n; k++) await tick()
      running--
      return `${i}:${n * 10}`
    })
    expect(out).toEqual(['0:50', '1:10', '2:40', '3:20', '4:30', '5:0', '6:60'])
    expect(peak).toBe(3)
  })

  it('handles an empty list and a limit above the count', async () => {
    expect(await mapBounded([], 8, async () => 1)).toEqual([])
    expect(await mapBounded([1, 2], 8, async (n) => n + 1)).toEqual([2, 3])
  })

  it('rejects with the first failure and starts nothing after it', async () => {
    const started: number[] = []
    await expect(
      mapBounded([0, 1, 2, 3, 4, 5], 2, async (n) => {
        started.push(n)
        await tick()
        if (n === 1) throw new Error('boom at 1')
        return n
      }),
    ).rejects.toThrow('boom at 1')
    expect(started.length).toBeLessThanOrEqual(3)
  })
})
