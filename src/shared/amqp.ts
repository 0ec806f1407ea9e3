import { z } from 'zod'
import { MessageSummary } from './messages'
import { ProfileId } from './profiles'

/**
 * RabbitMQ (AMQP 0-9-1) as the renderer sees it: the topology of the profile's virtual host (from
 * the management plugin when it answers, else from what pure AMQP can check), the operations on it,
 * consumers, taps, peeks, and what the connection reports (alarms, closed channels).
 *
 * Names are AMQP short strings (at most 255 bytes of UTF-8: the core checks bytes, the schema
 * characters). Arguments and header tables are JSON values.
 */

export const AmqpName = z.string().max(255)
/** A queue or exchange the user names: not empty (the default exchange "" is never declared). */
const GivenName = AmqpName.min(1, 'A name is required')
const Arguments = z.record(z.string().max(255), z.unknown())
const Id = z.string().max(64)

export const AmqpExchangeType = z.string().min(1).max(255) // direct, fanout, topic, headers, x-… plugins
export const AmqpQueueType = z.enum(['classic', 'quorum', 'stream'])
export type AmqpQueueType = z.infer<typeof AmqpQueueType>

/** Where a topology figure came from: the management API, or an AMQP passive declare. */
export const AmqpTopologySource = z.enum(['management', 'amqp'])
export type AmqpTopologySource = z.infer<typeof AmqpTopologySource>

export const AmqpExchangeInfo = z.strictObject({
  name: AmqpName,
  /** null when only checked over AMQP (a passive declare says it exists, not what it is). */
  type: z.string().nullable(),
  durable: z.boolean().nullable(),
  autoDelete: z.boolean().nullable(),
  internal: z.boolean().nullable(),
  arguments: Arguments,
  /** Messages/s in and out as the management API averages them; null when unknown. */
  publishInRate: z.number().nullable(),
  publishOutRate: z.number().nullable(),
  source: AmqpTopologySource,
})
export type AmqpExchangeInfo = z.infer<typeof AmqpExchangeInfo>

export const AmqpQueueInfo = z.strictObject({
  name: AmqpName,
  /** null when only checked over AMQP. */
  type: AmqpQueueType.or(z.string()).nullable(),
  durable: z.boolean().nullable(),
  autoDelete: z.boolean().nullable(),
  exclusive: z.boolean().nullable(),
  arguments: Arguments,
  /** running, idle, flow, down… as the management API says; null when unknown. */
  state: z.string().nullable(),
  /** Ready + unacknowledged. Over AMQP only the ready count is known (`checkQueue`). */
  messages: z.number().int().nullable(),
  messagesReady: z.number().int().nullable(),
  messagesUnacked: z.number().int().nullable(),
  consumers: z.number().int().nullable(),
  /** Messages/s published into, delivered from and acknowledged on the queue; null when unknown. */
  publishRate: z.number().nullable(),
  deliverRate: z.number().nullable(),
  ackRate: z.number().nullable(),
  /** Bytes of message bodies held (ready + unacked), when the management API says. */
  bytes: z.number().nullable(),
  source: AmqpTopologySource,
})
export type AmqpQueueInfo = z.infer<typeof AmqpQueueInfo>

export const AmqpBindingInfo = z.strictObject({
  /** The exchange the binding routes from ("" is the default exchange's implicit binding). */
  source: AmqpName,
  destination: AmqpName,
  destinationType: z.enum(['queue', 'exchange']),
  routingKey: AmqpName,
  arguments: Arguments,
})
export type AmqpBindingInfo = z.infer<typeof AmqpBindingInfo>

export const AmqpVhostInfo = z.strictObject({
  name: z.string(),
  messages: z.number().int().nullable(),
  messagesReady: z.number().int().nullable(),
  messagesUnacked: z.number().int().nullable(),
})
export type AmqpVhostInfo = z.infer<typeof AmqpVhostInfo>

/** A name the user asked to watch without the management API, and what checking it said. */
export const AmqpWatchedName = z.strictObject({
  kind: z.enum(['queue', 'exchange']),
  name: GivenName,
  /** null: it exists; else the broker's words (e.g. "NOT_FOUND - no queue 'x' in vhost '/'"). */
  error: z.string().nullable(),
})
export type AmqpWatchedName = z.infer<typeof AmqpWatchedName>

