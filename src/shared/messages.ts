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

export const UserProperty = z.tuple([z.string(), z.string()])

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
})
export type MessageSummary = z.infer<typeof MessageSummary>

export const MessagePayload = z.strictObject({
  id: z.number().int(),
  bytes: Bytes,
})
export type MessagePayload = z.infer<typeof MessagePayload>
