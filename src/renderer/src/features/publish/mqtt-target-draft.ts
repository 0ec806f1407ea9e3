import { topicNameError } from '../../../../shared/mqtt-topic'
import type { MqttPublishProperties } from '../../../../shared/messages'
import { MqttPublishTarget, type PublishTarget } from '../../../../shared/publish'
import { fieldBytes, fieldOf, type BytesFieldMode } from './bytes-field'
import { newRow, rowsToUserProperties, type KvRow, type RowErrors } from './kv-rows'

/** The MQTT target form as typed: strings where the inputs give strings. */
export interface MqttDraft {
  protocol: 'mqtt'
  topic: string
  qos: '0' | '1' | '2'
  retain: boolean
  // MQTT 5 properties; '' is "not set"
  contentType: string
  responseTopic: string
  correlationData: string
  correlationMode: BytesFieldMode
  /** Seconds. */
  messageExpiryInterval: string
  payloadFormatIndicator: 'unset' | 'bytes' | 'utf8'
  userProperties: KvRow[]
}

export const EMPTY_MQTT_DRAFT: MqttDraft = {
  protocol: 'mqtt',
  topic: '',
  qos: '0',
  retain: false,
  contentType: '',
  responseTopic: '',
  correlationData: '',
  correlationMode: 'text',
  messageExpiryInterval: '',
  payloadFormatIndicator: 'unset',
  userProperties: [],
}

export type MqttField =
  | 'topic'
  | 'qos'
  | 'contentType'
  | 'responseTopic'
  | 'correlationData'
  | 'messageExpiryInterval'
  | 'payloadFormatIndicator'
  | 'userProperties'

export interface MqttDraftErrors {
  fields: Partial<Record<MqttField, string>>
  rows: RowErrors
}

export type TargetResult<E> = { ok: true; target: PublishTarget } | { ok: false; errors: E }

/** The topic's problem as it is typed (an empty box is not an error until Send). */
export function liveTopicError(topic: string): string | null {
  return topic === '' ? null : topicNameError(topic)
}

/**
 * The form as the contract's target, checked field by field (each error names its field), then by
 * the contract's own schema. The MQTT 5 properties go only to MQTT 5 profiles: 3.1.1 has none.
 */
export function mqttDraftToTarget(d: MqttDraft, mqtt5: boolean): TargetResult<MqttDraftErrors> {
  const fields: MqttDraftErrors['fields'] = {}
  let rows: RowErrors = {}
  const topicError = topicNameError(d.topic)
  if (topicError) fields.topic = topicError === 'Topic must not be empty' ? 'Topic is required' : topicError

  let properties: MqttPublishProperties | undefined
  if (mqtt5) {
    const p: MqttPublishProperties = {}
    if (d.contentType !== '') p.contentType = d.contentType
    if (d.responseTopic !== '') {
      const e = topicNameError(d.responseTopic)
      if (e) fields.responseTopic = e.replace(/^Topic/, 'Response topic')
      else p.responseTopic = d.responseTopic
    }
    if (d.correlationData !== '') {
      const r = fieldBytes(d.correlationMode, d.correlationData)
      if (r.ok) p.correlationData = r.bytes
      else fields.correlationData = r.error
    }
    const expiry = d.messageExpiryInterval.trim()
    if (expiry !== '') {
      const n = Number(expiry)
      if (!/^\d+$/.test(expiry) || !Number.isSafeInteger(n) || n > 0xffffffff)
        fields.messageExpiryInterval = 'Whole seconds from 0 to 4,294,967,295'
      else p.messageExpiryInterval = n
    }
    if (d.payloadFormatIndicator !== 'unset') p.payloadFormatIndicator = d.payloadFormatIndicator === 'utf8'
    const up = rowsToUserProperties(d.userProperties)
    if (up.ok) {
      if (up.value.length) p.userProperties = up.value
    } else rows = up.errors
    if (Object.keys(p).length) properties = p
  }

  if (Object.keys(fields).length || Object.keys(rows).length) return { ok: false, errors: { fields, rows } }
  const parsed = MqttPublishTarget.safeParse({
    protocol: 'mqtt',
    topic: d.topic,
    qos: Number(d.qos),
    retain: d.retain,
    ...(properties ? { properties } : {}),
  })
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    const field = mqttFieldOfPath(issue?.path.map(String).join('.') ?? '') ?? 'topic'
    return { ok: false, errors: { fields: { [field]: issue?.message ?? 'Invalid' }, rows: {} } }
  }
  return { ok: true, target: parsed.data }
}

const MQTT_FIELDS: ReadonlySet<string> = new Set<MqttField>([
  'topic',
  'qos',
  'contentType',
  'responseTopic',
  'correlationData',
  'messageExpiryInterval',
  'payloadFormatIndicator',
  'userProperties',
])

/** The form field an issue path names (`topic`, `target.properties.contentType`, …), or null. */
export function mqttFieldOfPath(path: string): MqttField | null {
  const name = path
    .split('.')
    .filter((p) => p !== 'target' && p !== 'properties' && !/^\d+$/.test(p))
    .at(-1)
  return name && MQTT_FIELDS.has(name) ? (name as MqttField) : null
}

/** A sent target back into the form ("Load into editor"). */
export function mqttDraftOf(t: Extract<PublishTarget, { protocol: 'mqtt' }>): MqttDraft {
  const p = t.properties ?? {}
  const corr = p.correlationData ? fieldOf(p.correlationData) : { mode: 'text' as const, text: '' }
  return {
    protocol: 'mqtt',
    topic: t.topic,
    qos: String(t.qos) as MqttDraft['qos'],
    retain: t.retain,
    contentType: p.contentType ?? '',
    responseTopic: p.responseTopic ?? '',
    correlationData: corr.text,
    correlationMode: corr.mode,
    messageExpiryInterval: p.messageExpiryInterval === undefined ? '' : String(p.messageExpiryInterval),
    payloadFormatIndicator:
      p.payloadFormatIndicator === undefined ? 'unset' : p.payloadFormatIndicator ? 'utf8' : 'bytes',
    userProperties: (p.userProperties ?? []).map(([k, v]) => newRow(k, v)),
  }
}

/** How many MQTT 5 properties the form sets (shown on the collapsed section). */
export function mqttPropertyCount(d: MqttDraft): number {
  return (
    [d.contentType, d.responseTopic, d.correlationData, d.messageExpiryInterval].filter((v) => v !== '')
      .length +
    (d.payloadFormatIndicator === 'unset' ? 0 : 1) +
    d.userProperties.filter((r) => r.key !== '' || r.value !== '').length
  )
}
