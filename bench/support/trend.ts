// Whether a series of samples is flat: the least-squares slope over time, with its spread and the
// mean of its first and last minute (a slope alone can hide a step).

export interface Trend {
  /** Least-squares slope, in the series' unit per minute. */
  slopePerMin: number
  min: number
  max: number
  /** Means of the first and the last minute of the series. */
  firstMinute: number
  lastMinute: number
  samples: number
  /** Minutes the series spans. */
  spanMin: number
  /**
   * Least-squares slope of each whole minute's highest value, per minute. A garbage-collected
   * process's memory is a sawtooth whose phase alone can tilt a fit over all samples; a leak raises
   * the peaks as well, collection does not.
   */
  peakSlopePerMin: number
}

/** `points` are [seconds, value]. */
export function trend(points: readonly (readonly [number, number])[]): Trend {
  const valid = points.filter(([, v]) => Number.isFinite(v))
  const n = valid.length
  if (n < 2) {
    const v = valid[0]?.[1] ?? NaN
    return {
      slopePerMin: NaN,
      min: v,
      max: v,
      firstMinute: v,
      lastMinute: v,
      samples: n,
      spanMin: 0,
      peakSlopePerMin: NaN,
    }
  }
  const xs = valid.map(([t]) => t / 60)
  const ys = valid.map(([, v]) => v)
  const t0 = valid[0]![0]
  const t1 = valid[n - 1]![0]
  const peaks = new Map<number, number>()
  for (const [t, v] of valid) {
    const minute = Math.floor((t - t0) / 60)
    // Only whole minutes: a last, partial one has seen less of the sawtooth.
    if (t0 + (minute + 1) * 60 > t1 + 1e-9) continue
    peaks.set(minute, Math.max(peaks.get(minute) ?? -Infinity, v))
  }
  const mean = (vs: number[]) => vs.reduce((a, b) => a + b, 0) / vs.length
  return {
    slopePerMin: leastSquares(xs, ys),
    peakSlopePerMin: peaks.size >= 2 ? leastSquares([...peaks.keys()], [...peaks.values()]) : NaN,
    min: Math.min(...ys),
    max: Math.max(...ys),
    firstMinute: mean(valid.filter(([t]) => t <= t0 + 60).map(([, v]) => v)),
    lastMinute: mean(valid.filter(([t]) => t >= t1 - 60).map(([, v]) => v)),
    samples: n,
    spanMin: (t1 - t0) / 60,
  }
}

/** Slope of y over x by least squares; NaN without spread in x. */
function leastSquares(xs: readonly number[], ys: readonly number[]): number {
  const n = xs.length
  const mx = xs.reduce((a, b) => a + b, 0) / n
  const my = ys.reduce((a, b) => a + b, 0) / n
  let sxy = 0
  let sxx = 0
  for (let i = 0; i < n; i++) {
    sxy += (xs[i]! - mx) * (ys[i]! - my)
    sxx += (xs[i]! - mx) ** 2
  }
  return sxx > 0 ? sxy / sxx : NaN
}
