import type { KafkaGroupOffset } from '../../shared/kafka'
import { committedOrNull, lagOf, toOffset, totalLag } from './offset-math'
import { topicPartitionKey, type PartitionState } from './reset-plan'

/** A topic's partitions with their log bounds (ListOffsets earliest / latest). */
export interface TopicWatermarks {
  topic: string
  partitions: readonly { partition: number; low: string; high: string }[]
}

/** A group's commit on one partition, as OffsetFetch returns it ("-1": none). */
export interface CommittedOffset {
  topic: string
  partition: number
  offset: string
  metadata: string | null
}

/**
 * One row per partition of each of the group's topics — every partition the topic has, not only
 * those the broker returned a commit for, so a partition nobody committed shows as "no commit"
 * (committed and lag null) instead of being missing. `seenAt` answers when the app last saw that
 * partition's commit change (see CommitTracker).
 */
export function groupOffsetRows(
  topics: readonly TopicWatermarks[],
  commits: readonly CommittedOffset[],
  seenAt: (topic: string, partition: number, committed: string | null) => number | null,
): KafkaGroupOffset[] {
  const byKey = new Map(commits.map((c) => [topicPartitionKey(c.topic, c.partition), c]))
  const rows: KafkaGroupOffset[] = []
  for (const t of [...topics].sort((a, b) => (a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : 0))) {
    for (const p of [...t.partitions].sort((a, b) => a.partition - b.partition)) {
      const commit = byKey.get(topicPartitionKey(t.topic, p.partition))
      const committed = committedOrNull(commit?.offset)
      const committedText = committed === null ? null : committed.toString()
      rows.push({
        topic: t.topic,
        partition: p.partition,
        committed: committedText,
        logStart: p.low,
        logEnd: p.high,
        lag: lagOf(committed, toOffset(p.high)),
        // A metadata string only means something next to a commit.
        metadata: committed === null ? null : (commit?.metadata ?? null) || null,
        lastCommitSeenAt: seenAt(t.topic, p.partition, committedText),
      })
    }
  }
  return rows
}

/** The group's lag summed per topic (null: no commit on any of its partitions). */
export function lagPerTopic(rows: readonly KafkaGroupOffset[]): Map<string, number | null> {
  const lags = new Map<string, (number | null)[]>()
  for (const r of rows) {
    const list = lags.get(r.topic) ?? []
    list.push(r.lag)
    lags.set(r.topic, list)
  }
  return new Map([...lags].map(([topic, list]) => [topic, totalLag(list)]))
}

/** Rows as the reset planner reads them. */
export function partitionStates(rows: readonly KafkaGroupOffset[]): PartitionState[] {
  return rows.map((r) => ({
    topic: r.topic,
    partition: r.partition,
    committed: r.committed === null ? null : toOffset(r.committed),
    logStart: toOffset(r.logStart),
    logEnd: toOffset(r.logEnd),
  }))
}
