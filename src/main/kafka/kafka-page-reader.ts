import { ApiError } from '../../shared/api-error'
import type { KafkaBrowseFrom } from '../../shared/kafka'
import type { KafkaFetcher, KafkaRecord, PartitionRead, Watermarks } from '../brokers/kafka/kafka-fetcher'
import { compareRecords, PartitionMerge } from './partition-merge'

/** A browse gives up looking for matches after this many records or this long, and says where it got. */
export const SCAN_BUDGET_RECORDS = 200_000
export const SCAN_BUDGET_MS = 5_000
/** Fetch sizes per partition, sized from the records wanted and the bytes per record seen so far. */
const MIN_PARTITION_BYTES = 64 * 1024
const MAX_PARTITION_BYTES = 8 * 1024 * 1024
/** A fetch of partitions that have records waits no longer than this for them. */
const BROWSE_MAX_WAIT_MS = 100
/** A partition whose buffer runs below this is fetched with one that ran dry, in the same round. */
const LOW_WATER_RECORDS = 256

export interface PageRead {
  /** In (timestamp, partition, offset) order. */
  records: KafkaRecord[]
  next: { partition: number; offset: string }[]
  scanned: number
  reachedEnd: boolean
}

/** The record filter of the request, compiled; null: every record matches. */
export type Match = ((r: KafkaRecord) => boolean) | null

/** Bytes per record seen over the reads of one page, for the next fetch's size. */
class FetchSizer {
  private bytes = 0
  private records = 0

  saw(reads: PartitionRead[]): void {
    for (const r of reads) {
      this.bytes += r.bytes
      this.records += r.records.length
    }
  }

  /** Bytes per partition for `wanted` records of each. */
  size(wanted: number): number {
    const perRecord = this.records > 0 ? this.bytes / this.records : 256
    return Math.round(Math.min(MAX_PARTITION_BYTES, Math.max(MIN_PARTITION_BYTES, wanted * perRecord * 1.25)))
  }
}

/**
 * Reads forward from `starts` (per partition) in (timestamp, partition, offset) order across the
 * partitions until `limit` records match, every partition is at its end, or the scan budget is
 * spent. `next` is, per partition, the first offset this page did not look at.
 */
export async function readForward(
  fetcher: KafkaFetcher,
  topic: string,
  starts: Map<number, { start: bigint; high: bigint }>,
  limit: number,
  match: Match,
): Promise<PageRead> {
  const partitions = [...starts.keys()]
  const merge = new PartitionMerge<KafkaRecord>(partitions)
  const state = new Map<
    number,
    { fetchAt: bigint; lastTaken: string | null; stalls: number; resets: number }
  >()
  for (const [p, { start, high }] of starts) {
    state.set(p, { fetchAt: start, lastTaken: null, stalls: 0, resets: 0 })
    if (start >= high) merge.append(p, [], true)
  }
  const sizer = new FetchSizer()
  const started = Date.now()
  const out: KafkaRecord[] = []
  let scanned = 0
  let stalled = false
  for (;;) {
    const item = merge.next()
    if (item === null) break
    if ('need' in item) {
      if (out.length > 0 && Date.now() - started > SCAN_BUDGET_MS) break
      const wanted = new Set(item.need)
      for (const p of partitions) if (!merge.isDone(p) && merge.buffered(p) < LOW_WATER_RECORDS) wanted.add(p)
      const perPartition = Math.ceil(((match ? 4 : 1) * (limit - out.length)) / wanted.size) + 16
      const reads = await fetcher.fetch(
        topic,
        [...wanted].map((partition) => ({ partition, offset: state.get(partition)!.fetchAt })),
        { maxWaitMs: BROWSE_MAX_WAIT_MS, partitionMaxBytes: sizer.size(perPartition) },
      )
      sizer.saw(reads)
      for (const read of reads) {
        const s = state.get(read.partition)!
        if (read.outOfRange) {
          // Deleted under us (retention, compaction's cleaner): go on from the new log start.
          const low = (await fetcher.watermarks(topic, [read.partition])).get(read.partition)?.low ?? 0n
          if (s.fetchAt < low && s.resets++ < 3) s.fetchAt = low
          else merge.append(read.partition, [], true)
          continue
        }
        const progress = read.records.length > 0 || read.next > s.fetchAt
        s.fetchAt = read.next
        let done = read.next >= read.end
        if (!progress && !done && ++s.stalls >= 3) {
          // The broker says there is more but gives nothing: end the page here, not at the end.
          done = true
          stalled = true
        }
        merge.append(read.partition, read.records, done)
      }
      continue
    }
    scanned++
    state.get(item.partition)!.lastTaken = item.offset
    if (!match || match(item)) {
      out.push(item)
      if (out.length >= limit) break
    }
    if (
      match &&
      (scanned >= SCAN_BUDGET_RECORDS || (scanned % 1024 === 0 && Date.now() - started > SCAN_BUDGET_MS))
    )
      break
  }
  const next = partitions.map((partition) => {
    const s = state.get(partition)!
    // Everything fetched was looked at: go on after the last batch (it may end in control records).
    if (merge.buffered(partition) === 0) return { partition, offset: s.fetchAt.toString() }
    const offset = s.lastTaken === null ? starts.get(partition)!.start : BigInt(s.lastTaken) + 1n
    return { partition, offset: offset.toString() }
  })
  const reachedEnd = !stalled && partitions.every((p) => merge.isDone(p) && merge.buffered(p) === 0)
  return { records: out.sort(compareRecords), next, scanned, reachedEnd }
}

