import { ApiError, type ApiErrorCode } from '../../../shared/api-error'
import { kafkaReason } from './kafka-link'

/**
 * The kafkajs error that carries a Kafka protocol error name (UNKNOWN_TOPIC_OR_PARTITION,
 * NON_EMPTY_GROUP…), or null. kafkajs wraps protocol errors in retry errors (`originalError`,
 * `cause`), topic errors in aggregates (`errors`) and group results in `groups[].error`.
 */
function protocolError(error: unknown): { type: string; message: string } | null {
  let e: unknown = error
  for (let depth = 0; depth < 6 && e; depth++) {
    const { type, message } = e as { type?: unknown; message?: unknown }
    if (typeof type === 'string' && /^[A-Z_]+$/.test(type))
      return { type, message: typeof message === 'string' ? message : '' }
    const inner = e as { originalError?: unknown; cause?: unknown; errors?: unknown[]; groups?: unknown[] }
    const group = Array.isArray(inner.groups)
      ? (inner.groups[0] as { error?: unknown } | undefined)
      : undefined
    e =
      inner.originalError ??
      inner.cause ??
      (Array.isArray(inner.errors) ? inner.errors[0] : undefined) ??
      group?.error
  }
  return null
}

/** The Kafka protocol error name inside a kafkajs error, or null. */
export function kafkaErrorType(error: unknown): string | null {
  return protocolError(error)?.type ?? null
}

/** The broker's words: the protocol error name and kafkajs's text for it. */
export function kafkaErrorText(error: unknown): string {
  const p = protocolError(error)
  if (!p) return kafkaReason(error)
  return p.message && !p.message.includes(p.type) ? `${p.type}: ${p.message}` : p.message || p.type
}

const INVALID_INPUT = new Set([
  'INVALID_CONFIG',
  'INVALID_PARTITIONS',
  'INVALID_REPLICATION_FACTOR',
  'INVALID_REPLICA_ASSIGNMENT',
  'INVALID_TOPIC_EXCEPTION',
  'INVALID_REQUEST',
  'POLICY_VIOLATION',
  'INVALID_GROUP_ID',
  'OFFSET_OUT_OF_RANGE',
])
const CONFLICT = new Set([
  'TOPIC_ALREADY_EXISTS',
  'NON_EMPTY_GROUP',
  'REBALANCE_IN_PROGRESS',
  'UNKNOWN_MEMBER_ID',
  'ILLEGAL_GENERATION',
  'TOPIC_DELETION_DISABLED',
])
const NOT_FOUND = new Set(['UNKNOWN_TOPIC_OR_PARTITION', 'GROUP_ID_NOT_FOUND'])

/**
 * A kafkajs failure as the API's error, with `what` said first ("Could not create topic t"). Input
 * the broker refuses is `invalid_input`, a state it refuses in is `conflict`; authorisation and
 * connection failures are `unavailable` (nothing the form could fix). kafkajs keeps only the error
 * code of CreateTopics/DeleteGroups answers and drops the broker's error_message text, so the code's
 * name and kafkajs's description of it are the broker's words we have.
 */
export function kafkaApiError(error: unknown, what: string): ApiError {
  if (error instanceof ApiError) return error
  const type = kafkaErrorType(error)
  let code: ApiErrorCode = 'internal'
  if (type && INVALID_INPUT.has(type)) code = 'invalid_input'
  else if (type && CONFLICT.has(type)) code = 'conflict'
  else if (type && NOT_FOUND.has(type)) code = 'not_found'
  else if (
    type?.endsWith('_AUTHORIZATION_FAILED') ||
    /Connection|ECONNREFUSED|timed? ?out/i.test(String(error))
  )
    code = 'unavailable'
  return new ApiError(code, `${what}: ${kafkaErrorText(error)}`)
}
