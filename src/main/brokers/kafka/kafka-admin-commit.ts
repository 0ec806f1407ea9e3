import type { Admin, Kafka } from 'kafkajs'
import { ApiError } from '../../../shared/api-error'
import { kafkaErrorType } from './kafka-admin-errors'

/** How long joining the group may take before the reset gives up. */
const JOIN_TIMEOUT_MS = 20_000

/** Commit errors that mean "the group moved to a new generation": join again and retry. */
const REJOINED = new Set(['ILLEGAL_GENERATION', 'REBALANCE_IN_PROGRESS', 'UNKNOWN_MEMBER_ID'])

export interface OffsetToCommit {
  topic: string
  partition: number
  offset: string
}

/**
 * Commits offsets for an idle group by joining it for a moment as its only member, the way
 * kafkajs's `admin.setOffsets` does — kafkajs cannot send the member-less OffsetCommit that Kafka's
 * own tools use. Done here rather than through setOffsets because setOffsets
 * - joins and leaves once per topic, and each time waits out a whole empty fetch (maxWaitTime, 5 s)
 *   before it leaves: a reset of ten topics took over 50 s;
 * - checks that the group is idle *before* joining, so a consumer starting meanwhile would share a
 *   generation with it and have its position overwritten.
 * This joins once for all topics, with every topic paused (nothing is fetched or auto-committed),
 * checks *after* joining that it is the group's only member, commits, and leaves.
 */
export async function commitAsSoleMember(
  kafka: Kafka,
  admin: Admin,
  groupId: string,
  offsets: readonly OffsetToCommit[],
): Promise<void> {
  const topics = [...new Set(offsets.map((o) => o.topic))]
  if (topics.length === 0) return
  const consumer = kafka.consumer({
    groupId,
    // Only the pause loop waits this long; nothing is fetched.
    maxWaitTimeInMs: 100,
    // Should the app die in the middle, the group is free again soon.
    sessionTimeout: 10_000,
    heartbeatInterval: 3_000,
    allowAutoTopicCreation: false,
    retry: { retries: 1 },
  })
  // Each GROUP_JOIN is a new generation; a commit can only be made in the current one.
  let joins = 0
  let memberId = ''
  let crash: unknown = null
  let wake = () => {}
  consumer.on(consumer.events.GROUP_JOIN, (e) => {
    joins++
    memberId = e.payload.memberId
    wake()
  })
  consumer.on(consumer.events.CRASH, (e) => {
    crash = e.payload.error
    wake()
  })
  const joinedAfter = async (seen: number) => {
    const deadline = Date.now() + JOIN_TIMEOUT_MS
    while (joins <= seen) {
      if (crash) throw crash
      const left = deadline - Date.now()
      if (left <= 0)
        throw new ApiError('unavailable', `Joining group ${groupId} to commit its offsets took over 20 s`)
      await new Promise<void>((resolve) => {
        wake = resolve
        setTimeout(resolve, Math.min(left, 1000)).unref()
      })
    }
  }
  try {
    await consumer.connect()
    await consumer.subscribe({ topics, fromBeginning: true })
    await consumer.run({ autoCommit: false, eachBatchAutoResolve: false, eachBatch: async () => undefined })
    consumer.pause(topics.map((topic) => ({ topic })))
    let seen = 0
    for (let attempt = 1; ; attempt++) {
      await joinedAfter(seen)
      seen = joins
      const { groups } = await admin.describeGroups([groupId])
      const others = (groups[0]?.members ?? []).filter((m) => m.memberId !== memberId)
      if (others.length > 0)
        throw new ApiError(
          'conflict',
          `Group ${groupId} became active (${others.length} other member${others.length === 1 ? '' : 's'}) while its offsets were being reset: nothing was changed`,
        )
      try {
        await consumer.commitOffsets(
          offsets.map((o) => ({ topic: o.topic, partition: o.partition, offset: o.offset })),
        )
        return
      } catch (error) {
        // The consumer rejoined meanwhile (its topics' metadata changed after the first join, as
        // it does for topics just created): commit again in the new generation.
        if (attempt >= 3 || !REJOINED.has(kafkaErrorType(error) ?? '')) throw error
      }
    }
  } finally {
    await consumer.disconnect().catch(() => undefined)
  }
}
