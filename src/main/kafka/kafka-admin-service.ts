import kafkajs, { type Admin, type Kafka } from 'kafkajs'
import type { z } from 'zod'
import { ApiError } from '../../shared/api-error'
import type {
  CreateKafkaTopic,
  KafkaClusterInfo,
  KafkaGroupDetail,
  KafkaGroupSummary,
  KafkaResetPreview,
  KafkaResetRequest,
  KafkaTopicDetail,
  KafkaTopicSummary,
} from '../../shared/kafka'
import { decodeAssignment } from '../brokers/kafka/kafka-admin-assignment'
import { commitAsSoleMember } from '../brokers/kafka/kafka-admin-commit'
import { kafkaApiError, kafkaErrorText, kafkaErrorType } from '../brokers/kafka/kafka-admin-errors'
import {
  ADMIN_CONCURRENCY,
  AdminReads,
  describeGroups,
  readCommits,
  readWatermarks,
  type GroupDescription,
} from '../brokers/kafka/kafka-admin-reads'
import { CommitTracker } from './commit-tracker'
import { groupOffsetRows, lagPerTopic, partitionStates, type CommittedOffset } from './group-offsets'
import { mapBounded } from './map-bounded'
import { committedOrNull, lagOf, toOffset, totalLag } from './offset-math'
import { planReset, resetRefusal, resetScope, topicPartitionKey, type ResetRow } from './reset-plan'

// kafkajs is CommonJS: Node's ESM loader cannot see these exports by name in the main bundle.
const { ConfigResourceTypes, ConfigSource } = kafkajs

type Live = { kafka: Kafka; admin: Admin }
type CreateTopicInput = z.output<typeof CreateKafkaTopic>
type ResetInput = z.output<typeof KafkaResetRequest>

/** A group as the admin views build it: described, its commits read, its topics' offsets joined. */
interface GroupView extends KafkaGroupDetail {
  topics: string[]
  /** false: the broker could not tell its state and members, so nothing may assume it is idle. */
  describable: boolean
  /** The group has neither a description (Dead) nor commits, and is not listed: it does not exist. */
  absent: boolean
}

const CONFIG_SOURCES: Record<number, string> = {
  [ConfigSource.TOPIC_CONFIG]: 'topic',
  [ConfigSource.DYNAMIC_BROKER_CONFIG]: 'dynamic-broker',
  [ConfigSource.DYNAMIC_DEFAULT_BROKER_CONFIG]: 'dynamic-default-broker',
  [ConfigSource.STATIC_BROKER_CONFIG]: 'static-broker',
  [ConfigSource.DEFAULT_CONFIG]: 'default',
  [ConfigSource.DYNAMIC_BROKER_LOGGER_CONFIG]: 'broker-logger',
}

/**
 * kafkajs keeps Metadata's `is_internal` flag to itself (fetchTopicMetadata returns name and
 * partitions only), so internal is told by name: Kafka's own topics start with "__"
 * (__consumer_offsets, __transaction_state, __share_group_state), and the ecosystem's system topics
 * with "_" (_schemas, _confluent-…) — the rule kafbat kafka-ui and AKHQ apply on top of the flag.
 */
const isInternalTopic = (name: string) => name.startsWith('_')

const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

/**
 * Kafka's cluster, topics and consumer groups through kafkajs's admin client: overview, topic
 * list/detail/configs, create/delete, group list/detail with lag, delete, and offset resets.
 *
 * Not available through kafkajs: topic sizes (it has no DescribeLogDirs, so `sizeBytes` is null),
 * broker racks (describeCluster drops them) and the broker's error_message text on refused
 * CreateTopics (only the error code survives; see kafkaApiError).
 */
export class KafkaAdminService {
  private readonly commits = new CommitTracker()
  private readonly reads = new AdminReads()

  constructor(private readonly kafkaOf: (profileId: string) => Live) {}

