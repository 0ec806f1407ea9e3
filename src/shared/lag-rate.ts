/**
 * The trend of a consumer group's lag, fitted the same way in the core (stored history, for the
 * API) and in the renderer (live samples, shorter window).
 */

/** The samples the rate is fitted over: those of the last 5 minutes… */
export const RATE_WINDOW_MS = 5 * 60_000
/** …or the last 20, when the interval is so long that 5 minutes hold fewer. */
export const RATE_MIN_SAMPLES = 20

export interface LagPoint {
  at: number
  totalLag: number | null
}

/**
 * How fast a group's lag changes, from samples in time order: the least-squares slope (lag per
 * second) over the recent samples with a lag, and when it is falling, the seconds until it reaches
 * 0 at that rate. A slope rather than first-to-last: one sample taken mid-rebalance or just after a
 * burst would otherwise swing the estimate. null where too few samples (or no time) to fit.
 */
export function lagRate(
  samples: readonly LagPoint[],
  windowMs = RATE_WINDOW_MS,
  minSamples = RATE_MIN_SAMPLES,
): { ratePerSecond: number | null; etaSeconds: number | null } {
  const known = samples.filter((s): s is { at: number; totalLag: number } => s.totalLag !== null)
  const newest = known.at(-1)
  if (!newest) return { ratePerSecond: null, etaSeconds: null }
  let from = known.findIndex((s) => s.at >= newest.at - windowMs)
  from = Math.min(from, Math.max(0, known.length - minSamples))
  const rate = slope(known.slice(from))
  if (rate === null) return { ratePerSecond: null, etaSeconds: null }
  return { ratePerSecond: rate, etaSeconds: rate < 0 ? newest.totalLag / -rate : null }
}

/** Least-squares slope of lag over seconds; null for fewer than two points or no time between them. */
export function slope(points: { at: number; totalLag: number }[]): number | null {
  const n = points.length
  if (n < 2) return null
  // Centred on the first point, so that epoch milliseconds do not cost precision in the squares.
  const t0 = points[0]!.at
  let sx = 0
  let sy = 0
  for (const p of points) {
    sx += (p.at - t0) / 1000
    sy += p.totalLag
  }
  const mx = sx / n
  const my = sy / n
  let sxy = 0
  let sxx = 0
  for (const p of points) {
    const dx = (p.at - t0) / 1000 - mx
    sxy += dx * (p.totalLag - my)
    sxx += dx * dx
  }
  return sxx > 0 ? sxy / sxx : null
}
