import type { KafkaLagSample } from '../../../../shared/kafka'

/**
 * A group's lag samples as the chart draws them: the stored history and the live `kafka.lag`
 * events merged in time order, and uPlot's columns (time in seconds, total lag, then one column per
 * partition). A missing lag (no commit) is a gap in its line, never a 0.
 */

/** Samples kept in memory per group; the oldest go first. */
export const MAX_SAMPLES = 20_000

/** Merges `incoming` into `existing` (both in time order): by time, one sample per instant. */
export function mergeSamples(
  existing: readonly KafkaLagSample[],
  incoming: readonly KafkaLagSample[],
  cap = MAX_SAMPLES,
): KafkaLagSample[] {
  if (incoming.length === 0) return existing.slice(-cap)
  const last = existing[existing.length - 1]
  const first = incoming[0]
  // the usual case: one live sample after the others
  if (last === undefined || (first !== undefined && first.at > last.at && isSorted(incoming))) {
    const out = existing.concat(incoming)
    return out.length > cap ? out.slice(out.length - cap) : out
  }
  const byAt = new Map<number, KafkaLagSample>()
  for (const s of existing) byAt.set(s.at, s)
  for (const s of incoming) byAt.set(s.at, s)
  const out = [...byAt.values()].sort((a, b) => a.at - b.at)
  return out.length > cap ? out.slice(out.length - cap) : out
}

function isSorted(list: readonly KafkaLagSample[]): boolean {
  for (let i = 1; i < list.length; i++) if ((list[i]?.at ?? 0) <= (list[i - 1]?.at ?? 0)) return false
  return true
}

/** "orders[0]": a partition's line. */
export function partitionLabel(topic: string, partition: number): string {
  return `${topic}[${partition}]`
}

/** Partition lines drawn at most: beyond that the chart is a tangle; the ones with most lag stay. */
export const MAX_PARTITION_LINES = 24

export interface LagPlot {
  /** uPlot's aligned data: [seconds, total, ...per partition]. */
  data: (number | null)[][]
  /** The per-partition columns' labels, in column order (after the total). */
  partitions: string[]
  /** Partitions left out (fewer lag than the ones drawn). */
  hidden: number
}

/** The chart's columns; per-partition ones only when asked (they can be many). */
export function toLagPlot(
  samples: readonly KafkaLagSample[],
  perPartition: boolean,
  maxLines = MAX_PARTITION_LINES,
): LagPlot {
  const xs = samples.map((s) => s.at / 1000)
  const total = samples.map((s) => s.totalLag)
  if (!perPartition) return { data: [xs, total], partitions: [], hidden: 0 }
  const keys = new Map<string, { topic: string; partition: number; peak: number }>()
  for (const s of samples)
    for (const p of s.partitions) {
      const k = partitionLabel(p.topic, p.partition)
      const known = keys.get(k)
      if (!known) keys.set(k, { topic: p.topic, partition: p.partition, peak: p.lag ?? -1 })
      else if ((p.lag ?? -1) > known.peak) known.peak = p.lag ?? -1
    }
  let chosen = [...keys.entries()]
  const hidden = Math.max(0, chosen.length - maxLines)
  if (hidden > 0) chosen = chosen.sort(([, a], [, b]) => b.peak - a.peak).slice(0, maxLines)
  const ordered = chosen.sort(([, a], [, b]) =>
    a.topic === b.topic ? a.partition - b.partition : a.topic < b.topic ? -1 : 1,
  )
  const index = new Map(ordered.map(([k], i) => [k, i]))
  const columns: (number | null)[][] = ordered.map(() => new Array<number | null>(samples.length).fill(null))
  samples.forEach((s, row) => {
    for (const p of s.partitions) {
      const col = index.get(partitionLabel(p.topic, p.partition))
      const column = col === undefined ? undefined : columns[col]
      if (column) column[row] = p.lag
    }
  })
  return { data: [xs, total, ...columns], partitions: ordered.map(([k]) => k), hidden }
}

/**
 * The lines' names in the legend: "partition 0" when every line is of one topic (the usual group),
 * else "orders[0]".
 */
export function legendLabels(keys: readonly string[]): string[] {
  const topics = new Set(keys.map((k) => k.slice(0, k.lastIndexOf('['))))
  if (topics.size !== 1) return [...keys]
  return keys.map((k) => `partition ${k.slice(k.lastIndexOf('[') + 1, -1)}`)
}

/** The chart's time windows: how far back the stored history is read. */
export const LAG_RANGES = [
  { value: '900000', label: '15 min' },
  { value: '3600000', label: '1 h' },
  { value: '86400000', label: '24 h' },
  { value: 'all', label: 'All' },
] as const
export type LagRange = (typeof LAG_RANGES)[number]['value']

/** `since` for getKafkaLagHistory. */
export function rangeSince(range: LagRange, now: number): number | null {
  return range === 'all' ? null : now - Number(range)
}