  async cluster(profileId: string): Promise<KafkaClusterInfo> {
    const { admin } = this.kafkaOf(profileId)
    try {
      const [cluster, metadata] = await Promise.all([admin.describeCluster(), admin.fetchTopicMetadata()])
      return {
        clusterId: cluster.clusterId,
        controllerId: cluster.controller,
        brokers: cluster.brokers
          .map((b) => ({
            nodeId: b.nodeId,
            host: b.host,
            port: b.port,
            rack: null,
            controller: b.nodeId === cluster.controller,
          }))
          .sort((a, b) => a.nodeId - b.nodeId),
        topicCount: metadata.topics.length,
        partitionCount: metadata.topics.reduce((n, t) => n + t.partitions.length, 0),
      }
    } catch (error) {
      throw kafkaApiError(error, 'Could not describe the cluster')
    }
  }

  async listTopics(profileId: string): Promise<KafkaTopicSummary[]> {
    const live = this.kafkaOf(profileId)
    try {
      return await this.reads.run(live, async (admin, fresh) => {
        const { topics } = await admin.fetchTopicMetadata()
        const { groups } = await admin.listGroups()
        const [{ watermarks }, commitsPerGroup] = await Promise.all([
          readWatermarks(
            admin,
            topics.map((t) => t.name),
            fresh,
          ),
          mapBounded(groups, ADMIN_CONCURRENCY, (g) => this.commitsOrNull(admin, g.groupId)),
        ])
        // Per topic: the groups with a commit on it, with their lag on it.
        const readers = new Map<string, { groupId: string; lag: number | null }[]>()
        groups.forEach(({ groupId }, i) => {
          const commits = commitsPerGroup[i]
          if (!commits) return
          const committedTopics = [
            ...new Set(commits.filter((c) => committedOrNull(c.offset) !== null).map((c) => c.topic)),
          ]
          const rows = groupOffsetRows(
            committedTopics.flatMap((t) => watermarks.get(t) ?? []),
            commits,
            (topic, partition, committed) =>
              this.commits.observe(profileId, groupId, topic, partition, committed),
          )
          for (const [topic, lag] of lagPerTopic(rows)) {
            const list = readers.get(topic) ?? []
            list.push({ groupId, lag })
            readers.set(topic, list)
          }
        })
        return topics
          .map((t): KafkaTopicSummary => {
            const marks = watermarks.get(t.name)
            return {
              name: t.name,
              internal: isInternalTopic(t.name),
              partitions: t.partitions.length,
              replicationFactor: Math.max(0, ...t.partitions.map((p) => p.replicas.length)),
              // A topic whose offsets could not be read (a partition without a leader) counts 0 here;
              // its detail view says why.
              messages: Number(
                (marks?.partitions ?? []).reduce((n, p) => n + (toOffset(p.high) - toOffset(p.low)), 0n),
              ),
              // kafkajs has no DescribeLogDirs request (and no way to send one through its public
              // API), so log sizes are unknown here.
              sizeBytes: null,
              groups: (readers.get(t.name) ?? []).sort((a, b) => byName(a.groupId, b.groupId)),
            }
          })
          .sort((a, b) => byName(a.name, b.name))
      })
    } catch (error) {
      throw kafkaApiError(error, 'Could not list topics')
    }
  }

