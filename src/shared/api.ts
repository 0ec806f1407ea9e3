import { z } from 'zod'
import { API_METHOD_NAMES } from './api-methods'
import { ConnectionStatus } from './connection-status'
import { HistoryFilter, HistoryPage, HistoryStats } from './history'
import { ReplayRequest, ReplayStatus } from './replay'
import { SavedPayload, SavedPayloadInput, SavedPayloadSummary } from './saved-payloads'
import {
  CreateKafkaTopic,
  KafkaBrowsePage,
  KafkaBrowseRequest,
  KafkaClusterInfo,
  KafkaGroupDetail,
  KafkaGroupId,
  KafkaGroupSummary,
  KafkaLagHistory,
  KafkaLagSample,
  KafkaResetPreview,
  KafkaResetRequest,
  KafkaTailStatus,
  KafkaTopicDetail,
  KafkaTopicName,
  KafkaTopicSummary,
} from './kafka'
import {
  AmqpBindingRequest,
  AmqpConsumerStatus,
  AmqpNotice,
  AmqpPeekResult,
  AmqpQueueCheck,
  AmqpSettleResult,
  AmqpTopology,
  DeclareAmqpExchange,
  DeclareAmqpQueue,
  DeleteAmqpExchange,
  DeleteAmqpQueue,
  PeekAmqpQueue,
  SettleAmqp,
  StartAmqpConsumer,
  StartAmqpTap,
} from './amqp'
import {
  BrokerClient,
  BrokerClientRef,
  BrokerEvent,
  BrokerPacket,
  BuiltInBrokerStatus,
  StartBuiltInBroker,
} from './built-in-broker'
import { Bytes, MessagePayload, MessageSummary } from './messages'
import {
  PublishJobRequest,
  PublishJobStatus,
  PublishLogEntry,
  PublishRequest,
  PublishResult,
} from './publish'
import { Profile, ProfileConfig, ProfileId, SecretsPatch } from './profiles'
import { MqttSubscription, SubscriptionStatus } from './subscriptions'
import { TreeDelta, TreeSnapshot, TreeViewRequest } from './topic-tree'

/**
 * The one contract between the renderer and the core. Every method has a zod schema for its input
 * and its result, and every event has one too. Both transports (Electron IPC and the web host's
 * WebSocket) carry exactly this; the core validates inputs, the renderer validates results and events.
 */

const Empty = z.strictObject({}).optional()
const ById = z.strictObject({ id: ProfileId })
const ByProfile = z.strictObject({ profileId: ProfileId })

export const AppInfo = z.strictObject({
  name: z.string(),
  version: z.string(),
  host: z.enum(['electron', 'web']),
  dataDir: z.string(),
  platform: z.string(),
})
export type AppInfo = z.infer<typeof AppInfo>

export const ImportResult = z.strictObject({
  imported: z.array(Profile),
  /** One entry per profile of the file that could not be imported, with the reason. */
  rejected: z.array(z.strictObject({ index: z.number().int(), name: z.string(), reason: z.string() })),
})
export type ImportResult = z.infer<typeof ImportResult>

const RetainedTarget = z.strictObject({
  profileId: ProfileId,
  path: z.string().max(65535),
  subtree: z.boolean(),
})

function method<I extends z.ZodType, O extends z.ZodType>(input: I, output: O) {
  return { input, output }
}