export const AmqpTopology = z.strictObject({
  /** The profile's virtual host: everything below is in it. */
  vhost: z.string(),
  source: AmqpTopologySource,
  management: z.strictObject({
    /** The URL tried (the profile's, or derived from the AMQP host with port 15672). */
    url: z.string(),
    ok: z.boolean(),
    /** Why it is not used: refused, 401, not RabbitMQ, timed out… in the server's or socket's words. */
    error: z.string().nullable(),
    /** RabbitMQ, Erlang and management versions, cluster name, when it answered. */
    rabbitmqVersion: z.string().nullable(),
    erlangVersion: z.string().nullable(),
    clusterName: z.string().nullable(),
  }),
  /** Every vhost the management user can see; null without the management API. */
  vhosts: z.array(AmqpVhostInfo).nullable(),
  exchanges: z.array(AmqpExchangeInfo),
  queues: z.array(AmqpQueueInfo),
  /** Every binding of the vhost, both ways (filter by source or destination to show one side). */
  bindings: z.array(AmqpBindingInfo),
  /** Without the management API: the names checked over AMQP and their outcome. */
  watched: z.array(AmqpWatchedName),
  fetchedAt: z.number(),
})
export type AmqpTopology = z.infer<typeof AmqpTopology>

const ByProfile = { profileId: ProfileId }

export const DeclareAmqpExchange = z.strictObject({
  ...ByProfile,
  name: GivenName,
  type: AmqpExchangeType.default('topic'),
  durable: z.boolean().default(true),
  autoDelete: z.boolean().default(false),
  internal: z.boolean().default(false),
  arguments: Arguments.default({}),
})
export type DeclareAmqpExchange = z.input<typeof DeclareAmqpExchange>

export const DeclareAmqpQueue = z.strictObject({
  ...ByProfile,
  /** "" lets the broker name it (the answer carries the name). */
  name: AmqpName,
  type: AmqpQueueType.default('classic'),
  durable: z.boolean().default(true),
  autoDelete: z.boolean().default(false),
  exclusive: z.boolean().default(false),
  /** x-message-ttl, x-max-length, x-dead-letter-exchange…; `type` sets x-queue-type. */
  arguments: Arguments.default({}),
})
export type DeclareAmqpQueue = z.input<typeof DeclareAmqpQueue>

export const AmqpQueueCheck = z.strictObject({
  name: AmqpName,
  /** Ready messages, as queue.declare-ok counts them (unacknowledged ones are not in it). */
  messages: z.number().int(),
  consumers: z.number().int(),
})
export type AmqpQueueCheck = z.infer<typeof AmqpQueueCheck>

export const AmqpBindingRequest = z.strictObject({
  ...ByProfile,
  source: GivenName,
  destination: GivenName,
  destinationType: z.enum(['queue', 'exchange']).default('queue'),
  routingKey: AmqpName.default(''),
  /** For headers exchanges: x-match and the header values to match. */
  arguments: Arguments.default({}),
})
export type AmqpBindingRequest = z.input<typeof AmqpBindingRequest>

export const DeleteAmqpQueue = z.strictObject({
  ...ByProfile,
  name: GivenName,
  ifUnused: z.boolean().default(false),
  ifEmpty: z.boolean().default(false),
})
export const DeleteAmqpExchange = z.strictObject({
  ...ByProfile,
  name: GivenName,
  ifUnused: z.boolean().default(false),
})

/**
 * How a consumer settles what it receives. `auto`: the broker forgets a message once sent (noAck).
 * `manual`: each message waits in the app until the user acks or nacks it (`settleAmqp`); the
 * prefetch limit caps how many wait at once.
 */
export const AmqpAckMode = z.enum(['auto', 'manual'])
export type AmqpAckMode = z.infer<typeof AmqpAckMode>

export const StartAmqpConsumer = z.strictObject({
  ...ByProfile,
  queue: GivenName,
  ackMode: AmqpAckMode.default('manual'),
  /** basic.qos prefetch count; 0 is unlimited (a manual consumer should not use it). */
  prefetch: z.number().int().min(0).max(65_535).default(100),
  /** Asks the broker for exclusive access: refused (403) if someone else consumes. */
  exclusive: z.boolean().default(false),
})
export type StartAmqpConsumer = z.input<typeof StartAmqpConsumer>

