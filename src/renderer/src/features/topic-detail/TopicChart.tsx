import { Group, Select, Text, useComputedColorScheme } from '@mantine/core'
import { useEffect, useRef } from 'react'
import uPlot from 'uplot'
import 'uplot/dist/uPlot.min.css'
import type { SeriesPoint } from '../../../../shared/topic-tree'
import { CHART_MAX_POINTS, toPlotData } from './chart-window'

const HEIGHT = 170
/** The field picker's value for "the payload itself as a number" (Select values are strings). */
const WHOLE = '\u0000payload'

function options(width: number, dark: boolean, label: string): uPlot.Options {
  const axis = dark ? '#a6a7ab' : '#495057'
  const grid = dark ? 'rgba(255,255,255,0.07)' : 'rgba(0,0,0,0.07)'
  return {
    width,
    height: HEIGHT,
    legend: { show: false },
    cursor: { drag: { x: false, y: false } },
    scales: { x: { time: true } },
    series: [
      {},
      {
        label,
        stroke: dark ? '#91a7ff' : '#4c6ef5',
        fill: dark ? 'rgba(145,167,255,0.12)' : 'rgba(76,110,245,0.08)',
        width: 1.5,
        points: { size: 4 },
      },
    ],
    axes: [
      { stroke: axis, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid } },
      { stroke: axis, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid }, size: axisWidth },
    ],
  }
}

/** Width of the value axis from its longest label, so "-12,345.5" is never cut (after uPlot's demos). */
function axisWidth(self: uPlot, values: string[] | null, axisIdx: number, cycleNum: number): number {
  const axis = self.axes[axisIdx]
  const previous = (axis as { _size?: number } | undefined)?._size
  if (cycleNum > 1 && previous !== undefined) return previous
  const longest = (values ?? []).reduce((acc, v) => (v.length > acc.length ? v : acc), '')
  let width = (axis?.ticks?.size ?? 10) + (axis?.gap ?? 5) + 6
  if (longest !== '') {
    const font = axis?.font
    self.ctx.font = Array.isArray(font) ? String(font[0]) : (font ?? '12px system-ui')
    width += self.ctx.measureText(longest).width / devicePixelRatio
  }
  return Math.ceil(width)
}

/**
 * The live chart of the selected topic: the core extracts the numbers (the payload, or a JSON field
 * picked here), each delta appends its points, and the window keeps the last ten minutes (at most
 * 2,000 points). uPlot draws on a canvas; data is pushed with setData, never by re-creating it,
 * except when the colour scheme changes.
 */
export function TopicChart({
  series,
  fields,
  field,
  onField,
}: {
  series: readonly SeriesPoint[]
  fields: readonly string[]
  field: string | null
  onField(field: string | null): void
}) {
  const box = useRef<HTMLDivElement>(null)
  const plot = useRef<uPlot | null>(null)
  const dark = useComputedColorScheme('light') === 'dark'
  const label = field ?? 'value'
  const seriesRef = useRef(series)

  useEffect(() => {
    seriesRef.current = series
    plot.current?.setData(toPlotData(series) as uPlot.AlignedData)
  }, [series])

  useEffect(() => {
    const el = box.current
    if (!el) return
    const u = new uPlot(
      options(Math.max(100, el.clientWidth), dark, label),
      toPlotData(seriesRef.current) as uPlot.AlignedData,
      el,
    )
    plot.current = u
    const ro = new ResizeObserver(() => {
      const w = Math.max(100, el.clientWidth)
      if (w !== u.width) u.setSize({ width: w, height: HEIGHT })
    })
    ro.observe(el)
    return () => {
      ro.disconnect()
      u.destroy()
      plot.current = null
    }
  }, [dark, label])

  const last = series[series.length - 1]
  const data = [
    { value: WHOLE, label: 'Payload as a number' },
    ...fields.map((f) => ({ value: f, label: f })),
  ]
  if (field !== null && !fields.includes(field)) data.push({ value: field, label: field })
  return (
    <div className="detail-chart" data-testid="detail-chart" data-points={series.length}>
      <Group justify="space-between" gap={6} mb={4} wrap="nowrap">
        <Select
          size="xs"
          w={220}
          value={field ?? WHOLE}
          onChange={(v) => onField(v === null || v === WHOLE ? null : v)}
          data={data}
          allowDeselect={false}
          comboboxProps={{ withinPortal: true }}
          aria-label="Value to chart"
          data-testid="detail-chart-field"
          classNames={{ input: 'mono' }}
        />
        <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
          {series.length === 0
            ? 'no numeric values yet'
            : `${series.length.toLocaleString()} point${series.length === 1 ? '' : 's'}${series.length >= CHART_MAX_POINTS ? ' (latest)' : ''} · last ${last ? last[1] : ''}`}
        </Text>
      </Group>
      <div ref={box} className="chart-box" />
    </div>
  )
}
