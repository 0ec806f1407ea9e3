import { z } from 'zod'
import { AmqpProperties, Bytes, KafkaHeader, MqttPublishProperties, Qos } from './messages'
import { ProfileId, Protocol } from './profiles'

/**
 * Publishing, for the three protocols: where a payload goes (the target), what the broker answered
 * (the result), the per-connection publish log that re-sends with one click, and publish jobs (a
 * payload N times at an interval).
 */

export const MqttPublishTarget = z.strictObject({
  protocol: z.literal('mqtt'),
  topic: z.string().min(1, 'Topic is required').max(65535),
  qos: Qos.default(0),
  retain: z.boolean().default(false),
  /** MQTT 5 only; ignored (not sent) on 3.1.1. */
  properties: MqttPublishProperties.optional(),
})

export const AmqpPublishTarget = z.strictObject({
  protocol: z.literal('amqp'),
  /** '' is the default exchange, which routes by queue name. */
  exchange: z.string().max(255).default(''),
  routingKey: z.string().max(255).default(''),
  /** Ask the broker to return the message when no queue takes it. */
  mandatory: z.boolean().default(false),
  properties: AmqpProperties.default({}),
})

/** Kafka's rule for topic names: 1–249 of letters, digits, '.', '_' and '-'. */
export const KAFKA_TOPIC_PATTERN = /^[a-zA-Z0-9._-]{1,249}$/

export const KafkaPublishTarget = z.strictObject({
  protocol: z.literal('kafka'),
  topic: z.string().regex(KAFKA_TOPIC_PATTERN, 'Topic names are 1–249 of a-z A-Z 0-9 . _ -'),
  /** null: the producer's partitioner chooses (by key hash, or spread when there is no key). */
  partition: z.number().int().min(0).nullable().default(null),
  key: Bytes.nullable().default(null),
  headers: z.array(KafkaHeader).max(10_000).default([]),
})

export const PublishTarget = z.discriminatedUnion('protocol', [
  MqttPublishTarget,
  AmqpPublishTarget,
  KafkaPublishTarget,
])
export type PublishTarget = z.output<typeof PublishTarget>
export type PublishTargetInput = z.input<typeof PublishTarget>

export const PublishRequest = z.strictObject({
  profileId: ProfileId,
  target: PublishTarget,
  payload: Bytes,
  /**
   * The payload is UTF-8 text with placeholders (`{{timestamp}}`, `{{uuid}}`, `{{counter}}`,
   * `{{random 0 100}}`) that the core resolves at send time, once per message sent.
   */
  template: z.boolean().default(false),
})
export type PublishRequest = z.input<typeof PublishRequest>

export const PublishResult = z.strictObject({
  /** History id of the message as sent (the last one, for a job); null when it never left. */
  messageId: z.number().int().nullable(),
  at: z.number(),
  /** False when the broker refused or returned it: `reason` says why. */
  ok: z.boolean(),
  /**
   * MQTT 5 PUBACK/PUBREC reason code, AMQP reply code (a return, a channel close); null when there
   * is none (MQTT QoS 0 and 3.1.1, Kafka: its error name is in `reason`).
   */
  reasonCode: z.number().int().nullable(),
  reason: z.string().nullable(),
  /** Kafka: where the record landed. */
  kafka: z.strictObject({ partition: z.number().int(), offset: z.string() }).nullable(),
  /** AMQP: whether the broker confirmed it (publisher confirms), and a mandatory return. */
  amqp: z
    .strictObject({
      confirmed: z.boolean(),
      returned: z.strictObject({ replyCode: z.number().int(), replyText: z.string() }).nullable(),
    })
    .nullable(),
  /** The payload as sent, when a template was resolved (UTF-8; null otherwise). */
  resolvedText: z.string().nullable(),
})
export type PublishResult = z.infer<typeof PublishResult>

/** One row of a connection's publish log: a single publish or a job, newest first. */
export const PublishLogEntry = z.strictObject({
  id: z.number().int(),
  profileId: ProfileId,
  protocol: Protocol,
  at: z.number(),
  target: PublishTarget,
  template: z.boolean(),
  size: z.number().int(),
  preview: z.string().nullable(),
  previewTruncated: z.boolean(),
  /** 1 for a single publish; a job's count and how many went out and failed. */
  count: z.number().int(),
  sent: z.number().int(),
  failed: z.number().int(),
  /** The last result (a job's last), or null when the publish failed before a broker answered. */
  result: PublishResult.nullable(),
  error: z.string().nullable(),
})
export type PublishLogEntry = z.infer<typeof PublishLogEntry>

export const PublishJobRequest = z.strictObject({
  request: PublishRequest,
  count: z.number().int().min(1).max(10_000_000),
  /** Between the start of one send and the next; 0 sends as fast as the broker acknowledges. */
  intervalMs: z.number().int().min(0).max(3_600_000).default(1000),
})
export type PublishJobRequest = z.input<typeof PublishJobRequest>

export const PublishJobStatus = z.strictObject({
  id: z.string(),
  profileId: ProfileId,
  state: z.enum(['running', 'done', 'stopped', 'failed']),
  count: z.number().int(),
  intervalMs: z.number().int(),
  sent: z.number().int(),
  failed: z.number().int(),
  startedAt: z.number(),
  updatedAt: z.number(),
  lastError: z.string().nullable(),
  /** The publish log row the job writes its totals to. */
  logId: z.number().int(),
})
export type PublishJobStatus = z.infer<typeof PublishJobStatus>