export const apiSpec = {
  getAppInfo: method(Empty, AppInfo),

  listProfiles: method(Empty, z.array(Profile)),
  getProfile: method(ById, Profile),
  /** `config` is validated again in the core: the renderer's form errors are a courtesy. */
  createProfile: method(z.strictObject({ config: ProfileConfig, secrets: SecretsPatch.optional() }), Profile),
  updateProfile: method(
    z.strictObject({ id: ProfileId, config: ProfileConfig, secrets: SecretsPatch.optional() }),
    Profile,
  ),
  duplicateProfile: method(ById, Profile),
  deleteProfile: method(ById, z.null()),
  /** Returns the JSON text of an export file; secrets only when asked for. */
  exportProfiles: method(
    z.strictObject({
      ids: z.array(ProfileId).max(10_000).optional(),
      includeSecrets: z.boolean().default(false),
    }),
    z.strictObject({ json: z.string(), count: z.number().int() }),
  ),
  importProfiles: method(z.strictObject({ json: z.string().max(64 * 1024 * 1024) }), ImportResult),

  listConnections: method(Empty, z.array(ConnectionStatus)),
  connect: method(ByProfile, ConnectionStatus),
  disconnect: method(ByProfile, ConnectionStatus),

  listSubscriptions: method(ByProfile, z.array(SubscriptionStatus)),
  /** Adds (or changes) a subscription, saved in the profile; waits for the SUBACK when connected. */
  subscribe: method(
    z.strictObject({ profileId: ProfileId, subscription: MqttSubscription }),
    SubscriptionStatus,
  ),
  unsubscribe: method(z.strictObject({ profileId: ProfileId, filter: z.string().max(65535) }), z.null()),
  /** Publishes to the profile's broker (MQTT, AMQP or Kafka) and logs it; see `shared/publish.ts`. */
  publish: method(PublishRequest, PublishResult),
  /** The profile's publish log, newest first. */
  listPublishLog: method(
    z.strictObject({ profileId: ProfileId, limit: z.number().int().min(1).max(1000).default(200) }),
    z.array(PublishLogEntry),
  ),
  /** Publishes a logged entry's payload to its target again (templates are resolved anew). */
  resendPublish: method(z.strictObject({ id: z.number().int() }), PublishResult),
  /** The whole payload of a log entry, as it was entered (a template unresolved). */
  getPublishLogPayload: method(z.strictObject({ id: z.number().int() }), z.strictObject({ bytes: Bytes })),
  clearPublishLog: method(ByProfile, z.strictObject({ removed: z.number().int() })),
  /** Publishes a payload `count` times at an interval; progress follows as `publish.job` events. */
  startPublishJob: method(PublishJobRequest, PublishJobStatus),
  stopPublishJob: method(z.strictObject({ id: z.string().max(64) }), PublishJobStatus),
  listPublishJobs: method(Empty, z.array(PublishJobStatus)),

  /** Kafka (see `shared/kafka.ts`): the cluster, its topics and their configs. */
  kafkaCluster: method(ByProfile, KafkaClusterInfo),
  listKafkaTopics: method(ByProfile, z.array(KafkaTopicSummary)),
  getKafkaTopic: method(
    z.strictObject({ profileId: ProfileId, topic: z.string().max(249) }),
    KafkaTopicDetail,
  ),
  createKafkaTopic: method(CreateKafkaTopic, KafkaTopicDetail),
  deleteKafkaTopic: method(z.strictObject({ profileId: ProfileId, topic: KafkaTopicName }), z.null()),
  /** Reads a page of records without joining a group or committing; they go to the history. */
  browseKafka: method(KafkaBrowseRequest, KafkaBrowsePage),
  /** Follows a topic's new records into the tree and history; `kafka.tail` events report it. */
  startKafkaTail: method(
    z.strictObject({
      profileId: ProfileId,
      topic: KafkaTopicName,
      partitions: z.array(z.number().int().min(0)).nullable().default(null),
    }),
    KafkaTailStatus,
  ),
  stopKafkaTail: method(z.strictObject({ id: z.string().max(64) }), KafkaTailStatus),
  listKafkaTails: method(Empty, z.array(KafkaTailStatus)),
  listKafkaGroups: method(ByProfile, z.array(KafkaGroupSummary)),
  getKafkaGroup: method(z.strictObject({ profileId: ProfileId, groupId: KafkaGroupId }), KafkaGroupDetail),
  deleteKafkaGroup: method(z.strictObject({ profileId: ProfileId, groupId: KafkaGroupId }), z.null()),
  /** Stored lag samples of a group (since `since`, ms), with the catch-up rate and estimate. */
  getKafkaLagHistory: method(
    z.strictObject({
      profileId: ProfileId,
      groupId: KafkaGroupId,
      since: z.number().nullable().default(null),
    }),
    KafkaLagHistory,
  ),
  /** Samples a group's lag every `intervalMs` (null stops), stored and sent as `kafka.lag` events. */
  watchKafkaLag: method(
    z.strictObject({
      profileId: ProfileId,
      groupId: KafkaGroupId,
      intervalMs: z.number().int().min(1000).max(3_600_000).nullable(),
    }),
    KafkaLagHistory,
  ),
  /** The offsets a reset would set, against the current ones; nothing is changed. */
  previewKafkaOffsetReset: method(KafkaResetRequest, KafkaResetPreview),
  /** Applies a reset; refused (conflict) while the group has active members. */
  applyKafkaOffsetReset: method(KafkaResetRequest, KafkaResetPreview),

  /**
   * RabbitMQ (see `shared/amqp.ts`): the vhost's topology, from the management API when it
   * answers, else the profile's watched names checked over AMQP (each check on a channel of its own).
   */
  amqpTopology: method(ByProfile, AmqpTopology),
  /** Declares an exchange (an existing one with other settings fails with 406 PRECONDITION_FAILED). */
  declareAmqpExchange: method(DeclareAmqpExchange, z.null()),
  declareAmqpQueue: method(DeclareAmqpQueue, AmqpQueueCheck),
  /** Passive declare: the queue's ready count and consumers, or 404 NOT_FOUND in the broker's words. */
  checkAmqpQueue: method(
    z.strictObject({ profileId: ProfileId, name: z.string().min(1).max(255) }),
    AmqpQueueCheck,
  ),
  bindAmqp: method(AmqpBindingRequest, z.null()),
  unbindAmqp: method(AmqpBindingRequest, z.null()),
  purgeAmqpQueue: method(
    z.strictObject({ profileId: ProfileId, name: z.string().min(1).max(255) }),
    z.strictObject({ purged: z.number().int() }),
  ),
  deleteAmqpQueue: method(DeleteAmqpQueue, z.strictObject({ deleted: z.number().int() })),
  deleteAmqpExchange: method(DeleteAmqpExchange, z.null()),
  /** Consumes a queue into the tree and history; `amqp.consumer` events report it. */
  startAmqpConsumer: method(StartAmqpConsumer, AmqpConsumerStatus),
  /** Watches an exchange through a temporary exclusive queue bound to it. */
  startAmqpTap: method(StartAmqpTap, AmqpConsumerStatus),
  /** Cancels a consumer or tap; its unsettled messages go back to the queue (the broker requeues them). */
  stopAmqpConsumer: method(z.strictObject({ id: z.string().max(64) }), AmqpConsumerStatus),
  listAmqpConsumers: method(Empty, z.array(AmqpConsumerStatus)),
  /** The messages a manual-ack consumer holds for the user's ack or nack, oldest first. */
  listAmqpPending: method(z.strictObject({ id: z.string().max(64) }), z.array(MessageSummary)),
  settleAmqp: method(SettleAmqp, AmqpSettleResult),
  /** Reads the first messages of a queue and puts them back (nack with requeue, never reject). */
  peekAmqpQueue: method(PeekAmqpQueue, AmqpPeekResult),
  /** The profile's connection notices (alarms, closed channels, losses, restores), oldest first. */
  listAmqpNotices: method(ByProfile, z.array(AmqpNotice)),

  /** The built-in MQTT broker (see `shared/built-in-broker.ts`). */
  builtInBrokerStatus: method(Empty, BuiltInBrokerStatus),
  /** Starts it (or restarts it with new settings) and connects the app's own profile to it. */
  startBuiltInBroker: method(StartBuiltInBroker, BuiltInBrokerStatus),
  stopBuiltInBroker: method(Empty, BuiltInBrokerStatus),
  /** Connections to the built-in broker: the connected ones and the last 200 that ended. */
  listBrokerClients: method(Empty, z.array(BrokerClient)),
  /** A client id's timeline over all its connections (null: every client), oldest first. */
  getBrokerTimeline: method(
    z.strictObject({
      clientId: z.string().max(65535).nullable().default(null),
      limit: z.number().int().min(1).max(10_000).default(1000),
    }),
    z.array(BrokerEvent),
  ),
  /** Turns raw packet capture on or off for one connection (the last 500 packets are kept). */
  setBrokerCapture: method(BrokerClientRef.extend({ on: z.boolean() }), BrokerClient),
  getBrokerPackets: method(BrokerClientRef, z.array(BrokerPacket)),
  /** A demo publisher on the built-in broker: a homelab's sensors, switches and a flaky device. */
  startDemo: method(Empty, BuiltInBrokerStatus),
  stopDemo: method(Empty, BuiltInBrokerStatus),

  /** Parses a user's `.proto` text; lists its message types, or fails with the parser's error. */
  parseProto: method(
    z.strictObject({ proto: z.string().max(1024 * 1024) }),
    z.strictObject({ types: z.array(z.string()) }),
  ),
  /** Decodes bytes as one message type of a `.proto`; the result is JSON text. */
  decodeProtobuf: method(
    z.strictObject({
      proto: z.string().max(1024 * 1024),
      messageType: z.string().min(1).max(1024),
      payload: Bytes,
    }),
    z.strictObject({ json: z.string() }),
  ),

  /** Opens or changes a view of the topic tree; deltas follow as `tree.delta` events for this client. */
  setTreeView: method(TreeViewRequest, TreeSnapshot),
  /** Topics anywhere in the tree matching an MQTT filter (+, #) or, without wildcards, a substring. */
  searchTopics: method(
    z.strictObject({
      profileId: ProfileId,
      query: z.string().min(1).max(65535),
      limit: z.number().int().min(1).max(10_000).default(2000),
    }),
    z.strictObject({ paths: z.array(z.string()), truncated: z.boolean() }),
  ),
  closeTreeView: method(z.strictObject({ profileId: ProfileId, viewId: z.string().max(64) }), z.null()),
  /** Messages of one topic, newest first, before `beforeId` (keyset pagination). */
  getTopicMessages: method(
    z.strictObject({
      profileId: ProfileId,
      topic: z.string().max(65535),
      beforeId: z.number().int().nullable().default(null),
      limit: z.number().int().min(1).max(1000).default(100),
    }),
    z.array(MessageSummary),
  ),
  getMessagePayload: method(z.strictObject({ id: z.number().int() }), MessagePayload),
  /** How many retained topics a clear would touch, and the first of them, without touching them. */
  previewClearRetained: method(
    RetainedTarget,
    z.strictObject({ count: z.number().int(), topics: z.array(z.string()) }),
  ),
  /** Publishes empty retained payloads to clear them; says how many were cleared. */
  clearRetained: method(RetainedTarget, z.strictObject({ cleared: z.number().int() })),

  /** History, newest first, keyset-paginated: pass the page's `nextBeforeId` as `beforeId`. */
  queryHistory: method(
    z.strictObject({
      filter: HistoryFilter,
      beforeId: z.number().int().nullable().default(null),
      limit: z.number().int().min(1).max(1000).default(100),
    }),
    HistoryPage,
  ),
  countHistory: method(
    z.strictObject({ filter: HistoryFilter }),
    z.strictObject({ count: z.number().int() }),
  ),
  /** One chunk of an export, oldest first: call again with `afterId: next` until `next` is null. */
  exportHistory: method(
    z.strictObject({
      filter: HistoryFilter,
      format: z.enum(['jsonl', 'csv']),
      afterId: z.number().int().nullable().default(null),
      limit: z.number().int().min(1).max(10_000).default(2000),
    }),
    z.strictObject({ text: z.string(), next: z.number().int().nullable(), exported: z.number().int() }),
  ),
  /** Imports JSON Lines (a chunk of a file; `firstLine` numbers its lines in error reports). */
  importHistory: method(
    z.strictObject({
      profileId: ProfileId,
      text: z.string().max(64 * 1024 * 1024),
      firstLine: z.number().int().min(1).default(1),
    }),
    z.strictObject({
      imported: z.number().int(),
      errors: z.array(z.strictObject({ line: z.number().int(), reason: z.string() })),
    }),
  ),
  historyStats: method(Empty, HistoryStats),
  setHistoryBudget: method(z.strictObject({ bytes: z.number().int().min(1) }), HistoryStats),
  setHistoryPaused: method(z.strictObject({ profileId: ProfileId, paused: z.boolean() }), HistoryStats),
  /** Deletes a profile's stored messages, or a topic's, or a subtree's (MQTT filter). */
  clearHistory: method(
    z.strictObject({ profileId: ProfileId, topic: z.string().max(65535).nullable().default(null) }),
    z.strictObject({ removed: z.number().int() }),
  ),

  listSavedPayloads: method(Empty, z.array(SavedPayloadSummary)),
  getSavedPayload: method(z.strictObject({ id: z.number().int() }), SavedPayload),
  createSavedPayload: method(z.strictObject({ payload: SavedPayloadInput }), SavedPayload),
  updateSavedPayload: method(
    z.strictObject({ id: z.number().int(), payload: SavedPayloadInput }),
    SavedPayload,
  ),
  duplicateSavedPayload: method(z.strictObject({ id: z.number().int() }), SavedPayload),
  deleteSavedPayload: method(z.strictObject({ id: z.number().int() }), z.null()),
  /** Saves a message from the history as a named payload, with its topic, flags and properties. */
  saveMessage: method(
    z.strictObject({
      messageId: z.number().int(),
      name: z.string().trim().min(1).max(200),
      folder: z.string().max(1024).default(''),
      note: z.string().max(10_000).default(''),
    }),
    SavedPayload,
  ),
  exportSavedPayloads: method(
    z.strictObject({ ids: z.array(z.number().int()).max(100_000).optional() }),
    z.strictObject({ json: z.string() }),
  ),
  importSavedPayloads: method(
    z.strictObject({ json: z.string().max(256 * 1024 * 1024) }),
    z.strictObject({
      imported: z.number().int(),
      rejected: z.array(z.strictObject({ index: z.number().int(), reason: z.string() })),
    }),
  ),

  startReplay: method(ReplayRequest, ReplayStatus),
  pauseReplay: method(z.strictObject({ id: z.string().max(64) }), ReplayStatus),
  resumeReplay: method(z.strictObject({ id: z.string().max(64) }), ReplayStatus),
  stopReplay: method(z.strictObject({ id: z.string().max(64) }), ReplayStatus),
  listReplays: method(Empty, z.array(ReplayStatus)),
} as const

