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
}

/** `points` are [seconds, value]. */
export function trend(points: readonly (readonly [number, number])[]): Trend {
  const valid = points.filter(([, v]) => Number.isFinite(v))
  const n = valid.length
  if (n < 2) {
    const v = valid[0]?.[1] ?? NaN
    return { slopePerMin: NaN, min: v, max: v, firstMinute: v, lastMinute: v, samples: n, spanMin: 0 }
  }
  const xs = valid.map(([t]) => t / 60)
  const ys = valid.map(([, v]) => v)
  const mx = xs.reduce((a, b) => a + b, 0) / n
  const my = ys.reduce((a, b) => a + b, 0) / n
  let sxy = 0
  let sxx = 0
  for (let i = 0; i < n; i++) {
    sxy += (xs[i]! - mx) * (ys[i]! - my)
    sxx += (xs[i]! - mx) ** 2
  }
  const t0 = valid[0]![0]
  const t1 = valid[n - 1]![0]
  const mean = (vs: number[]) => vs.reduce((a, b) => a + b, 0) / vs.length
  return {
    slopePerMin: sxx > 0 ? sxy / sxx : NaN,
    min: Math.min(...ys),
    max: Math.max(...ys),
    firstMinute: mean(valid.filter(([t]) => t <= t0 + 60).map(([, v]) => v)),
    lastMinute: mean(valid.filter(([t]) => t >= t1 - 60).map(([, v]) => v)),
    samples: n,
    spanMin: (t1 - t0) / 60,
  }
}
