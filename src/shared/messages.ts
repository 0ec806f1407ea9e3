import { z } from 'zod'
import { ProfileId, Protocol } from './profiles'

/**
 * Messages as the renderer sees them: everything the broker delivered, except that the payload is a
 * preview. `size` is always the full size and `previewTruncated` says when the preview is cut; the
 * bytes themselves come on request (`getMessagePayload`). Nothing is cut silently.
 */

/** Bytes of a payload shown inline in lists and deltas. */
export const PREVIEW_BYTES = 256

/** Raw bytes (payloads, correlation data): Uint8Array over IPC, base64 inside WebSocket frames. */
export const Bytes = z.custom<Uint8Array>((v) => v instanceof Uint8Array, 'Expected bytes (Uint8Array)')

export const Qos = z.union([z.literal(0), z.literal(1), z.literal(2)])
export type Qos = z.infer<typeof Qos>

/** A name and a value, each a UTF-8 string the protocol prefixes with a 16-bit length. */
export const UserProperty = z.tuple([z.string().max(65535), z.string().max(65535)])

/** MQTT 5 PUBLISH properties, as received or to send. Binary ones are Uint8Array. */
export const MqttPublishProperties = z.strictObject({
  payloadFormatIndicator: z.boolean().optional(),
  messageExpiryInterval: z.number().int().min(0).max(0xffffffff).optional(),
  topicAlias: z.number().int().min(1).max(0xffff).optional(),
  responseTopic: z.string().max(65535).optional(),
  correlationData: Bytes.optional(),
  /** In order, repeats allowed, as the protocol carries them. */
  userProperties: z.array(UserProperty).max(4096).optional(),
  subscriptionIdentifiers: z.array(z.number().int().min(1).max(268_435_455)).optional(),
  contentType: z.string().max(65535).optional(),
})
export type MqttPublishProperties = z.infer<typeof MqttPublishProperties>

/** AMQP 0-9-1 basic properties (the ones a user sets or reads; all optional, as on the wire). */
export const AmqpProperties = z.strictObject({
  contentType: z.string().max(255).optional(),
  contentEncoding: z.string().max(255).optional(),
  /** 1 = transient, 2 = persistent. */
  deliveryMode: z.union([z.literal(1), z.literal(2)]).optional(),
  priority: z.number().int().min(0).max(255).optional(),
  correlationId: z.string().max(255).optional(),
  replyTo: z.string().max(255).optional(),
  /** Per-message TTL in milliseconds, a decimal string as the protocol carries it. */
  expiration: z
    .string()
    .regex(/^\d{1,10}$/, 'Expiration is a whole number of milliseconds')
    .optional(),
  messageId: z.string().max(255).optional(),
  /** Seconds since the epoch, as AMQP's timestamp property holds it. */
  timestamp: z.number().int().min(0).optional(),
  type: z.string().max(255).optional(),
  userId: z.string().max(255).optional(),
  appId: z.string().max(255).optional(),
  /** Header table: values are JSON (strings, numbers, booleans, nested tables and arrays). */
  headers: z.record(z.string().max(255), z.unknown()).optional(),
})
export type AmqpProperties = z.infer<typeof AmqpProperties>

/** Where an AMQP message was published to (or delivered from), and its properties. */
export const AmqpMeta = z.strictObject({
  exchange: z.string().max(255),
  routingKey: z.string().max(255),
  properties: AmqpProperties,
  /** Delivered again after a nack/requeue or a lost consumer (consumed messages only). */
  redelivered: z.boolean().default(false),
  /** The queue it was consumed from, null for what the app published. */
  queue: z.string().max(255).nullable().default(null),
})
export type AmqpMeta = z.infer<typeof AmqpMeta>

/** A Kafka record header: a name and raw bytes (headers may repeat). */
export const KafkaHeader = z.tuple([z.string().max(32_767), Bytes])

/** Where a Kafka record sits, and what it carries besides its value. */
export const KafkaMeta = z.strictObject({
  topic: z.string().max(249),
  partition: z.number().int().min(0),
  /** int64 as a decimal string: offsets pass 2^53 on long-lived topics. */
  offset: z.string().regex(/^-?\d{1,19}$/),
  key: Bytes.nullable(),
  headers: z.array(KafkaHeader).max(10_000),
  /** Record timestamp (ms) and whether the producer or the broker set it. */
  timestamp: z.number().nullable(),
  timestampType: z.enum(['create', 'log-append']).nullable().default(null),
})
export type KafkaMeta = z.infer<typeof KafkaMeta>

export const Direction = z.enum(['in', 'out'])

export const MessageSummary = z.strictObject({
  /** Unique within the data folder; the key to the payload and to the history row. */
  id: z.number().int(),
  profileId: ProfileId,
  protocol: Protocol,
  direction: Direction,
  topic: z.string(),
  receivedAt: z.number(),
  size: z.number().int().min(0),
  /** The first PREVIEW_BYTES bytes decoded as UTF-8 when they are text, else null (binary). */
  preview: z.string().nullable(),
  previewTruncated: z.boolean(),
  qos: Qos.nullable(),
  retain: z.boolean(),
  dup: z.boolean(),
  properties: MqttPublishProperties.nullable(),
  /** Set for AMQP messages, null for the other protocols. */
  amqp: AmqpMeta.nullable(),
  /** Set for Kafka records, null for the other protocols. */
  kafka: KafkaMeta.nullable(),
})
export type MessageSummary = z.infer<typeof MessageSummary>

export const MessagePayload = z.strictObject({
  id: z.number().int(),
  bytes: Bytes,
})
export type MessagePayload = z.infer<typeof MessagePayload>
