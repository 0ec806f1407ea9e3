import { z } from 'zod'
import { MessageSummary } from './messages'
import { ProfileId } from './profiles'
import { KAFKA_TOPIC_PATTERN } from './publish'

/**
 * Kafka's cluster, topics, record browsing, consumer groups, lag history and offset resets, as the
 * renderer sees them. Offsets are int64: they travel as decimal strings; lags fit a double (2^53) and
 * travel as numbers. A lag is null where there is no committed offset: "no commit" is not 0.
 */

const Offset = z.string().regex(/^-?\d{1,19}$/, 'An offset is a whole number')
const TopicName = z.string().regex(KAFKA_TOPIC_PATTERN, 'Topic names are 1–249 of a-z A-Z 0-9 . _ -')
const GroupId = z.string().min(1).max(1024)

export const KafkaBroker = z.strictObject({
  nodeId: z.number().int(),
  host: z.string(),
  port: z.number().int(),
  rack: z.string().nullable(),
  controller: z.boolean(),
})
export type KafkaBroker = z.infer<typeof KafkaBroker>

export const KafkaClusterInfo = z.strictObject({
  clusterId: z.string(),
  controllerId: z.number().int().nullable(),
  brokers: z.array(KafkaBroker),
  topicCount: z.number().int(),
  partitionCount: z.number().int(),
})
export type KafkaClusterInfo = z.infer<typeof KafkaClusterInfo>

export const KafkaTopicSummary = z.strictObject({
  name: z.string(),
  internal: z.boolean(),
  partitions: z.number().int(),
  replicationFactor: z.number().int(),
  /** Sum over partitions of high − low watermark: records currently held. */
  messages: z.number(),
  /** Bytes on disk over all replicas' logs, when the brokers say (DescribeLogDirs); else null. */
  sizeBytes: z.number().nullable(),
  /** Groups with committed offsets on this topic, and their lag on it (null: nothing committed). */
  groups: z.array(z.strictObject({ groupId: z.string(), lag: z.number().nullable() })),
})
export type KafkaTopicSummary = z.infer<typeof KafkaTopicSummary>

export const KafkaPartitionInfo = z.strictObject({
  partition: z.number().int(),
  leader: z.number().int(),
  replicas: z.array(z.number().int()),
  isr: z.array(z.number().int()),
  offlineReplicas: z.array(z.number().int()),
  low: Offset,
  high: Offset,
})
export type KafkaPartitionInfo = z.infer<typeof KafkaPartitionInfo>

export const KafkaTopicConfig = z.strictObject({
  name: z.string(),
  value: z.string().nullable(),
  /** Where the value comes from: topic, broker, default… as the broker says. */
  source: z.string(),
  isDefault: z.boolean(),
  readOnly: z.boolean(),
  sensitive: z.boolean(),
})

export const KafkaTopicDetail = z.strictObject({
  name: z.string(),
  internal: z.boolean(),
  partitions: z.array(KafkaPartitionInfo),
  configs: z.array(KafkaTopicConfig),
})
export type KafkaTopicDetail = z.infer<typeof KafkaTopicDetail>

export const CreateKafkaTopic = z.strictObject({
  profileId: ProfileId,
  name: TopicName,
  partitions: z.number().int().min(1).max(100_000).default(1),
  /** -1: the broker's default. */
  replicationFactor: z.number().int().min(-1).max(32_767).default(-1),
  configs: z.record(z.string().max(255), z.string().max(10_000)).default({}),
})

/** Where a read starts. */
export const KafkaBrowseFrom = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('beginning') }),
  /** The newest `limit` records (per the partitions asked), then live tail if asked. */
  z.strictObject({ kind: z.literal('end') }),
  z.strictObject({
    kind: z.literal('offset'),
    offsets: z.array(z.strictObject({ partition: z.number().int().min(0), offset: Offset })).min(1),
  }),
  z.strictObject({ kind: z.literal('timestamp'), at: z.number() }),
])
export type KafkaBrowseFrom = z.infer<typeof KafkaBrowseFrom>

export const KafkaRecordFilter = z.strictObject({
  /** Substring of the key as UTF-8 (binary keys never match). */
  key: z.string().max(10_000).nullable().default(null),
  /** `name` or `name=value-substring`. */
  header: z.string().max(10_000).nullable().default(null),
  /** Substring of the value as UTF-8. */
  text: z.string().max(10_000).nullable().default(null),
})

export const KafkaBrowseRequest = z.strictObject({
  profileId: ProfileId,
  topic: TopicName,
  from: KafkaBrowseFrom,
  /** null: every partition. */
  partitions: z.array(z.number().int().min(0)).nullable().default(null),
  /** Records returned at most (after filtering). */
  limit: z.number().int().min(1).max(10_000).default(100),
  filter: KafkaRecordFilter.default({ key: null, header: null, text: null }),
})
export type KafkaBrowseRequest = z.input<typeof KafkaBrowseRequest>

