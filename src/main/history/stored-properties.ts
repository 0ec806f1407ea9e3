import { AmqpMeta, KafkaMeta, MqttPublishProperties } from '../../shared/messages'
import { decodeFrame, encodeFrame } from '../../shared/wire'
import type { MessageRecord } from './message-record'

/**
 * The `properties` column holds what a message carries besides its payload, as JSON (bytes as
 * `{"$bytes": base64}`): MQTT 5 properties as they are (the format of the first version), AMQP and
 * Kafka metadata tagged `{"amqp": …}` / `{"kafka": …}`. The columns `routing_key`, `partition`,
 * `"offset"`, `msg_key` and `broker_ts` repeat the parts worth an index or a filter.
 */
export type StoredMeta = Pick<MessageRecord, 'properties' | 'amqp' | 'kafka'>

export function encodeStoredMeta(r: StoredMeta): string | null {
  if (r.amqp) {
    // Once per message consumed: JSON.stringify with a replacer (which looks for bytes) takes about
    // twice as long, and AMQP metadata carries bytes only if its header table holds any.
    const headers = r.amqp.properties.headers
    return headers === undefined || !holdsBytes(headers, 0)
      ? `{"amqp":${JSON.stringify(r.amqp)}}`
      : encodeFrame({ amqp: r.amqp })
  }
  if (r.kafka) return encodeFrame({ kafka: r.kafka })
  return r.properties ? encodeFrame(r.properties) : null
}

/** Nesting this deep is handed to the replacer, which handles whatever it is. */
const BYTES_SCAN_DEPTH = 32

function holdsBytes(value: unknown, depth: number): boolean {
  if (typeof value !== 'object' || value === null) return false
  if (value instanceof Uint8Array || depth > BYTES_SCAN_DEPTH) return true
  const values = Array.isArray(value) ? value : Object.values(value)
  for (let i = 0; i < values.length; i++) {
    const v: unknown = values[i]
    if (typeof v === 'object' && v !== null && holdsBytes(v, depth + 1)) return true
  }
  return false
}

/** Never throws: a row that does not parse (an older or damaged one) reads as having no metadata. */
export function decodeStoredMeta(text: string | null): StoredMeta {
  const none: StoredMeta = { properties: null, amqp: null, kafka: null }
  if (text === null) return none
  let value: unknown
  try {
    value = decodeFrame(text)
  } catch {
    return none
  }
  if (value && typeof value === 'object' && 'amqp' in value) {
    const amqp = AmqpMeta.safeParse((value as { amqp: unknown }).amqp)
    return { ...none, amqp: amqp.success ? amqp.data : null }
  }
  if (value && typeof value === 'object' && 'kafka' in value) {
    const kafka = KafkaMeta.safeParse((value as { kafka: unknown }).kafka)
    return { ...none, kafka: kafka.success ? kafka.data : null }
  }
  const properties = MqttPublishProperties.safeParse(value)
  return { ...none, properties: properties.success ? properties.data : null }
}

/** The indexable columns, in the order the insert statement lists them. */
export function metaColumns(
  r: StoredMeta,
): [string | null, number | null, bigint | null, Uint8Array | null, number | null] {
  if (r.amqp) return [r.amqp.routingKey, null, null, null, null]
  if (r.kafka) return [null, r.kafka.partition, BigInt(r.kafka.offset), r.kafka.key, r.kafka.timestamp]
  return [null, null, null, null, null]
}
