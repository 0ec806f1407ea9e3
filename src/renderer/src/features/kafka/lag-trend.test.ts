import { describe, expect, it } from 'vitest'
import type { KafkaLagSample } from '../../../../shared/kafka'
import { lagTrend, trendText } from './lag-trend'

const sample = (at: number, totalLag: number | null): KafkaLagSample => ({ at, totalLag, partitions: [] })

describe('the lag trend', () => {
  it('is the slope of the total lag: catching up, with the time to reach zero', () => {
    // 3,000 → 2,400 over 5 s: −120 msg/s, 2,400 left → 20 s
    const samples = [0, 1, 2, 3, 4, 5].map((s) => sample(1_000_000 + s * 1000, 3000 - s * 120))
    const t = lagTrend(samples)
    expect(t.ratePerSecond).toBeCloseTo(-120, 6)
    expect(t.etaSeconds).toBeCloseTo(20, 6)
    expect(trendText(t, 2400)).toEqual({
      tone: 'catching-up',
      rate: 'catching up 120 msg/s',
      eta: 'caught up in ~20 s',
    })
  })

  it('says falling behind when the lag grows, and never gives an estimate then', () => {
    const t = lagTrend([sample(0, 100), sample(10_000, 500)])
    expect(t.ratePerSecond).toBeCloseTo(40, 6)
    expect(t.etaSeconds).toBeNull()
    expect(trendText(t, 500)).toEqual({
      tone: 'falling-behind',
      rate: 'falling behind 40 msg/s',
      eta: 'not catching up',
    })
  })

  it('reads only recent samples, but at least the last three', () => {
    // an old climb, then a recent fall: only the fall counts
    const old = [sample(0, 0), sample(1000, 10_000)]
    const recent = [0, 1, 2].map((s) => sample(1_000_000 + s * 1000, 900 - s * 100))
    expect(lagTrend([...old, ...recent]).ratePerSecond).toBeCloseTo(-100, 6)
    // sparse samples (a minute apart) still give a trend from the last three
    const sparse = [0, 1, 2].map((s) => sample(s * 60_000, 600 - s * 60))
    expect(lagTrend(sparse).ratePerSecond).toBeCloseTo(-1, 6)
  })

  it('skips samples without a commit and needs two to say anything', () => {
    expect(lagTrend([sample(0, 5)])).toEqual({ ratePerSecond: null, etaSeconds: null })
    expect(lagTrend([sample(0, null), sample(1000, 5), sample(2000, null)]).ratePerSecond).toBeNull()
    expect(trendText({ ratePerSecond: null, etaSeconds: null }, 5).tone).toBe('unknown')
    expect(trendText({ ratePerSecond: null, etaSeconds: null }, 0).tone).toBe('caught-up')
    expect(trendText({ ratePerSecond: 0.01, etaSeconds: null }, 50)).toEqual({
      tone: 'steady',
      rate: 'steady',
      eta: 'not catching up',
    })
  })
})
