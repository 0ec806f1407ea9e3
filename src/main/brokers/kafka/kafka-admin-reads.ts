import type { Admin, Kafka } from 'kafkajs'
import { mapBounded } from '../../kafka/map-bounded'
import type { CommittedOffset, TopicWatermarks } from '../../kafka/group-offsets'
import { kafkaErrorText, kafkaErrorType } from './kafka-admin-errors'

/** Requests in flight at once when asking about many topics or groups. */
export const ADMIN_CONCURRENCY = 8

/**
 * Runs `read` on the connection's admin; when that admin fails with UNKNOWN_TOPIC_OR_PARTITION,
 * runs it again on a fresh admin of the same client, closed afterwards.
 *
 * Why: every topic a kafkajs admin has looked at (fetchTopicOffsets, fetchOffsets with topics,
 * setOffsets) joins its list of "target topics", which it re-reads on each metadata refresh and never
 * forgets. Once another client deletes such a topic, every later refresh fails with
 * UNKNOWN_TOPIC_OR_PARTITION and that admin cannot read the offsets of *any* topic again until it is
 * rebuilt (checked against Kafka 4.3 with kafkajs 2.2.4). A fresh admin has no targets. An admin
 * found stale is remembered, so later calls go straight to a fresh one. The retry passes
 * `fresh = true`: a topic still unknown then was really deleted meanwhile.
 */
export class AdminReads {
  private readonly stale = new WeakSet<Admin>()

  async run<T>(live: { kafka: Kafka; admin: Admin }, read: (admin: Admin, fresh: boolean) => Promise<T>) {
    if (!this.stale.has(live.admin)) {
      try {
        return await read(live.admin, false)
      } catch (error) {
        if (kafkaErrorType(error) !== 'UNKNOWN_TOPIC_OR_PARTITION') throw error
      }
    }
    const admin = live.kafka.admin()
    await admin.connect()
    try {
      const result = await read(admin, true)
      this.stale.add(live.admin)
      return result
    } finally {
      await admin.disconnect().catch(() => undefined)
    }
  }
}

/**
 * Low and high watermarks of each topic, one fetchTopicOffsets per topic with bounded concurrency.
 * A topic that is gone (only believed when `fresh`, see AdminReads) is left out; a topic whose
 * offsets cannot be read for another reason (a partition without a leader) is reported in `failed`
 * instead of failing the whole list.
 */
export async function readWatermarks(
  admin: Admin,
  topics: readonly string[],
  fresh: boolean,
): Promise<{ watermarks: Map<string, TopicWatermarks>; failed: Map<string, string> }> {
  const watermarks = new Map<string, TopicWatermarks>()
  const failed = new Map<string, string>()
  await mapBounded([...new Set(topics)], ADMIN_CONCURRENCY, async (topic) => {
    try {
      const offsets = await admin.fetchTopicOffsets(topic)
      watermarks.set(topic, {
        topic,
        partitions: offsets.map((o) => ({ partition: o.partition, low: o.low, high: o.high })),
      })
    } catch (error) {
      const type = kafkaErrorType(error)
      if (type === 'UNKNOWN_TOPIC_OR_PARTITION') {
        if (!fresh) throw error
        return
      }
      failed.set(topic, kafkaErrorText(error))
    }
  })
  return { watermarks, failed }
}

/** What DescribeGroups said of a group, or why it could not say. */
export interface GroupDescription {
  groupId: string
  state: string
  protocolType: string
  protocol: string
  members: { memberId: string; clientId: string; clientHost: string; memberAssignment: Buffer }[]
  error: string | null
}

/**
 * Describes groups in one DescribeGroups per coordinator. kafkajs rejects the whole answer when any
 * one group has an error, so then each group is asked alone and only the failing ones carry `error`.
 */
export async function describeGroups(admin: Admin, groupIds: readonly string[]): Promise<GroupDescription[]> {
  if (groupIds.length === 0) return []
  const ok = (g: Awaited<ReturnType<Admin['describeGroups']>>['groups'][number]): GroupDescription => ({
    groupId: g.groupId,
    state: g.state,
    protocolType: g.protocolType,
    protocol: g.protocol,
    members: g.members.map((m) => ({
      memberId: m.memberId,
      clientId: m.clientId,
      clientHost: m.clientHost,
      memberAssignment: m.memberAssignment,
    })),
    error: null,
  })
  try {
    const { groups } = await admin.describeGroups([...groupIds])
    const byId = new Map(groups.map((g) => [g.groupId, ok(g)]))
    return groupIds.map((id) => byId.get(id) ?? failedDescription(id, 'not in the DescribeGroups answer'))
  } catch (error) {
    // A stale admin (see AdminReads) says nothing about the groups: let AdminReads retry it.
    if (kafkaErrorType(error) === 'UNKNOWN_TOPIC_OR_PARTITION') throw error
    if (groupIds.length === 1) return [failedDescription(groupIds[0]!, kafkaErrorText(error))]
    return mapBounded(groupIds, ADMIN_CONCURRENCY, async (id) => (await describeGroups(admin, [id]))[0]!)
  }
}

function failedDescription(groupId: string, error: string): GroupDescription {
  return { groupId, state: 'Unknown', protocolType: '', protocol: '', members: [], error }
}

/**
 * Every offset the group has committed, on every topic: one OffsetFetch with a null topic list (the
 * broker then answers only partitions that have a commit). Partitions without one are added by
 * `groupOffsetRows` from the topics' partition lists.
 */
export async function readCommits(admin: Admin, groupId: string): Promise<CommittedOffset[]> {
  const topics = await admin.fetchOffsets({ groupId })
  return topics.flatMap((t) =>
    t.partitions.map((p) => ({
      topic: t.topic,
      partition: p.partition,
      offset: p.offset,
      metadata: p.metadata ?? null,
    })),
  )
}