export type ApiSpec = typeof apiSpec
export type ApiMethod = keyof ApiSpec
export const apiMethodNames: readonly ApiMethod[] = API_METHOD_NAMES

// Compile-time proof that the zod-free name list and the spec name the same methods.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false
const namesMatchSpec: Same<(typeof API_METHOD_NAMES)[number], ApiMethod> = true
void namesMatchSpec

export type ApiInput<M extends ApiMethod> = z.input<ApiSpec[M]['input']>
export type ApiParsedInput<M extends ApiMethod> = z.output<ApiSpec[M]['input']>
export type ApiResult<M extends ApiMethod> = z.output<ApiSpec[M]['output']>

export const ApiEvent = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('connection.status'), status: ConnectionStatus }),
  z.strictObject({ type: z.literal('profiles.changed') }),
  z.strictObject({
    type: z.literal('subscriptions.changed'),
    profileId: ProfileId,
    subscriptions: z.array(SubscriptionStatus),
  }),
  TreeDelta,
  z.strictObject({ type: z.literal('replay.status'), status: ReplayStatus }),
  /** A publish log row was added or a job's row updated. */
  z.strictObject({ type: z.literal('publish.logged'), entry: PublishLogEntry }),
  z.strictObject({ type: z.literal('publish.job'), status: PublishJobStatus }),
  z.strictObject({ type: z.literal('kafka.tail'), status: KafkaTailStatus }),
  z.strictObject({
    type: z.literal('kafka.lag'),
    profileId: ProfileId,
    groupId: z.string(),
    sample: KafkaLagSample,
  }),
  z.strictObject({ type: z.literal('amqp.consumer'), status: AmqpConsumerStatus }),
  z.strictObject({ type: z.literal('broker.status'), status: BuiltInBrokerStatus }),
  /** A connection to the built-in broker changed (connected, subscribed, disconnected…). */
  z.strictObject({ type: z.literal('broker.client'), client: BrokerClient }),
  /** New timeline lines, batched (at most four batches a second). */
  z.strictObject({ type: z.literal('broker.events'), events: z.array(BrokerEvent) }),
  z.strictObject({ type: z.literal('amqp.notice'), notice: AmqpNotice }),
])
export type ApiEvent = z.infer<typeof ApiEvent>

/** What the renderer programs against, whatever the transport. */
export type Api = {
  [M in ApiMethod]: undefined extends ApiInput<M>
    ? (input?: ApiInput<M>) => Promise<ApiResult<M>>
    : (input: ApiInput<M>) => Promise<ApiResult<M>>
} & {
  /** Subscribe to every event; returns the unsubscribe function. */
  onEvent(listener: (event: ApiEvent) => void): () => void
}

/** Who is calling: one window (Electron) or one socket (web host). Views and their deltas are per client. */
export interface CallContext {
  clientId: string
}

/** What the core implements: inputs arrive parsed (defaults applied). */
export type ApiHandlers = {
  [M in ApiMethod]: (input: ApiParsedInput<M>, ctx: CallContext) => Promise<ApiResult<M>> | ApiResult<M>
}

/** The raw shape every transport carries (IPC arguments, WebSocket frames). */
export type ApiInvoke = (method: string, input: unknown) => Promise<unknown>
