import type { Protocol } from '../../../../shared/profiles'
import type { PublishTarget } from '../../../../shared/publish'
import {
  amqpDraftOf,
  amqpDraftToTarget,
  amqpFieldOfPath,
  EMPTY_AMQP_DRAFT,
  type AmqpDraft,
} from './amqp-target-draft'
import {
  EMPTY_KAFKA_DRAFT,
  kafkaDraftOf,
  kafkaDraftToTarget,
  kafkaFieldOfPath,
  type KafkaDraft,
} from './kafka-target-draft'
import type { RowErrors } from './kv-rows'
import {
  EMPTY_MQTT_DRAFT,
  mqttDraftOf,
  mqttDraftToTarget,
  mqttFieldOfPath,
  type MqttDraft,
} from './mqtt-target-draft'

/** Any protocol's target form. */
export type TargetDraft = MqttDraft | AmqpDraft | KafkaDraft

/** Field errors by field name, and row errors (user properties, headers) by row id. */
export interface TargetErrors {
  fields: Record<string, string>
  rows: RowErrors
}

export const NO_ERRORS: TargetErrors = { fields: {}, rows: {} }

export function emptyDraft(protocol: Protocol): TargetDraft {
  return protocol === 'mqtt' ? EMPTY_MQTT_DRAFT : protocol === 'amqp' ? EMPTY_AMQP_DRAFT : EMPTY_KAFKA_DRAFT
}

export function draftToTarget(
  d: TargetDraft,
  mqtt5: boolean,
): { ok: true; target: PublishTarget } | { ok: false; errors: TargetErrors } {
  const r =
    d.protocol === 'mqtt'
      ? mqttDraftToTarget(d, mqtt5)
      : d.protocol === 'amqp'
        ? amqpDraftToTarget(d)
        : kafkaDraftToTarget(d)
  return r.ok
    ? r
    : { ok: false, errors: { fields: r.errors.fields as Record<string, string>, rows: r.errors.rows } }
}

export function draftOf(t: PublishTarget): TargetDraft {
  return t.protocol === 'mqtt' ? mqttDraftOf(t) : t.protocol === 'amqp' ? amqpDraftOf(t) : kafkaDraftOf(t)
}

/** The field of a protocol's form that an API issue path names, or null. */
export function fieldOfIssuePath(protocol: Protocol, path: string): string | null {
  return protocol === 'mqtt'
    ? mqttFieldOfPath(path)
    : protocol === 'amqp'
      ? amqpFieldOfPath(path)
      : kafkaFieldOfPath(path)
}

/** Human names of the fields, for messages that name the field ("Topic: …"). */
export const FIELD_LABEL: Record<string, string> = {
  topic: 'Topic',
  qos: 'QoS',
  contentType: 'Content type',
  responseTopic: 'Response topic',
  correlationData: 'Correlation data',
  messageExpiryInterval: 'Message expiry',
  payloadFormatIndicator: 'Payload format',
  userProperties: 'User properties',
  exchange: 'Exchange',
  routingKey: 'Routing key',
  deliveryMode: 'Delivery mode',
  headers: 'Headers',
  correlationId: 'Correlation id',
  replyTo: 'Reply to',
  expiration: 'Expiration',
  priority: 'Priority',
  messageId: 'Message id',
  partition: 'Partition',
  key: 'Key',
}

/** One line that names every field with a problem, for the summary beside the Send button. */
export function errorSummary(errors: TargetErrors): string | null {
  const parts = Object.entries(errors.fields).map(([f, m]) => `${FIELD_LABEL[f] ?? f}: ${m}`)
  const rowMessages = Object.values(errors.rows)
  if (rowMessages.length) parts.push(...rowMessages)
  return parts.length ? parts.join(' · ') : null
}
