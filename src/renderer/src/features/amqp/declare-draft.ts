import type { AmqpQueueType, DeclareAmqpExchange, DeclareAmqpQueue } from '../../../../shared/amqp'
import { parseArguments } from './amqp-arguments'

/**
 * The "declare exchange" and "declare queue" forms: what was typed, checked as RabbitMQ would check
 * it, so the reason shows beside the field. The broker has the last word (a declare that clashes
 * with an existing one comes back as 406 PRECONDITION_FAILED in its words).
 */

export const STANDARD_EXCHANGE_TYPES = ['direct', 'fanout', 'topic', 'headers'] as const
export type ExchangeTypeChoice = (typeof STANDARD_EXCHANGE_TYPES)[number] | 'custom'

export interface ExchangeDraft {
  name: string
  type: ExchangeTypeChoice
  /** A plugin's type (x-delayed-message, x-consistent-hash…) when `type` is custom. */
  customType: string
  durable: boolean
  autoDelete: boolean
  internal: boolean
  argumentsText: string
}

export const NEW_EXCHANGE: ExchangeDraft = {
  name: '',
  type: 'topic',
  customType: '',
  durable: true,
  autoDelete: false,
  internal: false,
  argumentsText: '',
}

export interface QueueDraft {
  /** Empty: the broker names it. */
  name: string
  type: AmqpQueueType
  durable: boolean
  autoDelete: boolean
  exclusive: boolean
  argumentsText: string
}

export const NEW_QUEUE: QueueDraft = {
  name: '',
  type: 'classic',
  durable: true,
  autoDelete: false,
  exclusive: false,
  argumentsText: '',
}

export interface DraftErrors {
  name?: string
  type?: string
  arguments?: string
  flags?: string
}

const encoder = new TextEncoder()

/** AMQP short strings are at most 255 bytes of UTF-8; "amq." names are the broker's own. */
export function amqpNameError(
  name: string,
  what: 'exchange' | 'queue',
  required: boolean,
): string | undefined {
  if (name === '') return required ? 'A name is required' : undefined
  if (encoder.encode(name).length > 255) return 'At most 255 bytes (UTF-8)'
  if (name.startsWith('amq.')) return `Names starting with “amq.” are reserved for the broker's own ${what}s`
  return undefined
}

type ExchangeRequest = Omit<Required<DeclareAmqpExchange>, 'profileId'>
type QueueRequest = Omit<Required<DeclareAmqpQueue>, 'profileId'>

export function checkExchangeDraft(
  d: ExchangeDraft,
): { ok: true; request: ExchangeRequest } | { ok: false; errors: DraftErrors } {
  const errors: DraftErrors = {}
  const name = d.name.trim()
  errors.name = amqpNameError(name, 'exchange', true)
  const type = d.type === 'custom' ? d.customType.trim() : d.type
  if (type === '') errors.type = 'Name the exchange type (a plugin’s, like x-delayed-message)'
  else if (type.length > 255) errors.type = 'At most 255 characters'
  const args = parseArguments(d.argumentsText)
  if (!args.ok) errors.arguments = args.error
  if (errors.name || errors.type || !args.ok) return { ok: false, errors: clean(errors) }
  return {
    ok: true,
    request: {
      name,
      type,
      durable: d.durable,
      autoDelete: d.autoDelete,
      internal: d.internal,
      arguments: args.value,
    },
  }
}

/** Quorum queues and streams are replicated and outlive connections: RabbitMQ refuses them otherwise. */
export function replicated(type: AmqpQueueType): boolean {
  return type !== 'classic'
}

export function checkQueueDraft(
  d: QueueDraft,
): { ok: true; request: QueueRequest } | { ok: false; errors: DraftErrors } {
  const errors: DraftErrors = {}
  const name = d.name.trim()
  errors.name = amqpNameError(name, 'queue', false)
  if (replicated(d.type) && (!d.durable || d.autoDelete || d.exclusive))
    errors.flags = `A ${d.type} queue is durable, and neither auto-delete nor exclusive`
  const args = parseArguments(d.argumentsText)
  if (!args.ok) errors.arguments = args.error
  else {
    const declared = args.value['x-queue-type']
    if (declared !== undefined && declared !== d.type)
      errors.arguments = `x-queue-type says ${JSON.stringify(declared)} but the type above is ${d.type}: pick the type above`
  }
  if (errors.name || errors.flags || errors.arguments || !args.ok) return { ok: false, errors: clean(errors) }
  return {
    ok: true,
    request: {
      name,
      type: d.type,
      durable: d.durable,
      autoDelete: d.autoDelete,
      exclusive: d.exclusive,
      arguments: args.value,
    },
  }
}

function clean(errors: DraftErrors): DraftErrors {
  const out: DraftErrors = {}
  for (const [k, v] of Object.entries(errors) as [keyof DraftErrors, string | undefined][]) if (v) out[k] = v
  return out
}
