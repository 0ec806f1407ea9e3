import type { AmqpProperties } from '../../../../shared/messages'
import { AmqpPublishTarget, type PublishTarget } from '../../../../shared/publish'
import { jsonHeadersToRows, rowsToJsonHeaders, type KvRow, type RowErrors } from './kv-rows'
import type { TargetResult } from './mqtt-target-draft'

/** The AMQP target form as typed; '' is "not set". */
export interface AmqpDraft {
  protocol: 'amqp'
  exchange: string
  routingKey: string
  mandatory: boolean
  contentType: string
  /** '' unset, '1' transient, '2' persistent. */
  deliveryMode: '' | '1' | '2'
  headers: KvRow[]
  correlationId: string
  replyTo: string
  /** Per-message TTL in ms. */
  expiration: string
  priority: string
  messageId: string
}

export const EMPTY_AMQP_DRAFT: AmqpDraft = {
  protocol: 'amqp',
  exchange: '',
  routingKey: '',
  mandatory: false,
  contentType: '',
  deliveryMode: '',
  headers: [],
  correlationId: '',
  replyTo: '',
  expiration: '',
  priority: '',
  messageId: '',
}

export type AmqpField =
  | 'exchange'
  | 'routingKey'
  | 'contentType'
  | 'deliveryMode'
  | 'headers'
  | 'correlationId'
  | 'replyTo'
  | 'expiration'
  | 'priority'
  | 'messageId'

export interface AmqpDraftErrors {
  fields: Partial<Record<AmqpField, string>>
  rows: RowErrors
}

const SHORT_STRINGS = [
  'exchange',
  'routingKey',
  'contentType',
  'correlationId',
  'replyTo',
  'messageId',
] as const

/** The form as the contract's target; each error names its field (or header row). */
export function amqpDraftToTarget(d: AmqpDraft): TargetResult<AmqpDraftErrors> {
  const fields: AmqpDraftErrors['fields'] = {}
  let rows: RowErrors = {}
  // AMQP short strings: at most 255 bytes of UTF-8
  for (const f of SHORT_STRINGS) {
    if (new TextEncoder().encode(d[f]).length > 255) fields[f] = 'At most 255 bytes'
  }
  const properties: AmqpProperties = {}
  if (d.contentType !== '') properties.contentType = d.contentType
  if (d.deliveryMode !== '') properties.deliveryMode = d.deliveryMode === '2' ? 2 : 1
  if (d.correlationId !== '') properties.correlationId = d.correlationId
  if (d.replyTo !== '') properties.replyTo = d.replyTo
  if (d.messageId !== '') properties.messageId = d.messageId
  const expiration = d.expiration.trim()
  if (expiration !== '') {
    if (!/^\d{1,10}$/.test(expiration)) fields.expiration = 'Whole milliseconds, e.g. 60000'
    else properties.expiration = expiration
  }
  const priority = d.priority.trim()
  if (priority !== '') {
    const n = Number(priority)
    if (!/^\d+$/.test(priority) || n > 255) fields.priority = 'A whole number from 0 to 255'
    else properties.priority = n
  }
  const headers = rowsToJsonHeaders(d.headers)
  if (headers.ok) {
    if (Object.keys(headers.value).length) properties.headers = headers.value
  } else rows = headers.errors

  if (Object.keys(fields).length || Object.keys(rows).length) return { ok: false, errors: { fields, rows } }
  const parsed = AmqpPublishTarget.safeParse({
    protocol: 'amqp',
    exchange: d.exchange,
    routingKey: d.routingKey,
    mandatory: d.mandatory,
    properties,
  })
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    const field = amqpFieldOfPath(issue?.path.map(String).join('.') ?? '') ?? 'routingKey'
    return { ok: false, errors: { fields: { [field]: issue?.message ?? 'Invalid' }, rows: {} } }
  }
  return { ok: true, target: parsed.data }
}

const AMQP_FIELDS: ReadonlySet<string> = new Set<AmqpField>([
  'exchange',
  'routingKey',
  'contentType',
  'deliveryMode',
  'headers',
  'correlationId',
  'replyTo',
  'expiration',
  'priority',
  'messageId',
])

/** The form field an issue path names (`target.properties.priority` → `priority`), or null. */
export function amqpFieldOfPath(path: string): AmqpField | null {
  const parts = path.split('.').filter((p) => p !== 'target' && p !== 'properties')
  // a header's own key comes after `headers`
  const name = parts.includes('headers') ? 'headers' : parts.at(-1)
  return name && AMQP_FIELDS.has(name) ? (name as AmqpField) : null
}

export function amqpDraftOf(t: Extract<PublishTarget, { protocol: 'amqp' }>): AmqpDraft {
  const p = t.properties
  return {
    protocol: 'amqp',
    exchange: t.exchange,
    routingKey: t.routingKey,
    mandatory: t.mandatory,
    contentType: p.contentType ?? '',
    deliveryMode: p.deliveryMode === undefined ? '' : p.deliveryMode === 2 ? '2' : '1',
    headers: jsonHeadersToRows(p.headers),
    correlationId: p.correlationId ?? '',
    replyTo: p.replyTo ?? '',
    expiration: p.expiration ?? '',
    priority: p.priority === undefined ? '' : String(p.priority),
    messageId: p.messageId ?? '',
  }
}

/** How many properties the form sets (shown on the collapsed section). */
export function amqpPropertyCount(d: AmqpDraft): number {
  return (
    [d.contentType, d.deliveryMode, d.correlationId, d.replyTo, d.expiration, d.priority, d.messageId].filter(
      (v) => v !== '',
    ).length + d.headers.filter((r) => r.key !== '' || r.value !== '').length
  )
}
