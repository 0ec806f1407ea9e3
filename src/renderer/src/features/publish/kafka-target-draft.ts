import { KAFKA_TOPIC_PATTERN, KafkaPublishTarget, type PublishTarget } from '../../../../shared/publish'
import { fieldBytes, fieldOf, type BytesFieldMode } from './bytes-field'
import { newRow, rowsToKafkaHeaders, type KvRow, type RowErrors } from './kv-rows'
import type { TargetResult } from './mqtt-target-draft'

/** The Kafka target form as typed. */
export interface KafkaDraft {
  protocol: 'kafka'
  topic: string
  /** '' lets the producer's partitioner choose. */
  partition: string
  /** '' sends no key (null), not an empty one. */
  key: string
  keyMode: BytesFieldMode
  headers: KvRow[]
}

export const EMPTY_KAFKA_DRAFT: KafkaDraft = {
  protocol: 'kafka',
  topic: '',
  partition: '',
  key: '',
  keyMode: 'text',
  headers: [],
}

export type KafkaField = 'topic' | 'partition' | 'key' | 'headers'

export interface KafkaDraftErrors {
  fields: Partial<Record<KafkaField, string>>
  rows: RowErrors
}

/** The topic's problem as it is typed (an empty box is not an error until Send). */
export function liveKafkaTopicError(topic: string): string | null {
  if (topic === '' || KAFKA_TOPIC_PATTERN.test(topic)) return null
  return topic.length > 249 ? 'At most 249 characters' : 'Only a-z A-Z 0-9 . _ - are allowed'
}

export function kafkaDraftToTarget(d: KafkaDraft): TargetResult<KafkaDraftErrors> {
  const fields: KafkaDraftErrors['fields'] = {}
  let rows: RowErrors = {}
  if (d.topic === '') fields.topic = 'Topic is required'
  else {
    const e = liveKafkaTopicError(d.topic)
    if (e) fields.topic = e
  }
  let partition: number | null = null
  const p = d.partition.trim()
  if (p !== '') {
    const n = Number(p)
    if (!/^\d+$/.test(p) || !Number.isSafeInteger(n))
      fields.partition = 'A partition number (0, 1, …) or empty'
    else partition = n
  }
  let key: Uint8Array | null = null
  if (d.key !== '') {
    const r = fieldBytes(d.keyMode, d.key)
    if (r.ok) key = r.bytes
    else fields.key = r.error
  }
  const headers = rowsToKafkaHeaders(d.headers)
  if (!headers.ok) rows = headers.errors

  if (Object.keys(fields).length || Object.keys(rows).length || !headers.ok)
    return { ok: false, errors: { fields, rows } }
  const parsed = KafkaPublishTarget.safeParse({
    protocol: 'kafka',
    topic: d.topic,
    partition,
    key,
    headers: headers.value,
  })
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    const name = issue?.path.map(String).find((s) => ['topic', 'partition', 'key', 'headers'].includes(s))
    return {
      ok: false,
      errors: { fields: { [(name as KafkaField) ?? 'topic']: issue?.message ?? 'Invalid' }, rows: {} },
    }
  }
  return { ok: true, target: parsed.data }
}

/** The form field an issue path names (`target.partition` → `partition`), or null. */
export function kafkaFieldOfPath(path: string): KafkaField | null {
  const parts = path.split('.').filter((p) => p !== 'target')
  const name = parts.includes('headers') ? 'headers' : parts.at(-1)
  return name === 'topic' || name === 'partition' || name === 'key' || name === 'headers' ? name : null
}

const decoder = new TextDecoder()

export function kafkaDraftOf(t: Extract<PublishTarget, { protocol: 'kafka' }>): KafkaDraft {
  const key = t.key ? fieldOf(t.key) : { mode: 'text' as const, text: '' }
  return {
    protocol: 'kafka',
    topic: t.topic,
    partition: t.partition === null ? '' : String(t.partition),
    key: key.text,
    keyMode: key.mode,
    // header values are edited as text
    headers: t.headers.map(([k, v]) => newRow(k, decoder.decode(v))),
  }
}
