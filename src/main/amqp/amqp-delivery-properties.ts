import type { MessageProperties } from 'amqplib'
import type { AmqpProperties } from '../../shared/messages'
import { jsonSafeHeaders, type HeaderTable } from './amqp-delivery-headers'

/**
 * Where basic properties the contract's `AmqpProperties` cannot hold are kept, as received, inside
 * the header table: a delivery mode other than 1 or 2, a timestamp past 2^53, an expiration that is
 * not whole milliseconds, or the deprecated cluster-id. They are rare (RabbitMQ itself sends none
 * of them), but a message is never shown with a property silently missing. A leading "!" keeps the
 * name clear of real headers, which no client starts that way.
 */
export const DROPPED_PROPERTIES_HEADER = '!dropped-properties'

/** Every basic property a delivery carries, in the contract's shape; absent ones stay absent. */
export function amqpProperties(p: MessageProperties | undefined): AmqpProperties {
  const out: AmqpProperties = {}
  if (!p) return out
  // amqplib types every property as `any`: each is checked here before it is kept. Read one by
  // one (not in a loop over names), since this runs for every message consumed.
  const {
    contentType,
    contentEncoding,
    headers,
    deliveryMode,
    priority,
    correlationId,
    replyTo,
    expiration,
    messageId,
    timestamp,
    type,
    userId,
    appId,
    clusterId,
  } = p as Record<keyof MessageProperties, unknown>
  let dropped: Record<string, unknown> | null = null
  const drop = (name: string, value: unknown) => {
    dropped ??= {}
    dropped[name] = typeof value === 'string' || typeof value === 'number' ? value : String(value)
  }
  // A short string is at most 255 bytes, so at most 255 characters: always within the contract.
  if (contentType !== undefined) {
    if (typeof contentType === 'string') out.contentType = contentType
    else drop('contentType', contentType)
  }
  if (contentEncoding !== undefined) {
    if (typeof contentEncoding === 'string') out.contentEncoding = contentEncoding
    else drop('contentEncoding', contentEncoding)
  }
  if (deliveryMode !== undefined) {
    if (deliveryMode === 1 || deliveryMode === 2) out.deliveryMode = deliveryMode
    else drop('deliveryMode', deliveryMode)
  }
  if (priority !== undefined) {
    if (typeof priority === 'number' && Number.isInteger(priority) && priority >= 0 && priority <= 255)
      out.priority = priority
    else drop('priority', priority)
  }
  if (correlationId !== undefined) {
    if (typeof correlationId === 'string') out.correlationId = correlationId
    else drop('correlationId', correlationId)
  }
  if (replyTo !== undefined) {
    if (typeof replyTo === 'string') out.replyTo = replyTo
    else drop('replyTo', replyTo)
  }
  if (expiration !== undefined) {
    if (typeof expiration === 'string' && /^\d{1,10}$/.test(expiration)) out.expiration = expiration
    else drop('expiration', expiration)
  }
  if (messageId !== undefined) {
    if (typeof messageId === 'string') out.messageId = messageId
    else drop('messageId', messageId)
  }
  if (timestamp !== undefined) {
    if (typeof timestamp === 'number' && Number.isSafeInteger(timestamp) && timestamp >= 0)
      out.timestamp = timestamp
    else drop('timestamp', timestamp)
  }
  if (type !== undefined) {
    if (typeof type === 'string') out.type = type
    else drop('type', type)
  }
  if (userId !== undefined) {
    if (typeof userId === 'string') out.userId = userId
    else drop('userId', userId)
  }
  if (appId !== undefined) {
    if (typeof appId === 'string') out.appId = appId
    else drop('appId', appId)
  }
  if (clusterId !== undefined) drop('clusterId', clusterId)
  if (headers !== undefined && headers !== null) out.headers = jsonSafeHeaders(headers as HeaderTable)
  if (dropped !== null) out.headers = { ...out.headers, [DROPPED_PROPERTIES_HEADER]: dropped }
  return out
}
