import { describe, expect, it } from 'vitest'
import type { SeriesPoint } from '../../../../shared/topic-tree'
import { appendToWindow, toPlotData, trimWindow } from './chart-window'

describe('chart window', () => {
  it('keeps the last window of time before the newest point', () => {
    const pts: SeriesPoint[] = [
      [0, 1],
      [5_000, 2],
      [10_000, 3],
    ]
    expect(trimWindow(pts, 6_000)).toEqual([
      [5_000, 2],
      [10_000, 3],
    ])
  })

  it('keeps at most the last N points', () => {
    const pts: SeriesPoint[] = Array.from({ length: 10 }, (_, i) => [i, i])
    expect(trimWindow(pts, 1e9, 3).map((p) => p[0])).toEqual([7, 8, 9])
  })

  it('appends only points newer than the last one, and trims', () => {
    const now: SeriesPoint[] = [
      [1, 1],
      [2, 2],
    ]
    const next = appendToWindow(
      now,
      [
        [2, 2],
        [3, 3],
      ],
      1e9,
      2,
    )
    expect(next).toEqual([
      [2, 2],
      [3, 3],
    ])
    expect(appendToWindow(now, [[1, 9]])).toBe(now)
  })

  it('gives uPlot columns in seconds', () => {
    expect(toPlotData([[1500, 21.4]])).toEqual([[1.5], [21.4]])
  })
})
