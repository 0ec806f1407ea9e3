import { ApiError, type ApiIssue } from '../../shared/api-error'

/** Queue and exchange names, routing keys and table keys are AMQP short strings: 255 bytes of UTF-8. */
export const SHORT_STRING_BYTES = 255

/** What a field holds, for the message: "Queue names are at most 255 bytes of UTF-8". */
export type ShortStringKind = 'queue' | 'exchange' | 'routingKey'

const LABELS: Record<ShortStringKind, string> = {
  queue: 'Queue names',
  exchange: 'Exchange names',
  routingKey: 'Routing keys',
}

export interface ShortStringField {
  /** The input field, as the form names it (`name`, `source`, `routingKey`…). */
  path: string
  kind: ShortStringKind
  value: string
}

/**
 * Refuses, before anything is sent, names and keys the wire cannot carry: the contract's schemas
 * count characters, and one character can be up to 4 bytes. Each offending field is named, and so
 * is each argument whose name is too long (a table key is a short string as well).
 */
export function checkShortStrings(
  fields: readonly ShortStringField[],
  args: Record<string, unknown> = {},
): void {
  const issues: ApiIssue[] = []
  for (const { path, kind, value } of fields) {
    if (Buffer.byteLength(value, 'utf8') > SHORT_STRING_BYTES) {
      issues.push({ path, message: `${LABELS[kind]} are at most ${SHORT_STRING_BYTES} bytes of UTF-8` })
    }
  }
  for (const key of Object.keys(args)) {
    if (Buffer.byteLength(key, 'utf8') > SHORT_STRING_BYTES) {
      issues.push({
        path: `arguments.${key}`,
        message: `Argument names are at most ${SHORT_STRING_BYTES} bytes of UTF-8`,
      })
    }
  }
  const first = issues[0]
  if (first) throw new ApiError('invalid_input', first.message, issues)
}
