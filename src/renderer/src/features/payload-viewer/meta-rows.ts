import type { AmqpMeta, KafkaMeta } from '../../../../shared/messages'

/**
 * What the message header shows of an AMQP delivery or a Kafka record besides its payload, as
 * label/value rows in a fixed order: every property that is set, nothing that is not. Values are
 * text, or bytes for the viewer beside them (a Kafka key), or a placeholder said in words.
 */
export type MetaValue = { text: string } | { bytes: Uint8Array } | { none: string }
export type MetaRow = [label: string, value: MetaValue]

function formatTimestamp(ms: number, format: (ms: number) => string): string {
  return Number.isFinite(ms) ? format(ms) : String(ms)
}

/** AMQP header values are JSON: strings as they are, anything else as compact JSON. */
export function amqpHeaderValue(v: unknown): string {
  if (typeof v === 'string') return v
  try {
    return JSON.stringify(v) ?? String(v)
  } catch {
    return String(v)
  }
}

export function amqpRows(amqp: AmqpMeta, formatDateTime: (ms: number) => string): MetaRow[] {
  const p = amqp.properties
  const rows: MetaRow[] = [
    ['Exchange', amqp.exchange === '' ? { none: '(default exchange)' } : { text: amqp.exchange }],
    ['Routing key', amqp.routingKey === '' ? { none: '(empty)' } : { text: amqp.routingKey }],
  ]
  const add = (label: string, text: string | undefined) => {
    if (text !== undefined) rows.push([label, { text }])
  }
  if (amqp.queue !== null) add('Queue', amqp.queue)
  add('Redelivered', amqp.redelivered ? 'yes' : 'no')
  add('Content type', p.contentType)
  add('Content encoding', p.contentEncoding)
  if (p.deliveryMode !== undefined)
    add('Delivery mode', p.deliveryMode === 2 ? 'persistent (2)' : 'transient (1)')
  if (p.priority !== undefined) add('Priority', String(p.priority))
  add('Correlation id', p.correlationId)
  add('Reply to', p.replyTo)
  if (p.expiration !== undefined) add('Expiration', `${Number(p.expiration).toLocaleString()} ms`)
  add('Message id', p.messageId)
  if (p.timestamp !== undefined)
    add('Timestamp', `${formatTimestamp(p.timestamp * 1000, formatDateTime)} (${p.timestamp})`)
  add('Type', p.type)
  add('User id', p.userId)
  add('App id', p.appId)
  return rows
}

export function amqpHeaders(amqp: AmqpMeta): [string, string][] {
  return Object.entries(amqp.properties.headers ?? {}).map(([k, v]) => [k, amqpHeaderValue(v)])
}

const TIMESTAMP_TYPE: Record<'create' | 'log-append', string> = {
  create: 'set by the producer (CreateTime)',
  'log-append': 'set by the broker (LogAppendTime)',
}

export function kafkaRows(kafka: KafkaMeta, formatDateTime: (ms: number) => string): MetaRow[] {
  const rows: MetaRow[] = [
    ['Topic', { text: kafka.topic }],
    ['Partition', { text: String(kafka.partition) }],
    ['Offset', { text: kafka.offset }],
    ['Key', kafka.key === null ? { none: '(no key)' } : { bytes: kafka.key }],
  ]
  if (kafka.timestamp !== null) {
    const type = kafka.timestampType ? ` · ${TIMESTAMP_TYPE[kafka.timestampType]}` : ''
    rows.push(['Timestamp', { text: `${formatTimestamp(kafka.timestamp, formatDateTime)}${type}` }])
  }
  return rows
}
