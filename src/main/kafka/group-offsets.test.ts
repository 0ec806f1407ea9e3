import { describe, expect, it } from 'vitest'
import { groupOffsetRows, lagPerTopic, partitionStates } from './group-offsets'

const topics = [
  {
    topic: 'orders',
    partitions: [
      { partition: 2, low: '0', high: '30' },
      { partition: 0, low: '0', high: '10' },
      { partition: 1, low: '5', high: '20' },
    ],
  },
  { topic: 'audit', partitions: [{ partition: 0, low: '100', high: '150' }] },
]

describe('groupOffsetRows', () => {
  const seen: unknown[][] = []
  const rows = groupOffsetRows(
    topics,
    [
      { topic: 'orders', partition: 0, offset: '5', metadata: 'host-a' },
      { topic: 'orders', partition: 1, offset: '20', metadata: '' },
      { topic: 'orders', partition: 2, offset: '-1', metadata: 'stale' },
      { topic: 'audit', partition: 0, offset: '40', metadata: null },
    ],
    (...args) => {
      seen.push(args)
      return args[1] === 0 ? 123 : null
    },
  )

  it('lists every partition of each topic, sorted, with "no commit" as null lag', () => {
    expect(rows).toEqual([
      {
        topic: 'audit',
        partition: 0,
        committed: '40',
        logStart: '100',
        logEnd: '150',
        lag: 110,
        metadata: null,
        lastCommitSeenAt: 123,
      },
      {
        topic: 'orders',
        partition: 0,
        committed: '5',
        logStart: '0',
        logEnd: '10',
        lag: 5,
        metadata: 'host-a',
        lastCommitSeenAt: 123,
      },
      {
        topic: 'orders',
        partition: 1,
        committed: '20',
        logStart: '5',
        logEnd: '20',
        lag: 0,
        metadata: null,
        lastCommitSeenAt: null,
      },
      {
        topic: 'orders',
        partition: 2,
        committed: null,
        logStart: '0',
        logEnd: '30',
        lag: null,
        metadata: null,
        lastCommitSeenAt: null,
      },
    ])
    expect(seen).toContainEqual(['orders', 2, null])
    expect(seen).toContainEqual(['orders', 0, '5'])
  })

  it('adds partitions the broker returned no commit row for', () => {
    const only = groupOffsetRows(topics.slice(0, 1), [], () => null)
    expect(only.map((r) => [r.partition, r.committed, r.lag])).toEqual([
      [0, null, null],
      [1, null, null],
      [2, null, null],
    ])
  })

  it('sums lag per topic, null for a topic without any commit', () => {
    expect(lagPerTopic(rows)).toEqual(
      new Map([
        ['audit', 110],
        ['orders', 5],
      ]),
    )
    expect(lagPerTopic(groupOffsetRows(topics.slice(0, 1), [], () => null))).toEqual(
      new Map([['orders', null]]),
    )
  })

  it('turns rows into partition states for the reset planner', () => {
    expect(partitionStates(rows)[3]).toEqual({
      topic: 'orders',
      partition: 2,
      committed: null,
      logStart: 0n,
      logEnd: 30n,
    })
  })
})
