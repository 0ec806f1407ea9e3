import { describe, expect, it } from 'vitest'
import type { KafkaLagSample } from '../../../../shared/kafka'
import { legendLabels, mergeSamples, rangeSince, toLagPlot } from './lag-series'

const s = (
  at: number,
  totalLag: number | null,
  parts: [string, number, number | null][] = [],
): KafkaLagSample => ({
  at,
  totalLag,
  partitions: parts.map(([topic, partition, lag]) => ({ topic, partition, lag })),
})

describe('lag samples for the chart', () => {
  it('appends live samples and keeps the newest when capped', () => {
    const a = [s(1, 10), s(2, 9)]
    expect(mergeSamples(a, [s(3, 8)]).map((x) => x.at)).toEqual([1, 2, 3])
    expect(mergeSamples(a, [s(3, 8), s(4, 7)], 3).map((x) => x.at)).toEqual([2, 3, 4])
  })

  it('merges out-of-order and repeated samples by time, once each', () => {
    const merged = mergeSamples([s(1, 10), s(3, 8)], [s(2, 9), s(3, 7)])
    expect(merged.map((x) => [x.at, x.totalLag])).toEqual([
      [1, 10],
      [2, 9],
      [3, 7],
    ])
  })

  it('draws the total, and per partition a column each with gaps for no commit', () => {
    const samples = [
      s(1000, 30, [
        ['b', 0, 10],
        ['a', 1, 20],
      ]),
      s(2000, null, [
        ['a', 1, null],
        ['a', 0, 5],
      ]),
    ]
    expect(toLagPlot(samples, false)).toEqual({
      data: [
        [1, 2],
        [30, null],
      ],
      partitions: [],
      hidden: 0,
    })
    const plot = toLagPlot(samples, true)
    expect(plot.partitions).toEqual(['a[0]', 'a[1]', 'b[0]'])
    expect(plot.data).toEqual([
      [1, 2],
      [30, null],
      [null, 5],
      [20, null],
      [10, null],
    ])
  })

  it('draws only the partitions with the most lag when there are too many', () => {
    const samples = [
      s(1000, 36, [
        ['t', 0, 1],
        ['t', 1, 30],
        ['t', 2, null],
      ]),
      s(2000, 5, [
        ['t', 0, 5],
        ['t', 2, 0],
      ]),
    ]
    const plot = toLagPlot(samples, true, 2)
    expect(plot.partitions).toEqual(['t[0]', 't[1]'])
    expect(plot.hidden).toBe(1)
    expect(plot.data.slice(2)).toEqual([
      [1, 5],
      [30, null],
    ])
  })

  it('names partition lines by number when the group reads one topic', () => {
    expect(legendLabels(['orders.v1[0]', 'orders.v1[10]'])).toEqual(['partition 0', 'partition 10'])
    expect(legendLabels(['a[0]', 'b[0]'])).toEqual(['a[0]', 'b[0]'])
    expect(legendLabels([])).toEqual([])
  })

  it('reads the chosen window of history', () => {
    expect(rangeSince('all', 10_000_000)).toBeNull()
    expect(rangeSince('3600000', 10_000_000)).toBe(10_000_000 - 3_600_000)
  })
})
