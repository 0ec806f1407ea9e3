import { z } from 'zod'
import { bytesToBase64, base64ToBytes } from '../../shared/base64'
import { AmqpMeta, KafkaMeta, MqttPublishProperties, Qos } from '../../shared/messages'
import { decodeFrame, encodeFrame } from '../../shared/wire'
import type { MessageRecord } from './message-record'

/**
 * The history's file formats. JSON Lines is the faithful one (it imports back byte for byte: text
 * payloads as `payload`, anything that is not UTF-8 as `payloadBase64`); CSV is for spreadsheets.
 */

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })

function asText(bytes: Uint8Array): string | null {
  try {
    return strictUtf8.decode(bytes)
  } catch {
    return null
  }
}

export const HistoryLine = z
  .strictObject({
    id: z.number().int().optional(),
    topic: z.string().max(65535),
    direction: z.enum(['in', 'out']).default('in'),
    receivedAt: z.number(),
    qos: Qos.nullable().default(null),
    retain: z.boolean().default(false),
    dup: z.boolean().default(false),
    properties: z.unknown().nullable().default(null),
    amqp: z.unknown().nullable().default(null),
    kafka: z.unknown().nullable().default(null),
    size: z.number().int().min(0).optional(),
    payload: z.string().optional(),
    payloadBase64: z.string().optional(),
  })
  .refine(
    (l) => (l.payload === undefined) !== (l.payloadBase64 === undefined),
    'Exactly one of payload or payloadBase64',
  )

export function toJsonLine(r: MessageRecord): string {
  const text = asText(r.payload)
  return JSON.stringify({
    id: r.id,
    topic: r.topic,
    direction: r.direction,
    receivedAt: r.receivedAt,
    qos: r.qos,
    retain: r.retain,
    dup: r.dup,
    properties: r.properties ? JSON.parse(encodeFrame(r.properties)) : null,
    ...(r.amqp ? { amqp: JSON.parse(encodeFrame(r.amqp)) } : {}),
    ...(r.kafka ? { kafka: JSON.parse(encodeFrame(r.kafka)) } : {}),
    size: r.payload.length,
    ...(text !== null ? { payload: text } : { payloadBase64: bytesToBase64(r.payload) }),
  })
}

export const CSV_HEADER = 'id,received_at,topic,direction,qos,retain,size,encoding,payload'

function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value
}

export function toCsvRow(r: MessageRecord): string {
  const text = asText(r.payload)
  return [
    String(r.id),
    new Date(r.receivedAt).toISOString(),
    csvField(r.topic),
    r.direction,
    r.qos === null ? '' : String(r.qos),
    r.retain ? '1' : '0',
    String(r.payload.length),
    text !== null ? 'utf8' : 'base64',
    csvField(text ?? bytesToBase64(r.payload)),
  ].join(',')
}

export type ImportedMessage = Omit<MessageRecord, 'id' | 'profileId' | 'protocol'>

/** Parses JSON Lines; each bad line is reported with its number and reason, the good ones kept. */
export function parseJsonLines(
  text: string,
  firstLine = 1,
): { messages: ImportedMessage[]; errors: { line: number; reason: string }[] } {
  const messages: ImportedMessage[] = []
  const errors: { line: number; reason: string }[] = []
  text.split('\n').forEach((raw, i) => {
    const line = firstLine + i
    if (raw.trim() === '') return
    let json: unknown
    try {
      json = JSON.parse(raw)
    } catch (err) {
      errors.push({ line, reason: `not JSON: ${(err as Error).message}` })
      return
    }
    const parsed = HistoryLine.safeParse(json)
    if (!parsed.success) {
      const issue = parsed.error.issues[0]
      errors.push({ line, reason: `${issue?.path.join('.') || 'line'}: ${issue?.message ?? 'invalid'}` })
      return
    }
    const l = parsed.data
    let payload: Uint8Array
    try {
      payload =
        l.payload !== undefined ? new TextEncoder().encode(l.payload) : base64ToBytes(l.payloadBase64!)
    } catch (err) {
      errors.push({ line, reason: (err as Error).message })
      return
    }
    if (l.size !== undefined && l.size !== payload.length) {
      errors.push({ line, reason: `size says ${l.size} bytes but the payload has ${payload.length}` })
      return
    }
    const props =
      l.properties === null
        ? null
        : MqttPublishProperties.safeParse(decodeFrame(JSON.stringify(l.properties)))
    if (props && !props.success) {
      errors.push({ line, reason: 'properties are not MQTT 5 publish properties' })
      return
    }
    const amqp = l.amqp === null ? null : AmqpMeta.safeParse(decodeFrame(JSON.stringify(l.amqp)))
    if (amqp && !amqp.success) {
      errors.push({ line, reason: `amqp: ${amqp.error.issues[0]?.message ?? 'invalid'}` })
      return
    }
    const kafka = l.kafka === null ? null : KafkaMeta.safeParse(decodeFrame(JSON.stringify(l.kafka)))
    if (kafka && !kafka.success) {
      errors.push({ line, reason: `kafka: ${kafka.error.issues[0]?.message ?? 'invalid'}` })
      return
    }
    messages.push({
      topic: l.topic,
      direction: l.direction,
      receivedAt: l.receivedAt,
      qos: l.qos,
      retain: l.retain,
      dup: l.dup,
      properties: props ? props.data : null,
      amqp: amqp ? amqp.data : null,
      kafka: kafka ? kafka.data : null,
      payload,
    })
  })
  return { messages, errors }
}
