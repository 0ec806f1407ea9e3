import type { AmqpMeta, KafkaMeta, MessageSummary, MqttPublishProperties, Qos } from '../../shared/messages'
import { PREVIEW_BYTES } from '../../shared/messages'
import { payloadPreview } from '../../shared/payload-preview'
import type { Protocol } from '../../shared/profiles'

/** One message as the core handles it: whole payload, every flag, before and after storage. */
export interface MessageRecord {
  id: number
  profileId: string
  protocol: Protocol
  direction: 'in' | 'out'
  topic: string
  receivedAt: number
  qos: Qos | null
  retain: boolean
  dup: boolean
  properties: MqttPublishProperties | null
  /** AMQP: exchange, routing key and properties; null for the other protocols. */
  amqp: AmqpMeta | null
  /** Kafka: partition, offset, key, headers, timestamp; null for the other protocols. */
  kafka: KafkaMeta | null
  payload: Uint8Array
}

export function summarize(record: MessageRecord): MessageSummary {
  const { preview, truncated } = payloadPreview(record.payload, PREVIEW_BYTES)
  return {
    id: record.id,
    profileId: record.profileId,
    protocol: record.protocol,
    direction: record.direction,
    topic: record.topic,
    receivedAt: record.receivedAt,
    size: record.payload.length,
    preview,
    previewTruncated: truncated,
    qos: record.qos,
    retain: record.retain,
    dup: record.dup,
    properties: record.properties,
    amqp: record.amqp,
    kafka: record.kafka,
  }
}
