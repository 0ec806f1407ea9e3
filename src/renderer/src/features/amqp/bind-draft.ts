import type { AmqpBindingRequest } from '../../../../shared/amqp'
import { parseArguments } from './amqp-arguments'

/**
 * The bind form, from where it is opened: an exchange routing to a queue or exchange, an exchange
 * receiving from another, or a queue receiving from an exchange. The fixed end is the one opened.
 */
export type BindMode = 'from-exchange' | 'into-exchange' | 'into-queue'

export interface BindDraft {
  /** The other end's name. */
  other: string
  /** 'from-exchange' only: what the other end is. */
  otherType: 'queue' | 'exchange'
  routingKey: string
  argumentsText: string
}

export const NEW_BIND: BindDraft = { other: '', otherType: 'queue', routingKey: '', argumentsText: '' }

export interface BindErrors {
  other?: string
  routingKey?: string
  arguments?: string
}

export type BindRequest = Omit<Required<AmqpBindingRequest>, 'profileId'>

const encoder = new TextEncoder()

export function checkBindDraft(
  mode: BindMode,
  fixed: string,
  d: BindDraft,
): { ok: true; request: BindRequest } | { ok: false; errors: BindErrors } {
  const errors: BindErrors = {}
  const other = d.other.trim()
  const otherIsExchange = mode !== 'from-exchange' || d.otherType === 'exchange'
  if (other === '')
    errors.other = otherIsExchange
      ? 'Name the exchange (the default exchange cannot be bound)'
      : 'Name the queue'
  else if (encoder.encode(other).length > 255) errors.other = 'At most 255 bytes (UTF-8)'
  if (encoder.encode(d.routingKey).length > 255) errors.routingKey = 'At most 255 bytes (UTF-8)'
  const args = parseArguments(d.argumentsText)
  if (!args.ok) errors.arguments = args.error
  if (errors.other || errors.routingKey || !args.ok) return { ok: false, errors }
  const common = { routingKey: d.routingKey, arguments: args.value }
  switch (mode) {
    case 'from-exchange':
      return {
        ok: true,
        request: { source: fixed, destination: other, destinationType: d.otherType, ...common },
      }
    case 'into-exchange':
      return {
        ok: true,
        request: { source: other, destination: fixed, destinationType: 'exchange', ...common },
      }
    case 'into-queue':
      return { ok: true, request: { source: other, destination: fixed, destinationType: 'queue', ...common } }
  }
}

/** What the routing key means for the source exchange's type (null: the type is unknown). */
export function routingKeyHint(type: string | null): string {
  switch (type) {
    case 'topic':
      return 'a pattern, * is one word and # zero or more (order.*.created, audit.#)'
    case 'direct':
      return 'messages with exactly this key are routed'
    case 'fanout':
      return 'ignored, a fanout exchange routes everything to every binding'
    case 'headers':
      return 'ignored, a headers exchange matches the arguments (x-match: all or any)'
    default:
      return 'how the source exchange matches it depends on its type'
  }
}
