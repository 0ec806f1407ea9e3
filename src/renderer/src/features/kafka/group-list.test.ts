import { describe, expect, it } from 'vitest'
import type { KafkaGroupOffset, KafkaGroupSummary } from '../../../../shared/kafka'
import { assignedMembers, groupStateColor, isActive, offsetsByTopic, visibleGroups } from './group-list'

const group = (
  groupId: string,
  state: string,
  totalLag: number | null,
  topics: string[] = [],
): KafkaGroupSummary => ({
  groupId,
  state,
  protocolType: 'consumer',
  members: state === 'Stable' ? 1 : 0,
  topics,
  totalLag,
  note: null,
})

const offset = (
  topic: string,
  partition: number,
  committed: string | null,
  lag: number | null,
): KafkaGroupOffset => ({
  topic,
  partition,
  committed,
  logStart: '0',
  logEnd: '1000',
  lag,
  metadata: null,
  lastCommitSeenAt: null,
})

describe('consumer groups', () => {
  it('colours states and knows which are consuming', () => {
    expect(groupStateColor('Stable')).toBe('green')
    expect(groupStateColor('PreparingRebalance')).toBe('yellow')
    expect(groupStateColor('Dead')).toBe('red')
    expect(groupStateColor('Empty')).toBe('gray')
    expect(groupStateColor('Whatever')).toBe('gray')
    expect(isActive('Stable')).toBe(true)
    expect(isActive('Empty')).toBe(false)
  })

  it('searches ids and topics, and sorts by lag with "no commit" last', () => {
    const groups = [
      group('billing', 'Stable', 10, ['orders']),
      group('audit', 'Empty', null, ['orders']),
      group('search-indexer', 'Empty', 5000, ['clicks']),
    ]
    const ids = (search: string, desc: boolean) =>
      visibleGroups(groups, { search, sort: { key: 'lag', desc } }).map((g) => g.groupId)
    expect(ids('', true)).toEqual(['search-indexer', 'billing', 'audit'])
    expect(ids('', false)).toEqual(['billing', 'search-indexer', 'audit'])
    expect(ids('ORDERS', true)).toEqual(['billing', 'audit'])
  })

  it('groups offsets per topic with the topic’s lag, counting partitions without a commit', () => {
    const list = offsetsByTopic([
      offset('orders', 2, null, null),
      offset('clicks', 0, '10', 990),
      offset('orders', 0, '400', 600),
      offset('orders', 1, '1000', 0),
    ])
    expect(list.map((t) => [t.topic, t.rows.map((r) => r.partition), t.lag, t.uncommitted])).toEqual([
      ['clicks', [0], 990, 0],
      ['orders', [0, 1, 2], 600, 1],
    ])
    expect(offsetsByTopic([offset('x', 0, null, null)])[0]?.lag).toBeNull()
  })

  it('names the member consuming each partition', () => {
    const member = (clientId: string, assignments: { topic: string; partitions: number[] }[]) => ({
      memberId: `${clientId}-1`,
      clientId,
      host: '/10.0.0.1',
      assignments,
    })
    const byPartition = assignedMembers([
      member('a', [{ topic: 'orders', partitions: [0, 2] }]),
      member('b', [
        { topic: 'orders', partitions: [1] },
        { topic: 'clicks', partitions: [0] },
      ]),
    ])
    expect(byPartition.get('orders:2')?.clientId).toBe('a')
    expect(byPartition.get('orders:1')?.clientId).toBe('b')
    expect(byPartition.get('clicks:0')?.clientId).toBe('b')
    expect(byPartition.get('clicks:1')).toBeUndefined()
  })
})
