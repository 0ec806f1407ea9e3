import type { SeriesPoint } from '../../../../shared/topic-tree'

/** The live chart shows the last ten minutes, at most 2,000 points: enough to read, cheap to redraw. */
export const CHART_WINDOW_MS = 10 * 60 * 1000
export const CHART_MAX_POINTS = 2000

/**
 * Appends points (oldest first) and drops what left the window. The window ends at the newest point,
 * not at the wall clock, so a topic that went quiet still shows its last ten minutes.
 * Points not newer than the last one kept are skipped: a delta may repeat the snapshot's tail.
 */
export function appendToWindow(
  current: readonly SeriesPoint[],
  incoming: readonly SeriesPoint[],
  windowMs = CHART_WINDOW_MS,
  maxPoints = CHART_MAX_POINTS,
): SeriesPoint[] {
  const lastT = current.length > 0 ? (current[current.length - 1]?.[0] ?? -Infinity) : -Infinity
  const fresh = incoming.filter((p) => p[0] > lastT)
  if (fresh.length === 0 && current.length <= maxPoints) return current as SeriesPoint[]
  return trimWindow([...current, ...fresh], windowMs, maxPoints)
}

/** Keeps the points within `windowMs` of the newest one, and at most `maxPoints` of them. */
export function trimWindow(
  points: readonly SeriesPoint[],
  windowMs = CHART_WINDOW_MS,
  maxPoints = CHART_MAX_POINTS,
): SeriesPoint[] {
  if (points.length === 0) return []
  const newest = points[points.length - 1]?.[0] ?? 0
  let start = Math.max(0, points.length - maxPoints)
  while (start < points.length && (points[start]?.[0] ?? 0) < newest - windowMs) start++
  return start === 0 ? (points as SeriesPoint[]) : points.slice(start)
}

/** uPlot's column layout: x in seconds (its default time scale), y as is. */
export function toPlotData(points: readonly SeriesPoint[]): [number[], number[]] {
  const xs = new Array<number>(points.length)
  const ys = new Array<number>(points.length)
  for (let i = 0; i < points.length; i++) {
    const p = points[i]
    xs[i] = p ? p[0] / 1000 : 0
    ys[i] = p ? p[1] : 0
  }
  return [xs, ys]
}