export const KafkaBrowsePage = z.strictObject({
  /** In (timestamp, partition, offset) order; their `kafka` metadata is set; stored in the history. */
  records: z.array(MessageSummary),
  /** Where the next page starts, per partition (pass as `from: { kind: 'offset', offsets }`). */
  next: z.array(z.strictObject({ partition: z.number().int(), offset: Offset })),
  /** Records read from the broker, matching or not (filters are applied in the app). */
  scanned: z.number().int(),
  /** Every partition asked was read up to its high watermark. */
  reachedEnd: z.boolean(),
})
export type KafkaBrowsePage = z.infer<typeof KafkaBrowsePage>

export const KafkaTailStatus = z.strictObject({
  id: z.string(),
  profileId: ProfileId,
  topic: z.string(),
  state: z.enum(['running', 'stopped', 'failed']),
  received: z.number().int(),
  error: z.string().nullable(),
})
export type KafkaTailStatus = z.infer<typeof KafkaTailStatus>

export const KafkaGroupSummary = z.strictObject({
  groupId: z.string(),
  /** Stable, Empty, PreparingRebalance, CompletingRebalance, Dead, Unknown… as the broker says. */
  state: z.string(),
  protocolType: z.string(),
  members: z.number().int(),
  topics: z.array(z.string()),
  /** Sum of lags over partitions with a commit; null when none has one. */
  totalLag: z.number().nullable(),
  /** Said when the group could not be fully described (e.g. the newer consumer protocol). */
  note: z.string().nullable(),
})
export type KafkaGroupSummary = z.infer<typeof KafkaGroupSummary>

export const KafkaGroupOffset = z.strictObject({
  topic: z.string(),
  partition: z.number().int(),
  /** null: the group has no committed offset here. */
  committed: Offset.nullable(),
  logStart: Offset,
  logEnd: Offset,
  /** logEnd − committed; null without a commit (never shown as 0 or negative). */
  lag: z.number().nullable(),
  metadata: z.string().nullable(),
  /** When the app last saw this committed offset change (the broker does not say); null if never. */
  lastCommitSeenAt: z.number().nullable(),
})
export type KafkaGroupOffset = z.infer<typeof KafkaGroupOffset>

export const KafkaGroupMember = z.strictObject({
  memberId: z.string(),
  clientId: z.string(),
  host: z.string(),
  assignments: z.array(z.strictObject({ topic: z.string(), partitions: z.array(z.number().int()) })),
})

export const KafkaGroupDetail = z.strictObject({
  groupId: z.string(),
  state: z.string(),
  protocolType: z.string(),
  protocol: z.string(),
  members: z.array(KafkaGroupMember),
  offsets: z.array(KafkaGroupOffset),
  totalLag: z.number().nullable(),
  note: z.string().nullable(),
})
export type KafkaGroupDetail = z.infer<typeof KafkaGroupDetail>

export const KafkaLagSample = z.strictObject({
  at: z.number(),
  totalLag: z.number().nullable(),
  partitions: z.array(
    z.strictObject({ topic: z.string(), partition: z.number().int(), lag: z.number().nullable() }),
  ),
})
export type KafkaLagSample = z.infer<typeof KafkaLagSample>

export const KafkaLagHistory = z.strictObject({
  samples: z.array(KafkaLagSample),
  /** Lag change per second over the recent samples: negative = catching up. null: too few samples. */
  ratePerSecond: z.number().nullable(),
  /** Seconds until lag reaches 0 at that rate; null when not catching up. */
  etaSeconds: z.number().nullable(),
  /** The live watch's interval, or null when not watched. */
  watchIntervalMs: z.number().int().nullable(),
})
export type KafkaLagHistory = z.infer<typeof KafkaLagHistory>

export const KafkaResetMode = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('earliest') }),
  z.strictObject({ kind: z.literal('latest') }),
  z.strictObject({ kind: z.literal('timestamp'), at: z.number() }),
  z.strictObject({
    kind: z.literal('offsets'),
    offsets: z
      .array(
        z.strictObject({ topic: z.string().max(249), partition: z.number().int().min(0), offset: Offset }),
      )
      .min(1),
  }),
  z.strictObject({ kind: z.literal('shift'), by: z.number().int() }),
])
export type KafkaResetMode = z.infer<typeof KafkaResetMode>

export const KafkaResetRequest = z.strictObject({
  profileId: ProfileId,
  groupId: GroupId,
  /** null: every topic the group has committed offsets for. */
  topic: z.string().max(249).nullable().default(null),
  mode: KafkaResetMode,
})
export type KafkaResetRequest = z.input<typeof KafkaResetRequest>

export const KafkaResetPreview = z.strictObject({
  rows: z.array(
    z.strictObject({
      topic: z.string(),
      partition: z.number().int(),
      current: Offset.nullable(),
      /** Clamped into [logStart, logEnd]. */
      next: Offset,
      logStart: Offset,
      logEnd: Offset,
      lagAfter: z.number(),
    }),
  ),
  /** Why applying would be refused now (the group has active members), else null. */
  refusal: z.string().nullable(),
})
export type KafkaResetPreview = z.infer<typeof KafkaResetPreview>

export { GroupId as KafkaGroupId, TopicName as KafkaTopicName }