/**
 * The newest `limit` records (that match) over the partitions: a window of `limit` offsets below
 * each partition's end; while a filter leaves fewer than `limit` matches, windows twice as large
 * below those, until the log starts or the scan budget is spent. `next` is each partition's end
 * (a next page follows on with what arrives later).
 */
export async function readNewest(
  fetcher: KafkaFetcher,
  topic: string,
  watermarks: Map<number, Watermarks>,
  limit: number,
  match: Match,
): Promise<PageRead> {
  const windows = new Map<number, { lo: bigint; hi: bigint; low: bigint }>()
  for (const [p, { low, high }] of watermarks) {
    const lo = high - BigInt(limit) > low ? high - BigInt(limit) : low
    windows.set(p, { lo, hi: high, low })
  }
  const sizer = new FetchSizer()
  const started = Date.now()
  const matches: KafkaRecord[] = []
  let scanned = 0
  let stalled = false
  let width = BigInt(limit)
  for (;;) {
    const read = await readWindows(fetcher, topic, windows, sizer)
    stalled ||= read.stalled
    scanned += read.records.length
    for (const r of read.records) if (!match || match(r)) matches.push(r)
    const more = [...windows.values()].some((w) => w.lo > w.low)
    // Also without a filter: a compacted partition has fewer records than offsets in a window.
    if (matches.length >= limit || !more) break
    if (scanned >= SCAN_BUDGET_RECORDS || Date.now() - started > SCAN_BUDGET_MS) break
    width *= 2n
    for (const w of windows.values()) {
      w.hi = w.lo
      w.lo = w.lo - width > w.low ? w.lo - width : w.low
    }
  }
  matches.sort(compareRecords)
  return {
    records: matches.slice(Math.max(0, matches.length - limit)),
    next: [...watermarks].map(([partition, { high }]) => ({ partition, offset: high.toString() })),
    scanned,
    reachedEnd: !stalled,
  }
}

/** Every record in [lo, hi) of each partition's window. */
async function readWindows(
  fetcher: KafkaFetcher,
  topic: string,
  windows: Map<number, { lo: bigint; hi: bigint }>,
  sizer: FetchSizer,
): Promise<{ records: KafkaRecord[]; stalled: boolean }> {
  const at = new Map<number, bigint>()
  for (const [p, w] of windows) if (w.lo < w.hi) at.set(p, w.lo)
  const records: KafkaRecord[] = []
  let stalled = false
  const stalls = new Map<number, number>()
  while (at.size > 0) {
    const wanted = Math.max(...[...at].map(([p, offset]) => Number(windows.get(p)!.hi - offset)))
    const reads = await fetcher.fetch(
      topic,
      [...at].map(([partition, offset]) => ({ partition, offset })),
      { maxWaitMs: BROWSE_MAX_WAIT_MS, partitionMaxBytes: sizer.size(wanted) },
    )
    sizer.saw(reads)
    for (const read of reads) {
      const offset = at.get(read.partition)!
      const hi = windows.get(read.partition)!.hi
      for (const r of read.records) if (BigInt(r.offset) < hi) records.push(r)
      let stuck = false
      if (read.records.length === 0 && read.next <= offset) {
        const n = (stalls.get(read.partition) ?? 0) + 1
        stalls.set(read.partition, n)
        stuck = n >= 3
      }
      stalled ||= stuck
      if (read.outOfRange || read.next >= hi || read.next >= read.end || stuck) at.delete(read.partition)
      else at.set(read.partition, read.next)
    }
  }
  return { records, stalled }
}

/** Where each partition starts for a `from` other than `end`, clamped into [low, high]. */
export async function startOffsets(
  fetcher: KafkaFetcher,
  topic: string,
  from: Exclude<KafkaBrowseFrom, { kind: 'end' }>,
  watermarks: Map<number, Watermarks>,
): Promise<Map<number, { start: bigint; high: bigint }>> {
  const partitions = [...watermarks.keys()]
  let wanted: Map<number, bigint | null>
  if (from.kind === 'beginning') wanted = new Map(partitions.map((p) => [p, null]))
  else if (from.kind === 'timestamp') {
    const found = await fetcher.offsetsAt(topic, partitions, from.at)
    // No record at or after the time: nothing to read there (start at the end).
    wanted = new Map(partitions.map((p) => [p, found.get(p) ?? watermarks.get(p)!.high]))
  } else {
    const given = new Map(from.offsets.map((o) => [o.partition, BigInt(o.offset)]))
    for (const p of given.keys())
      if (!watermarks.has(p))
        throw new ApiError('invalid_input', `An offset is given for partition ${p}, which is not being read`)
    wanted = new Map(partitions.map((p) => [p, given.get(p) ?? null]))
  }
  const out = new Map<number, { start: bigint; high: bigint }>()
  for (const [p, { low, high }] of watermarks) {
    const w = wanted.get(p) ?? null
    // Below the log start (deleted or compacted away): from the first record that is still there.
    const start = w === null || w < low ? low : w > high ? high : w
    out.set(p, { start, high })
  }
  return out
}
