import { z } from 'zod'
import { AmqpMeta, Bytes, KafkaMeta, MqttPublishProperties, Qos } from './messages'
import { Protocol } from './profiles'

/** A payload the user keeps: bytes plus where and how it was (or is to be) sent. */
export const SavedPayloadInput = z.strictObject({
  /** '/'-separated folder path; '' is the top level. */
  folder: z
    .string()
    .max(1024)
    .transform((f) =>
      f
        .split('/')
        .map((p) => p.trim())
        .filter(Boolean)
        .join('/'),
    )
    .default(''),
  name: z.string().trim().min(1, 'Name is required').max(200),
  protocol: Protocol.nullable().default(null),
  topic: z.string().max(65535).default(''),
  qos: Qos.nullable().default(null),
  retain: z.boolean().default(false),
  properties: MqttPublishProperties.nullable().default(null),
  /** Where an AMQP message was published or consumed, with its properties and headers. */
  amqp: AmqpMeta.nullable().default(null),
  /** A Kafka record's topic, partition, offset, key, headers and timestamp. */
  kafka: KafkaMeta.nullable().default(null),
  note: z.string().max(10_000).default(''),
  payload: Bytes,
})
export type SavedPayloadInput = z.input<typeof SavedPayloadInput>

export const SavedPayload = z.strictObject({
  id: z.number().int(),
  folder: z.string(),
  name: z.string(),
  protocol: Protocol.nullable(),
  topic: z.string(),
  qos: Qos.nullable(),
  retain: z.boolean(),
  properties: MqttPublishProperties.nullable(),
  amqp: AmqpMeta.nullable(),
  kafka: KafkaMeta.nullable(),
  note: z.string(),
  size: z.number().int(),
  payload: Bytes,
  createdAt: z.number(),
  updatedAt: z.number(),
})
export type SavedPayload = z.infer<typeof SavedPayload>

/** For lists: everything but the bytes, with a text preview (the bytes come with getSavedPayload). */
export const SavedPayloadSummary = SavedPayload.omit({ payload: true }).extend({
  preview: z.string().nullable(),
  previewTruncated: z.boolean(),
})
export type SavedPayloadSummary = z.infer<typeof SavedPayloadSummary>

/** Export file of saved payloads (payloads base64 inside, via the wire encoding). */
export const SavedPayloadsFile = z.strictObject({
  format: z.literal('brokerlens-saved-payloads'),
  version: z.literal(1),
  exportedAt: z.string(),
  payloads: z.array(z.unknown()).max(100_000),
})
