import { Center, Text, useComputedColorScheme } from '@mantine/core'
import { useEffect, useMemo, useRef } from 'react'
import uPlot from 'uplot'
import 'uplot/dist/uPlot.min.css'
import type { KafkaLagSample } from '../../../../shared/kafka'
import { formatCount } from './kafka-numbers'
import { legendLabels, toLagPlot } from './lag-series'

const HEIGHT = 220

/** Partition lines, dimmer than the total; cycled when there are many. */
const PARTITION_COLORS_LIGHT = [
  '#12b886',
  '#fab005',
  '#be4bdb',
  '#15aabf',
  '#fd7e14',
  '#82c91e',
  '#e64980',
  '#228be6',
]
const PARTITION_COLORS_DARK = [
  '#38d9a9',
  '#ffd43b',
  '#da77f2',
  '#3bc9db',
  '#ffa94d',
  '#a9e34b',
  '#f783ac',
  '#4dabf7',
]

function options(width: number, dark: boolean, partitions: string[]): uPlot.Options {
  const axis = dark ? '#a6a7ab' : '#495057'
  const grid = dark ? 'rgba(255,255,255,0.07)' : 'rgba(0,0,0,0.07)'
  const colors = dark ? PARTITION_COLORS_DARK : PARTITION_COLORS_LIGHT
  return {
    width,
    height: HEIGHT,
    legend: { show: partitions.length > 0, live: true },
    cursor: { drag: { x: true, y: false } },
    scales: { x: { time: true }, y: { range: (_u, _min, max) => [0, Math.max(1, max) * 1.08] } },
    series: [
      {},
      {
        label: 'total',
        stroke: dark ? '#ffa94d' : '#f76707',
        fill: dark ? 'rgba(255,169,77,0.12)' : 'rgba(247,103,7,0.08)',
        width: 2,
        points: { size: 4 },
        value: (_u, v) => (v === null || v === undefined ? '—' : formatCount(v)),
      },
      ...partitions.map((label, i) => ({
        label,
        stroke: colors[i % colors.length],
        width: 1.25,
        points: { show: false },
        value: (_u: uPlot, v: number | null) => (v === null || v === undefined ? '—' : formatCount(v)),
      })),
    ],
    axes: [
      { stroke: axis, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid } },
      {
        stroke: axis,
        grid: { stroke: grid, width: 1 },
        ticks: { stroke: grid },
        size: 64,
        values: (_u, ticks) => ticks.map((t) => formatCount(t)),
      },
    ],
  }
}

/**
 * The group's total lag over time (orange, filled) and, when asked, a line per partition. A
 * partition without a commit is a gap, never a 0. Data is pushed with setData; the chart is made
 * again only when the colour scheme or the set of lines changes.
 */
export function LagChart({
  samples,
  perPartition,
}: {
  samples: readonly KafkaLagSample[]
  perPartition: boolean
}) {
  const box = useRef<HTMLDivElement>(null)
  const plot = useRef<uPlot | null>(null)
  const dark = useComputedColorScheme('light') === 'dark'
  const { data, partitions, hidden } = useMemo(
    () => toLagPlot(samples, perPartition),
    [samples, perPartition],
  )
  const lines = partitions.join('\u0000')
  const dataRef = useRef(data)

  useEffect(() => {
    dataRef.current = data
    plot.current?.setData(data as uPlot.AlignedData)
  }, [data])

  useEffect(() => {
    const el = box.current
    if (!el) return
    const u = new uPlot(
      options(Math.max(120, el.clientWidth), dark, lines === '' ? [] : legendLabels(lines.split('\u0000'))),
      dataRef.current as uPlot.AlignedData,
      el,
    )
    plot.current = u
    const ro = new ResizeObserver(() => {
      const w = Math.max(120, el.clientWidth)
      if (w !== u.width) u.setSize({ width: w, height: HEIGHT })
    })
    ro.observe(el)
    return () => {
      ro.disconnect()
      u.destroy()
      plot.current = null
    }
  }, [dark, lines])

  return (
    <div
      className="kafka-lag-chart"
      data-testid="kafka-lag-chart"
      data-samples={samples.length}
      data-lines={partitions.length + 1}
    >
      <div ref={box} className="kafka-chart-box" />
      {hidden > 0 && (
        <Text size="xs" c="dimmed" mt={4}>
          {formatCount(partitions.length)} partitions with the most lag are drawn; {formatCount(hidden)} more
          are not.
        </Text>
      )}
      {samples.length === 0 && (
        <Center className="kafka-chart-empty">
          <Text size="sm" c="dimmed" ta="center" maw={360}>
            No lag samples in this window. Turn on live lag to sample it; samples are kept across restarts.
          </Text>
        </Center>
      )}
    </div>
  )
}
