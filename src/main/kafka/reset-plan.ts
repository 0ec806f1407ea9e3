import { ApiError } from '../../shared/api-error'
import type { KafkaResetMode, KafkaResetPreview } from '../../shared/kafka'
import { clampOffset, lagOf } from './offset-math'

/** What the plan needs to know of one partition: the group's commit and the log's bounds now. */
export interface PartitionState {
  topic: string
  partition: number
  /** null: the group has no committed offset here. */
  committed: bigint | null
  logStart: bigint
  logEnd: bigint
}

export type ResetRow = KafkaResetPreview['rows'][number]

/** Offsets found by time (ListOffsets by timestamp), keyed by `topicPartitionKey`. */
export type OffsetsByTime = ReadonlyMap<string, bigint>

export const topicPartitionKey = (topic: string, partition: number) => `${partition}:${topic}`

/**
 * The partitions a reset covers, in (topic, partition) order.
 *
 * - `topic` set: every partition of that topic (`kafka-consumer-groups --topic t`), commit or not, so
 *   a group can be given a start on a topic it has not read yet.
 * - `topic` null: every partition of every topic the group has a commit on — including partitions of
 *   those topics without a commit, so "back to earliest" really covers the whole topic.
 * - explicit offsets: exactly the partitions listed.
 * - shift: only partitions with a commit, whichever the scope. A shift is relative to the commit,
 *   and a partition without one has no position to move from: `kafka-consumer-groups --shift-by`
 *   refuses a `--topic` that has such a partition ("Cannot shift offset for partition t-2 since there
 *   is no current committed offset") and leaves them out of `--all-topics`. We leave them out in both
 *   scopes — they keep having no commit, so the consumer's `auto.offset.reset` still decides there —
 *   and the preview shows exactly which partitions move. A shift with no committed partition at all
 *   in scope is refused.
 */
export function resetScope(
  states: readonly PartitionState[],
  topic: string | null,
  mode: KafkaResetMode,
  groupId: string,
): PartitionState[] {
  const sorted = [...states].sort((a, b) =>
    a.topic === b.topic ? a.partition - b.partition : a.topic < b.topic ? -1 : 1,
  )
  if (mode.kind === 'offsets') {
    const byKey = new Map(sorted.map((s) => [topicPartitionKey(s.topic, s.partition), s]))
    const seen = new Set<string>()
    const picked: PartitionState[] = []
    for (const o of mode.offsets) {
      const key = topicPartitionKey(o.topic, o.partition)
      if (topic !== null && o.topic !== topic)
        throw new ApiError('invalid_input', `Offset for ${o.topic}-${o.partition} is outside topic ${topic}`)
      if (seen.has(key)) throw new ApiError('invalid_input', `${o.topic}-${o.partition} is listed twice`)
      seen.add(key)
      const state = byKey.get(key)
      if (!state) throw new ApiError('invalid_input', `Topic ${o.topic} has no partition ${o.partition}`)
      picked.push(state)
    }
    return picked.sort((a, b) =>
      a.topic === b.topic ? a.partition - b.partition : a.topic < b.topic ? -1 : 1,
    )
  }
  let inScope: PartitionState[]
  if (topic !== null) {
    inScope = sorted.filter((s) => s.topic === topic)
    if (inScope.length === 0) throw new ApiError('not_found', `Topic ${topic} does not exist`)
  } else {
    const committedTopics = new Set(sorted.filter((s) => s.committed !== null).map((s) => s.topic))
    inScope = sorted.filter((s) => committedTopics.has(s.topic))
    if (inScope.length === 0)
      throw new ApiError(
        'invalid_input',
        `Group ${groupId} has no committed offsets: choose a topic to reset it on`,
      )
  }
  if (mode.kind === 'shift') {
    const committed = inScope.filter((s) => s.committed !== null)
    if (committed.length === 0)
      throw new ApiError(
        'invalid_input',
        `Group ${groupId} has no committed offset on ${topic ?? 'its topics'} to shift from: reset to earliest, latest, a time or an offset instead`,
      )
    return committed
  }
  return inScope
}

/**
 * The offset each partition would get, clamped into [logStart, logEnd] (a consumer told to resume
 * outside it would only hit OffsetOutOfRange and fall back to `auto.offset.reset`).
 *
 * - earliest / latest: logStart / logEnd.
 * - timestamp: the first offset whose record time is at or after `at` (ListOffsets by time); a time
 *   after the last record gives logEnd, as `kafka-consumer-groups --to-datetime` does.
 * - offsets: as given. shift: committed + by (only partitions with a commit are in scope).
 */
export function planReset(
  scope: readonly PartitionState[],
  mode: KafkaResetMode,
  byTime: OffsetsByTime = new Map(),
): ResetRow[] {
  const explicit =
    mode.kind === 'offsets'
      ? new Map(mode.offsets.map((o) => [topicPartitionKey(o.topic, o.partition), BigInt(o.offset)]))
      : null
  return scope.map((s) => {
    const key = topicPartitionKey(s.topic, s.partition)
    let target: bigint
    switch (mode.kind) {
      case 'earliest':
        target = s.logStart
        break
      case 'latest':
        target = s.logEnd
        break
      case 'timestamp':
        target = byTime.get(key) ?? s.logEnd
        break
      case 'offsets':
        target = explicit!.get(key)!
        break
      case 'shift':
        target = (s.committed ?? s.logEnd) + BigInt(mode.by)
        break
    }
    const next = clampOffset(target, s.logStart, s.logEnd)
    return {
      topic: s.topic,
      partition: s.partition,
      current: s.committed === null ? null : s.committed.toString(),
      next: next.toString(),
      logStart: s.logStart.toString(),
      logEnd: s.logEnd.toString(),
      lagAfter: lagOf(next, s.logEnd) ?? 0,
    }
  })
}

/** Why a reset cannot be applied now, or null: offsets of a group with live members are theirs. */
export function resetRefusal(groupId: string, state: string, members: number): string | null {
  if (state === 'Empty' || state === 'Dead') return null
  if (members > 0)
    return `Group ${groupId} has ${members} active member${members === 1 ? '' : 's'}: stop ${members === 1 ? 'it' : 'them'} before resetting offsets`
  return `Group ${groupId} is ${state}, not Empty: stop its consumers before resetting offsets`
}
