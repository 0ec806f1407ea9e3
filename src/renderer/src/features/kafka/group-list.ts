import type { MantineColor } from '@mantine/core'
import type { KafkaGroupDetail, KafkaGroupOffset, KafkaGroupSummary } from '../../../../shared/kafka'
import { compareBy } from './topic-list'

/** Consumer groups: state colours, the list's search and sort, and the offsets grouped by topic. */

const STATE_COLORS: Record<string, MantineColor> = {
  stable: 'green',
  empty: 'gray',
  preparingrebalance: 'yellow',
  completingrebalance: 'yellow',
  assigning: 'yellow',
  reconciling: 'yellow',
  dead: 'red',
}

/** Stable green, rebalancing yellow, Dead red, Empty and anything unknown grey. */
export function groupStateColor(state: string): MantineColor {
  return STATE_COLORS[state.toLowerCase()] ?? 'gray'
}

/** A group with members consumes now: its offsets cannot be reset until they leave. */
export function isActive(state: string): boolean {
  const s = state.toLowerCase()
  return s !== 'empty' && s !== 'dead'
}

export type GroupSortKey = 'groupId' | 'state' | 'members' | 'topics' | 'lag'
export interface GroupSort {
  key: GroupSortKey
  desc: boolean
}

function sortValue(g: KafkaGroupSummary, key: GroupSortKey): number | string | null {
  switch (key) {
    case 'groupId':
      return g.groupId
    case 'state':
      return g.state
    case 'members':
      return g.members
    case 'topics':
      return g.topics.length
    case 'lag':
      return g.totalLag
  }
}

export function visibleGroups(
  groups: readonly KafkaGroupSummary[],
  opts: { search: string; sort: GroupSort },
): KafkaGroupSummary[] {
  const q = opts.search.trim().toLowerCase()
  return groups
    .filter(
      (g) =>
        q === '' || g.groupId.toLowerCase().includes(q) || g.topics.some((t) => t.toLowerCase().includes(q)),
    )
    .sort(
      compareBy(
        (g) => sortValue(g, opts.sort.key),
        (g) => g.groupId,
        opts.sort.desc,
      ),
    )
}

export interface TopicOffsets {
  topic: string
  rows: KafkaGroupOffset[]
  /** Sum over partitions with a commit; null when none has one. */
  lag: number | null
  /** Partitions without a committed offset. */
  uncommitted: number
}

/** The group's offsets per topic (by name), partitions in order, with the topic's lag. */
export function offsetsByTopic(offsets: readonly KafkaGroupOffset[]): TopicOffsets[] {
  const byTopic = new Map<string, KafkaGroupOffset[]>()
  for (const o of offsets) {
    const list = byTopic.get(o.topic)
    if (list) list.push(o)
    else byTopic.set(o.topic, [o])
  }
  return [...byTopic.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([topic, rows]) => {
      rows.sort((a, b) => a.partition - b.partition)
      let lag: number | null = null
      let uncommitted = 0
      for (const r of rows) {
        if (r.lag !== null) lag = (lag ?? 0) + r.lag
        if (r.committed === null) uncommitted++
      }
      return { topic, rows, lag, uncommitted }
    })
}

export type GroupMember = KafkaGroupDetail['members'][number]

/** Which member consumes each partition ("topic:partition"), so a lagging one names its consumer. */
export function assignedMembers(members: readonly GroupMember[]): Map<string, GroupMember> {
  const out = new Map<string, GroupMember>()
  for (const m of members)
    for (const a of m.assignments) for (const p of a.partitions) out.set(`${a.topic}:${p}`, m)
  return out
}
