/** What the merge needs of a record: where it sits and when it was written. */
export interface MergeRecord {
  partition: number
  offset: string
  timestamp: number
}

/** (timestamp, partition, offset): the order a page's records are shown in. */
export function compareRecords(a: MergeRecord, b: MergeRecord): number {
  if (a.timestamp !== b.timestamp) return a.timestamp - b.timestamp
  if (a.partition !== b.partition) return a.partition - b.partition
  return compareOffsets(a.offset, b.offset)
}

/** Non-negative decimal offsets, compared without parsing them. */
export function compareOffsets(a: string, b: string): number {
  if (a.length !== b.length) return a.length - b.length
  return a < b ? -1 : a > b ? 1 : 0
}

interface Lane<R> {
  partition: number
  records: R[]
  index: number
  /** Nothing more to read in this partition (for this page). */
  done: boolean
}

/**
 * Merges partitions, each in offset order, into one stream in (timestamp, partition, offset) order,
 * as far as that order can be known: a record is only given out while every partition that may
 * still have records has one buffered, since the next of an empty one could be older. When one
 * runs dry, `next()` names the partitions to fetch more of instead.
 */
export class PartitionMerge<R extends MergeRecord> {
  private readonly lanes = new Map<number, Lane<R>>()
  /** Lanes with buffered records, as a binary heap ordered by their head record. */
  private readonly heap: Lane<R>[] = []
  /** Lanes with nothing buffered that are not done. */
  private readonly dry = new Set<number>()

  constructor(partitions: number[]) {
    for (const partition of partitions) {
      this.lanes.set(partition, { partition, records: [], index: 0, done: false })
      this.dry.add(partition)
    }
  }

  /** Records fetched for a partition (after those it has), and whether it has no more for now. */
  append(partition: number, records: R[], done: boolean): void {
    const lane = this.lanes.get(partition)
    if (!lane) throw new Error(`partition ${partition} is not merged here`)
    const wasEmpty = lane.index >= lane.records.length
    if (records.length > 0) {
      lane.records = wasEmpty ? records : lane.records.slice(lane.index).concat(records)
      lane.index = 0
    }
    lane.done = done
    if (lane.index < lane.records.length) {
      this.dry.delete(partition)
      if (wasEmpty) this.push(lane)
    } else if (done) this.dry.delete(partition)
    else this.dry.add(partition)
  }

  /** Records buffered and not yet given out, per partition. */
  buffered(partition: number): number {
    const lane = this.lanes.get(partition)
    return lane ? lane.records.length - lane.index : 0
  }

  isDone(partition: number): boolean {
    return this.lanes.get(partition)?.done ?? true
  }

  /** The next record; `{ need }` when partitions must be fetched first; null when all are done. */
  next(): R | { need: number[] } | null {
    if (this.dry.size > 0) return { need: [...this.dry] }
    const lane = this.heap[0]
    if (!lane) return null
    const record = lane.records[lane.index++]!
    if (lane.index < lane.records.length) this.siftDown(0)
    else {
      this.popTop()
      lane.records = []
      lane.index = 0
      if (!lane.done) this.dry.add(lane.partition)
    }
    return record
  }

  private head(lane: Lane<R>): R {
    return lane.records[lane.index]!
  }

  private less(i: number, j: number): boolean {
    return compareRecords(this.head(this.heap[i]!), this.head(this.heap[j]!)) < 0
  }

  private push(lane: Lane<R>): void {
    this.heap.push(lane)
    let i = this.heap.length - 1
    while (i > 0) {
      const parent = (i - 1) >> 1
      if (!this.less(i, parent)) break
      this.swap(i, parent)
      i = parent
    }
  }

  private popTop(): void {
    const last = this.heap.pop()!
    if (this.heap.length === 0) return
    this.heap[0] = last
    this.siftDown(0)
  }

  private siftDown(i: number): void {
    const n = this.heap.length
    for (;;) {
      const l = 2 * i + 1
      const r = l + 1
      let smallest = i
      if (l < n && this.less(l, smallest)) smallest = l
      if (r < n && this.less(r, smallest)) smallest = r
      if (smallest === i) return
      this.swap(i, smallest)
      i = smallest
    }
  }

  private swap(i: number, j: number): void {
    const t = this.heap[i]!
    this.heap[i] = this.heap[j]!
    this.heap[j] = t
  }
}