  async topic(profileId: string, name: string): Promise<KafkaTopicDetail> {
    const live = this.kafkaOf(profileId)
    try {
      return await this.reads.run(live, async (admin, fresh) => {
        const { topics } = await admin.fetchTopicMetadata()
        const meta = topics.find((t) => t.name === name)
        if (!meta) throw new ApiError('not_found', `Topic ${name} does not exist`)
        const [{ watermarks, failed }, configs] = await Promise.all([
          readWatermarks(admin, [name], fresh),
          admin.describeConfigs({
            resources: [{ type: ConfigResourceTypes.TOPIC, name }],
            includeSynonyms: false,
          }),
        ])
        const marks = watermarks.get(name)
        if (!marks) {
          if (failed.has(name))
            throw new ApiError('unavailable', `Could not read the offsets of ${name}: ${failed.get(name)}`)
          throw new ApiError('not_found', `Topic ${name} does not exist`)
        }
        const bounds = new Map(marks.partitions.map((p) => [p.partition, p]))
        const resource = configs.resources.find((r) => r.resourceName === name)
        if (resource && resource.errorCode !== 0)
          throw new ApiError(
            'unavailable',
            `Could not read the configs of ${name}: ${resource.errorMessage || `error ${resource.errorCode}`}`,
          )
        return {
          name,
          internal: isInternalTopic(name),
          partitions: [...meta.partitions]
            .sort((a, b) => a.partitionId - b.partitionId)
            .map((p) => ({
              partition: p.partitionId,
              leader: p.leader,
              replicas: p.replicas,
              isr: p.isr,
              offlineReplicas: p.offlineReplicas ?? [],
              low: bounds.get(p.partitionId)?.low ?? '0',
              high: bounds.get(p.partitionId)?.high ?? '0',
            })),
          configs: (resource?.configEntries ?? [])
            .map((c) => ({
              name: c.configName,
              // Sensitive values never leave the broker: it answers null for them.
              value: c.configValue ?? null,
              source: CONFIG_SOURCES[c.configSource] ?? 'unknown',
              isDefault: c.isDefault,
              readOnly: c.readOnly,
              sensitive: c.isSensitive,
            }))
            .sort((a, b) => byName(a.name, b.name)),
        }
      })
    } catch (error) {
      throw kafkaApiError(error, `Could not read topic ${name}`)
    }
  }

