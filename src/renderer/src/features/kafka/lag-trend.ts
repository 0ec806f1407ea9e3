import type { KafkaLagSample } from '../../../../shared/kafka'
import { lagRate } from '../../../../shared/lag-rate'
import { formatDuration, formatPerSecond } from './kafka-numbers'

/**
 * Where a group's lag is heading, in words: the slope of its total lag over the recent samples
 * (`shared/lag-rate.ts`, here with a two-minute window for live samples).
 */

/** Samples this recent count towards the rate… */
export const TREND_WINDOW_MS = 120_000
/** …and at least this many of the latest, when samples are sparse (a 30 s interval). */
const TREND_MIN_SAMPLES = 3
/** Below this many messages per second either way, the lag is holding steady. */
const STEADY = 0.05

export interface LagTrend {
  /** Lag change per second: negative = catching up; null: too few samples. */
  ratePerSecond: number | null
  /** Seconds until the lag reaches 0 at that rate; null when not catching up. */
  etaSeconds: number | null
}

/** The trend from the samples themselves (they arrive live between history reads). */
export function lagTrend(samples: readonly KafkaLagSample[], windowMs = TREND_WINDOW_MS): LagTrend {
  return lagRate(samples, windowMs, TREND_MIN_SAMPLES)
}

export type TrendTone = 'catching-up' | 'falling-behind' | 'steady' | 'caught-up' | 'unknown'

export interface TrendText {
  tone: TrendTone
  /** "catching up 120 msg/s", "falling behind 40 msg/s", "steady", … */
  rate: string
  /** "caught up in ~3 min", "not catching up", or null when there is nothing to say. */
  eta: string | null
}

/** The trend in words, for a group whose total lag is `lag` now. */
export function trendText(trend: LagTrend, lag: number | null): TrendText {
  const r = trend.ratePerSecond
  if (lag === 0 && (r === null || r <= STEADY))
    return { tone: 'caught-up', rate: r === null ? 'no lag' : 'keeping up', eta: null }
  if (r === null) return { tone: 'unknown', rate: 'too few samples for a trend', eta: null }
  if (Math.abs(r) < STEADY)
    return { tone: 'steady', rate: 'steady', eta: lag !== null && lag > 0 ? 'not catching up' : null }
  if (r < 0) {
    const eta = trend.etaSeconds
    return {
      tone: 'catching-up',
      rate: `catching up ${formatPerSecond(r)} msg/s`,
      eta: eta === null ? null : `caught up in ~${formatDuration(eta)}`,
    }
  }
  return {
    tone: 'falling-behind',
    rate: `falling behind ${formatPerSecond(r)} msg/s`,
    eta: 'not catching up',
  }
}
