import { describe, expect, it } from 'vitest'
import { compareOffsets, compareRecords, PartitionMerge, type MergeRecord } from './partition-merge'

const r = (partition: number, offset: number, timestamp: number): MergeRecord => ({
  partition,
  offset: String(offset),
  timestamp,
})

/** Drains the merge, feeding each partition's next chunk whenever it asks. */
function drain(chunks: Map<number, MergeRecord[][]>): { out: MergeRecord[]; asked: number[][] } {
  const merge = new PartitionMerge<MergeRecord>([...chunks.keys()])
  const out: MergeRecord[] = []
  const asked: number[][] = []
  for (;;) {
    const item = merge.next()
    if (item === null) break
    if ('need' in item) {
      asked.push([...item.need].sort())
      for (const p of item.need) {
        const list = chunks.get(p)!
        merge.append(p, list.shift() ?? [], list.length === 0)
      }
      continue
    }
    out.push(item)
  }
  return { out, asked }
}

describe('compareRecords', () => {
  it('orders by timestamp, then partition, then offset (numerically)', () => {
    const list = [r(1, 10, 5), r(0, 9, 5), r(0, 100, 4), r(0, 11, 5), r(2, 1, 3)]
    expect(list.sort(compareRecords).map((x) => `${x.timestamp}/${x.partition}/${x.offset}`)).toEqual([
      '3/2/1',
      '4/0/100',
      '5/0/9',
      '5/0/11',
      '5/1/10',
    ])
    expect(compareOffsets('9', '10')).toBeLessThan(0)
    expect(compareOffsets('10', '10')).toBe(0)
    expect(compareOffsets('9223372036854775807', '9223372036854775806')).toBeGreaterThan(0)
  })
})

describe('PartitionMerge', () => {
  it('merges partitions in time order across chunk boundaries', () => {
    const { out, asked } = drain(
      new Map([
        [
          0,
          [
            [r(0, 0, 1), r(0, 1, 4)],
            [r(0, 2, 6), r(0, 3, 9)],
          ],
        ],
        [1, [[r(1, 0, 2), r(1, 1, 3), r(1, 2, 5), r(1, 3, 7)], []]],
        [2, [[]]],
      ]),
    )
    expect(out.map((x) => x.timestamp)).toEqual([1, 2, 3, 4, 5, 6, 7, 9])
    expect(asked[0]).toEqual([0, 1, 2])
  })

  it('waits for a partition that ran dry before giving out a newer record of another', () => {
    const merge = new PartitionMerge<MergeRecord>([0, 1])
    merge.append(0, [r(0, 0, 10), r(0, 1, 20)], false)
    merge.append(1, [r(1, 0, 5)], false)
    expect(merge.next()).toEqual(r(1, 0, 5))
    // Partition 1 may still hold something older than 10: ask before giving out partition 0's.
    expect(merge.next()).toEqual({ need: [1] })
    merge.append(1, [r(1, 1, 15)], true)
    expect([merge.next(), merge.next(), merge.next(), merge.next()]).toEqual([
      r(0, 0, 10),
      r(1, 1, 15),
      r(0, 1, 20),
      { need: [0] },
    ])
    expect(merge.buffered(0)).toBe(0)
    merge.append(0, [], true)
    expect(merge.next()).toBeNull()
  })

  it('appends to what is still buffered and counts it', () => {
    const merge = new PartitionMerge<MergeRecord>([3])
    merge.append(3, [r(3, 0, 1), r(3, 1, 2)], false)
    expect(merge.next()).toEqual(r(3, 0, 1))
    merge.append(3, [r(3, 2, 3)], true)
    expect(merge.buffered(3)).toBe(2)
    expect(merge.isDone(3)).toBe(true)
    expect([merge.next(), merge.next(), merge.next()]).toEqual([r(3, 1, 2), r(3, 2, 3), null])
  })

  it('gives out a large shuffled merge sorted, every record once', () => {
    const partitions = 7
    const chunks = new Map<number, MergeRecord[][]>()
    let seed = 42
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31
    let total = 0
    for (let p = 0; p < partitions; p++) {
      let t = Math.floor(rand() * 1000)
      const records = Array.from({ length: 500 + Math.floor(rand() * 500) }, (_, i) =>
        r(p, i, (t += Math.floor(rand() * 20))),
      )
      total += records.length
      const list: MergeRecord[][] = []
      for (let i = 0; i < records.length; i += 37) list.push(records.slice(i, i + 37))
      chunks.set(p, list)
    }
    const { out } = drain(chunks)
    expect(out).toHaveLength(total)
    expect([...out].sort(compareRecords)).toEqual(out)
    expect(new Set(out.map((x) => `${x.partition}/${x.offset}`)).size).toBe(total)
  })
})