  async createTopic(input: CreateTopicInput): Promise<KafkaTopicDetail> {
    const live = this.kafkaOf(input.profileId)
    let created: boolean
    try {
      created = await this.reads.run(live, (admin) =>
        admin.createTopics({
          topics: [
            {
              topic: input.name,
              numPartitions: input.partitions,
              replicationFactor: input.replicationFactor,
              configEntries: Object.entries(input.configs).map(([name, value]) => ({ name, value })),
            },
          ],
          waitForLeaders: true,
        }),
      )
    } catch (error) {
      throw kafkaApiError(error, `Kafka refused to create topic ${input.name}`)
    }
    // kafkajs answers false rather than throwing for TOPIC_ALREADY_EXISTS.
    if (!created) throw new ApiError('conflict', `Topic ${input.name} already exists`)
    // The leaders are known; the topic's configs and offsets may take a moment more on other brokers.
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.topic(input.profileId, input.name)
      } catch (error) {
        if (!(error instanceof ApiError) || error.code !== 'not_found' || attempt >= 20) throw error
        await new Promise((resolve) => setTimeout(resolve, 100))
      }
    }
  }

  async deleteTopic(profileId: string, name: string): Promise<null> {
    const live = this.kafkaOf(profileId)
    try {
      await this.reads.run(live, async (admin) => {
        const { topics } = await admin.fetchTopicMetadata()
        if (!topics.some((t) => t.name === name))
          throw new ApiError('not_found', `Topic ${name} does not exist`)
        await admin.deleteTopics({ topics: [name] })
      })
    } catch (error) {
      throw kafkaApiError(error, `Kafka refused to delete topic ${name}`)
    }
    return null
  }

  async listGroups(profileId: string): Promise<KafkaGroupSummary[]> {
    const live = this.kafkaOf(profileId)
    try {
      return await this.reads.run(live, async (admin, fresh) => {
        const { groups } = await admin.listGroups()
        const listed = new Map(groups.map((g) => [g.groupId, g.protocolType]))
        const views = await this.groupViews(profileId, admin, fresh, [...listed.keys()], [], listed)
        return views
          .map((v): KafkaGroupSummary => ({
            groupId: v.groupId,
            state: v.state,
            protocolType: v.protocolType,
            members: v.members.length,
            topics: v.topics,
            totalLag: v.totalLag,
            note: v.note,
          }))
          .sort((a, b) => byName(a.groupId, b.groupId))
      })
    } catch (error) {
      throw kafkaApiError(error, 'Could not list consumer groups')
    }
  }

  async group(profileId: string, groupId: string): Promise<KafkaGroupDetail> {
    const live = this.kafkaOf(profileId)
    let view: GroupView
    try {
      view = await this.reads.run(live, async (admin, fresh) => {
        const [v] = await this.groupViews(profileId, admin, fresh, [groupId], [])
        return v!
      })
    } catch (error) {
      throw kafkaApiError(error, `Could not read group ${groupId}`)
    }
    if (view.absent) throw new ApiError('not_found', `Group ${groupId} does not exist`)
    return {
      groupId: view.groupId,
      state: view.state,
      protocolType: view.protocolType,
      protocol: view.protocol,
      members: view.members,
      offsets: view.offsets,
      totalLag: view.totalLag,
      note: view.note,
    }
  }

  async deleteGroup(profileId: string, groupId: string): Promise<null> {
    const live = this.kafkaOf(profileId)
    try {
      await this.reads.run(live, (admin) => admin.deleteGroups([groupId]))
    } catch (error) {
      const type = kafkaErrorType(error)
      if (type === 'NON_EMPTY_GROUP')
        throw new ApiError(
          'conflict',
          `Group ${groupId} still has active members: stop them before deleting it (${kafkaErrorText(error)})`,
        )
      if (type === 'GROUP_ID_NOT_FOUND') throw new ApiError('not_found', `Group ${groupId} does not exist`)
      throw kafkaApiError(error, `Kafka refused to delete group ${groupId}`)
    }
    this.commits.forget(profileId, groupId)
    return null
  }

  async previewReset(request: ResetInput): Promise<KafkaResetPreview> {
    const live = this.kafkaOf(request.profileId)
    try {
      return await this.reads.run(live, async (admin, fresh) => {
        const { rows, refusal } = await this.plan(request, admin, fresh)
        return { rows, refusal }
      })
    } catch (error) {
      throw kafkaApiError(error, `Could not plan the reset of group ${request.groupId}`)
    }
  }

  /**
   * Plans again (the offsets may have moved since the preview), refuses while the group has
   * members, commits every row at once as the group's only member for a moment (see
   * commitAsSoleMember: it refuses too if a consumer joined meanwhile), then reads the commits back:
   * the rows returned are what Kafka now holds.
   */
  async applyReset(request: ResetInput): Promise<KafkaResetPreview> {
    const live = this.kafkaOf(request.profileId)
    const { groupId } = request
    try {
      // Planning may be retried on a fresh admin (see AdminReads), committing must not be: a shift
      // planned again after its commit would move the offsets twice. So a failed commit ends here.
      const rows = await this.reads.run(live, async (admin, fresh) => {
        const plan = await this.plan(request, admin, fresh)
        if (plan.refusal) throw new ApiError('conflict', plan.refusal)
        try {
          await commitAsSoleMember(
            live.kafka,
            admin,
            groupId,
            plan.rows.map((r) => ({ topic: r.topic, partition: r.partition, offset: r.next })),
          )
        } catch (error) {
          throw kafkaApiError(error, `Could not commit the offsets of group ${groupId}`)
        }
        return plan.rows
      })
      const topics = [...new Set(rows.map((r) => r.topic))]
      const [after] = await this.reads.run(live, (admin, fresh) =>
        this.groupViews(request.profileId, admin, fresh, [groupId], topics),
      )
      const now = new Map(after!.offsets.map((o) => [topicPartitionKey(o.topic, o.partition), o]))
      return {
        rows: rows.map((r): ResetRow => {
          const o = now.get(topicPartitionKey(r.topic, r.partition))
          if (!o || o.committed === null) return r
          return {
            ...r,
            next: o.committed,
            logStart: o.logStart,
            logEnd: o.logEnd,
            lagAfter: lagOf(toOffset(o.committed), toOffset(o.logEnd)) ?? 0,
          }
        }),
        refusal: null,
      }
    } catch (error) {
      throw kafkaApiError(error, `Could not reset the offsets of group ${groupId}`)
    }
  }

  private async plan(
    request: ResetInput,
    admin: Admin,
    fresh: boolean,
  ): Promise<{ rows: ResetRow[]; refusal: string | null }> {
    const { groupId, topic, mode } = request
    // Topics the request names, which the group may not have read yet: checked to exist first, so
    // that a typo is a plain not_found (and not taken for a stale admin, see AdminReads).
    const named = [
      ...new Set([
        ...(topic ? [topic] : []),
        ...(mode.kind === 'offsets' ? mode.offsets.map((o) => o.topic) : []),
      ]),
    ]
    if (named.length) {
      const existing = new Set((await admin.fetchTopicMetadata()).topics.map((t) => t.name))
      const missing = named.filter((t) => !existing.has(t))
      if (missing.length) throw new ApiError('not_found', `Topic ${missing.join(', ')} does not exist`)
    }
    const [view] = await this.groupViews(request.profileId, admin, fresh, [groupId], named)
    const scope = resetScope(partitionStates(view!.offsets), topic, mode, groupId)
    const byTime = new Map<string, bigint>()
    if (mode.kind === 'timestamp') {
      // A time after the last record: kafkajs answers the high watermark (logEnd), as the tool does.
      const topics = [...new Set(scope.map((s) => s.topic))]
      await mapBounded(topics, ADMIN_CONCURRENCY, async (t) => {
        for (const o of await admin.fetchTopicOffsetsByTimestamp(t, mode.at))
          byTime.set(topicPartitionKey(t, o.partition), toOffset(o.offset))
      })
    }
    const refusal = view!.describable
      ? resetRefusal(groupId, view!.state, view!.members.length)
      : `Group ${groupId} cannot be described by this client, so whether it has active members is unknown: its offsets are not reset (${view!.note ?? 'no description'})`
    return { rows: planReset(scope, mode, byTime), refusal }
  }

  /** A group's commits, or null when they cannot be read (the group vanished, no permission). */
  private async commitsOrNull(admin: Admin, groupId: string): Promise<CommittedOffset[] | null> {
    try {
      return await readCommits(admin, groupId)
    } catch (error) {
      if (kafkaErrorType(error) === 'UNKNOWN_TOPIC_OR_PARTITION') throw error
      return null
    }
  }

  /**
   * Describes the groups, reads their commits (one OffsetFetch per group) and the offsets of all
   * their topics (one fetchTopicOffsets per topic, shared between groups), and joins them.
   * `extraTopics` are read for every group too (a reset of a topic the group has not read yet).
   * `listed`: the groups ListGroups returned (read here when needed and not given).
   */
  private async groupViews(
    profileId: string,
    admin: Admin,
    fresh: boolean,
    groupIds: readonly string[],
    extraTopics: readonly string[],
    listed?: ReadonlyMap<string, string>,
  ): Promise<GroupView[]> {
    const [descriptions, commitsPerGroup] = await Promise.all([
      describeGroups(admin, groupIds),
      mapBounded(groupIds, ADMIN_CONCURRENCY, async (id) => {
        try {
          return { commits: await readCommits(admin, id), error: null }
        } catch (error) {
          if (kafkaErrorType(error) === 'UNKNOWN_TOPIC_OR_PARTITION') throw error
          return { commits: [] as CommittedOffset[], error: kafkaErrorText(error) }
        }
      }),
    ])
    // Kafka 4 answers the classic DescribeGroups for a group of the KIP-848 consumer protocol with
    // state Dead and no members — even while it has members. Dead is otherwise a group that does
    // not exist, which ListGroups does not list: being listed tells the two apart.
    if (!listed && descriptions.some((d) => d.state === 'Dead')) {
      const { groups } = await admin.listGroups()
      listed = new Map(groups.map((g) => [g.groupId, g.protocolType]))
    }

    const members = descriptions.map((d) => this.membersOf(d))
    // The group's own topics (committed or assigned), and those plus the extra ones to read.
    const ownTopics = groupIds.map((_, i) => {
      const assigned = members[i]!.members.flatMap((m) => m.assignments.map((a) => a.topic))
      const committed = commitsPerGroup[i]!.commits.map((c) => c.topic)
      return new Set([...committed, ...assigned])
    })
    const topicsPerGroup = ownTopics.map((own) => [...new Set([...own, ...extraTopics])].sort(byName))
    const { watermarks, failed } = await readWatermarks(admin, topicsPerGroup.flat(), fresh)

    return groupIds.map((groupId, i): GroupView => {
      const d = descriptions[i]!
      const { commits, error: commitError } = commitsPerGroup[i]!
      const notes: string[] = []
      let state = d.state
      let describable = d.error === null
      const listedAs = listed?.get(groupId)
      if (d.error !== null) {
        notes.push(`Kafka could not describe this group (${d.error}): its state and members are unknown.`)
      } else if (d.state === 'Dead' && (listedAs !== undefined || commits.length > 0)) {
        state = 'Unknown'
        describable = false
        notes.push(
          'The broker describes this group as Dead although it exists: it most likely uses the newer consumer group protocol (KIP-848), which this client cannot describe, so its state and members are unknown.',
        )
      }
      if (commitError) notes.push(`Its committed offsets could not be read (${commitError}).`)
      notes.push(...members[i]!.notes)
      const topics = topicsPerGroup[i]!
      const gone = [...new Set(commits.map((c) => c.topic))].filter(
        (t) => !watermarks.has(t) && !failed.has(t),
      )
      if (gone.length) notes.push(`Offsets committed on deleted topics are left out: ${gone.join(', ')}.`)
      for (const t of topics)
        if (failed.has(t)) notes.push(`Offsets of ${t} could not be read (${failed.get(t)}): it is left out.`)

      const offsets = groupOffsetRows(
        topics.flatMap((t) => watermarks.get(t) ?? []),
        commits,
        (topic, partition, committed) =>
          this.commits.observe(profileId, groupId, topic, partition, committed),
      )
      return {
        groupId,
        state,
        protocolType: d.protocolType || listedAs || '',
        protocol: d.protocol,
        members: members[i]!.members,
        offsets,
        totalLag: totalLag(offsets.map((o) => o.lag)),
        note: notes.length ? notes.join(' ') : null,
        topics: topics.filter((t) => ownTopics[i]!.has(t)),
        describable,
        absent: d.error === null && d.state === 'Dead' && commits.length === 0 && listedAs === undefined,
      }
    })
  }

  /** Members with their assignments decoded, where the protocol type says they are consumers'. */
  private membersOf(d: GroupDescription): { members: KafkaGroupDetail['members']; notes: string[] } {
    const notes: string[] = []
    const consumer = d.protocolType === 'consumer' || d.protocolType === ''
    if (!consumer && d.members.length)
      notes.push(
        `Protocol type "${d.protocolType}": its members' assignments are not consumer partitions and are not shown.`,
      )
    const members = d.members
      .map((m) => {
        const decoded = consumer ? decodeAssignment(m.memberAssignment) : { assignments: [], error: null }
        if (decoded.error) notes.push(`Member ${m.memberId}: ${decoded.error}.`)
        return {
          memberId: m.memberId,
          clientId: m.clientId,
          host: m.clientHost,
          assignments: decoded.assignments,
        }
      })
      .sort((a, b) => byName(a.memberId, b.memberId))
    return { members, notes }
  }
}