export const StartAmqpTap = z.strictObject({
  ...ByProfile,
  exchange: GivenName,
  /** Binding key of the tap's queue: "#" sees everything on a topic exchange. */
  bindingKey: AmqpName.default('#'),
  /** Binding arguments (headers exchanges). */
  arguments: Arguments.default({}),
})
export type StartAmqpTap = z.input<typeof StartAmqpTap>

/**
 * One consumer of a queue, or one tap (a temporary exclusive, auto-delete queue bound to an
 * exchange and consumed with auto-ack). Both are restored after a reconnect.
 */
export const AmqpConsumerStatus = z.strictObject({
  id: Id,
  profileId: ProfileId,
  kind: z.enum(['consumer', 'tap']),
  /** The queue consumed (for a tap: the server-named queue of the current connection). */
  queue: z.string(),
  /** Taps: the exchange and binding key watched; null for consumers. */
  exchange: z.string().nullable(),
  bindingKey: z.string().nullable(),
  ackMode: AmqpAckMode,
  prefetch: z.number().int(),
  /** restoring: the connection is down or reconnecting; it resumes by itself. */
  state: z.enum(['active', 'restoring', 'stopped', 'failed']),
  /** Why it is restoring, stopped or failed: the broker's channel.close text, or the socket's. */
  reason: z.string().nullable(),
  delivered: z.number().int(),
  acked: z.number().int(),
  nacked: z.number().int(),
  /** Messages waiting for the user's ack or nack (manual mode). */
  pending: z.number().int(),
  startedAt: z.number(),
  lastMessageAt: z.number().nullable(),
})
export type AmqpConsumerStatus = z.infer<typeof AmqpConsumerStatus>

export const SettleAmqp = z.strictObject({
  consumerId: Id,
  /** History ids of pending messages; null settles every pending one. */
  messageIds: z.array(z.number().int()).max(100_000).nullable(),
  action: z.enum(['ack', 'nack']),
  /** nack only: put back in the queue (true) or drop / dead-letter (false). */
  requeue: z.boolean().default(true),
})
export type SettleAmqp = z.input<typeof SettleAmqp>

export const AmqpSettleResult = z.strictObject({
  settled: z.number().int(),
  /** Ids that were not pending (already settled, or lost with a closed channel). */
  missing: z.array(z.number().int()),
  status: AmqpConsumerStatus,
})
export type AmqpSettleResult = z.infer<typeof AmqpSettleResult>

export const PeekAmqpQueue = z.strictObject({
  ...ByProfile,
  queue: GivenName,
  count: z.number().int().min(1).max(1000).default(10),
})
export type PeekAmqpQueue = z.input<typeof PeekAmqpQueue>

/**
 * Peeked messages: read with basic.get and put back with basic.nack requeue (never reject), in one
 * channel that is then closed. They are stored in the history like consumed ones. The broker now
 * marks them redelivered. (A reject would raise a quorum queue message's delivery count on
 * RabbitMQ 4.3 and later; a nack does not. Before 4.3 every return counted.)
 */
export const AmqpPeekResult = z.strictObject({
  messages: z.array(MessageSummary),
  /** Ready messages before and after, as queue.declare-ok counts them. */
  countBefore: z.number().int(),
  countAfter: z.number().int(),
  note: z.string(),
})
export type AmqpPeekResult = z.infer<typeof AmqpPeekResult>

/** Something the connection reported that the user should see, kept for the session (last 200). */
export const AmqpNotice = z.strictObject({
  id: z.number().int(),
  profileId: ProfileId,
  at: z.number(),
  kind: z.enum([
    /** connection.blocked: a resource alarm (memory, disk) stops publishers. */
    'blocked',
    'unblocked',
    /** The broker closed a channel: the reply code and text say why. */
    'channel-closed',
    /** The connection was lost (heartbeat timeout, socket error, broker shutdown). */
    'connection-lost',
    /** Consumers and taps are back after a reconnect. */
    'restored',
  ]),
  text: z.string().max(4096),
})
export type AmqpNotice = z.infer<typeof AmqpNotice>
