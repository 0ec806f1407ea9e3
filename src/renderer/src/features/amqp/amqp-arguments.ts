import { checkJson } from '../../../../shared/codecs/json-text'

/**
 * Arguments of a declare or a binding, typed as a JSON object (x-message-ttl, x-dead-letter-exchange,
 * x-match…). The text is the one source of truth: the helper fields of the queue form rewrite it
 * rather than keeping a second copy that could disagree with it.
 */

export type Arguments = Record<string, unknown>
export type ArgumentsResult = { ok: true; value: Arguments } | { ok: false; error: string }

const EXAMPLE = '{"x-max-length": 1000}'

/** Blank is no arguments; otherwise one JSON object with names up to 255 characters. */
export function parseArguments(text: string): ArgumentsResult {
  if (text.trim() === '') return { ok: true, value: {} }
  const checked = checkJson(text)
  if (!checked.ok)
    return { ok: false, error: `Line ${checked.line}, column ${checked.column}: ${checked.message}` }
  const value: unknown = JSON.parse(text)
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    return { ok: false, error: `Arguments are a JSON object, like ${EXAMPLE}` }
  for (const key of Object.keys(value)) {
    if (key === '') return { ok: false, error: 'An argument needs a name' }
    if (key.length > 255) return { ok: false, error: `“${key.slice(0, 40)}…” is longer than 255 characters` }
  }
  const inexact = findInexactInteger(text)
  if (inexact !== null)
    return {
      ok: false,
      error: `${inexact} cannot be sent exactly: whole numbers above 2^53 lose digits in JavaScript`,
    }
  return { ok: true, value: value as Arguments }
}

const TOKENS = /"(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/g

/**
 * An integer literal beyond 2^53, which JSON.parse would round: sending it would change it silently.
 * Read from the text (strings skipped), since after parsing 1e300 and a rounded integer look alike.
 */
function findInexactInteger(text: string): string | null {
  for (const [token] of text.matchAll(TOKENS)) {
    if (token.startsWith('"') || !/^-?\d+$/.test(token)) continue
    const n = BigInt(token)
    if (n > BigInt(Number.MAX_SAFE_INTEGER) || n < BigInt(Number.MIN_SAFE_INTEGER)) return token
  }
  return null
}

export function argumentsToText(args: Arguments): string {
  return Object.keys(args).length === 0 ? '' : JSON.stringify(args, null, 2)
}

/**
 * Sets one argument in the text (undefined removes it), keeping the others in their order. Fails
 * when the text is not a JSON object yet: the user fixes it first, nothing is overwritten.
 */
export function setArgument(
  text: string,
  key: string,
  value: unknown,
): { ok: true; text: string } | { ok: false; error: string } {
  const parsed = parseArguments(text)
  if (!parsed.ok) return parsed
  const next: Arguments = { ...parsed.value }
  if (value === undefined) delete next[key]
  else next[key] = value
  return { ok: true, text: argumentsToText(next) }
}

/** The queue arguments the declare form has fields for. */
export const QUEUE_HELPERS = {
  messageTtl: 'x-message-ttl',
  maxLength: 'x-max-length',
  deadLetterExchange: 'x-dead-letter-exchange',
} as const

export interface QueueHelperValues {
  /** Milliseconds, '' when not set (or not a number). */
  messageTtl: number | ''
  maxLength: number | ''
  deadLetterExchange: string
}

/** What the helper fields show for the current text; all empty while the text is not valid. */
export function queueHelperValues(text: string): QueueHelperValues {
  const parsed = parseArguments(text)
  const args = parsed.ok ? parsed.value : {}
  const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : '')
  const dlx = args[QUEUE_HELPERS.deadLetterExchange]
  return {
    messageTtl: num(args[QUEUE_HELPERS.messageTtl]),
    maxLength: num(args[QUEUE_HELPERS.maxLength]),
    deadLetterExchange: typeof dlx === 'string' ? dlx : '',
  }
}

/** A helper field's new value for the text: a number field left empty removes its argument. */
export function helperArgument(field: keyof QueueHelperValues, input: number | string): unknown {
  if (field === 'deadLetterExchange') return typeof input === 'string' && input !== '' ? input : undefined
  if (input === '' || input === null) return undefined
  const n = typeof input === 'number' ? input : Number(input)
  return Number.isFinite(n) ? Math.trunc(n) : undefined
}
