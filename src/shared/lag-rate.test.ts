import { describe, expect, it } from 'vitest'
import { lagRate, slope } from './lag-rate'

const T0 = 1_700_000_000_000

describe('slope', () => {
  it('fits a straight line exactly, and a noisy one by least squares', () => {
    expect(slope([0, 1, 2, 3].map((i) => ({ at: T0 + i * 1000, totalLag: 1000 - 50 * i })))).toBeCloseTo(
      -50,
      9,
    )
    // y = 10, 30, 20, 40 at x = 0..3: slope 8 by least squares (first-to-last would say 10).
    expect(slope([10, 30, 20, 40].map((y, i) => ({ at: T0 + i * 1000, totalLag: y })))).toBeCloseTo(8, 9)
  })

  it('is null for fewer than two points or no time between them', () => {
    expect(slope([])).toBeNull()
    expect(slope([{ at: T0, totalLag: 1 }])).toBeNull()
    expect(
      slope([
        { at: T0, totalLag: 1 },
        { at: T0, totalLag: 5 },
      ]),
    ).toBeNull()
  })
})

describe('lagRate', () => {
  it('gives the rate and the time to catch up when the lag falls', () => {
    const samples = [0, 1, 2, 3, 4].map((i) => ({ at: T0 + i * 2000, totalLag: 10_000 - 1000 * i }))
    const { ratePerSecond, etaSeconds } = lagRate(samples)
    expect(ratePerSecond).toBeCloseTo(-500, 6)
    expect(etaSeconds).toBeCloseTo(6000 / 500, 6)
  })

  it('has no estimate when the lag grows or holds', () => {
    expect(
      lagRate([
        { at: T0, totalLag: 5 },
        { at: T0 + 1000, totalLag: 9 },
      ]),
    ).toEqual({ ratePerSecond: 4, etaSeconds: null })
    expect(
      lagRate([
        { at: T0, totalLag: 5 },
        { at: T0 + 1000, totalLag: 5 },
      ]),
    ).toEqual({ ratePerSecond: 0, etaSeconds: null })
  })

  it('skips samples without a lag and needs two with one', () => {
    expect(lagRate([])).toEqual({ ratePerSecond: null, etaSeconds: null })
    expect(
      lagRate([
        { at: T0, totalLag: null },
        { at: T0 + 1000, totalLag: 7 },
      ]),
    ).toEqual({
      ratePerSecond: null,
      etaSeconds: null,
    })
    const r = lagRate([
      { at: T0, totalLag: 100 },
      { at: T0 + 500, totalLag: null },
      { at: T0 + 1000, totalLag: 90 },
    ])
    expect(r.ratePerSecond).toBeCloseTo(-10, 9)
    expect(r.etaSeconds).toBeCloseTo(9, 9)
  })

  it('fits the last 5 minutes only when they hold 20 samples or more', () => {
    // An hour of growth (1 a second), then 5 minutes of catching up at 2 a second: the old growth
    // must not pull the rate.
    const samples: { at: number; totalLag: number }[] = []
    for (let s = 0; s <= 3600; s += 10) samples.push({ at: T0 + s * 1000, totalLag: s })
    for (let s = 10; s <= 300; s += 10) samples.push({ at: T0 + (3600 + s) * 1000, totalLag: 3600 - 2 * s })
    expect(lagRate(samples).ratePerSecond).toBeCloseTo(-2, 6)
    // One sample a minute: 5 minutes hold 5 samples, so the last 20 are fitted instead.
    const slow = Array.from({ length: 40 }, (_, i) => ({
      at: T0 + i * 60_000,
      totalLag: i < 20 ? 5000 : 5000 - (i - 19) * 60,
    }))
    expect(lagRate(slow).ratePerSecond).toBeCloseTo(lagRateOf(slow.slice(-20)), 9)
    expect(lagRate(slow).ratePerSecond).toBeLessThan(0)
  })

  it('says 0 seconds once the lag is gone while falling', () => {
    expect(
      lagRate([
        { at: T0, totalLag: 50 },
        { at: T0 + 1000, totalLag: 0 },
      ]).etaSeconds,
    ).toBe(0)
  })
})

function lagRateOf(points: { at: number; totalLag: number }[]): number {
  return slope(points)!
}
