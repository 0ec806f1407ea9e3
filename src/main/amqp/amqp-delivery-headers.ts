import { bytesToBase64 } from '../../shared/base64'

/**
 * AMQP header tables hold types JSON has not got (byte arrays, timestamps, decimals, 64-bit
 * integers, NaN). The history and the API carry headers as JSON, so each such value becomes a
 * typed value in amqplib's own notation, `{"!": type, "value": …}`, which amqplib encodes back to
 * the same AMQP type when the message is published again:
 *
 *   byte array ('x')              {"!": "bytes", "value": "<base64>"}
 *   timestamp ('T')               {"!": "timestamp", "value": <seconds>}      (as amqplib decodes it)
 *   decimal ('D')                 {"!": "decimal", "value": {"places", "digits"}} (as amqplib decodes it)
 *   NaN, ±Infinity ('d', 'f')     {"!": "double", "value": "NaN" | "Infinity" | "-Infinity"}
 *   bigint beyond 2^53            {"!": "long", "value": "<decimal digits>"}
 *   a Date                        {"!": "timestamp", "value": <seconds>}
 *   anything else JSON cannot hold, or nested deeper than MAX_DEPTH
 *                                 {"!": "unreadable", "value": "<what it was>"}
 *
 * amqplib has no name for byte arrays in that notation (it encodes a Buffer), so "bytes" is ours.
 * Long strings ('S') arrive already decoded as UTF-8 by amqplib, and 64-bit integers ('l') as
 * JavaScript numbers: digits past 2^53 are lost there, before this code sees them.
 */
export type HeaderTable = Record<string, unknown>

/** Nesting beyond this is kept as an `unreadable` marker instead of risking the stack. */
const MAX_DEPTH = 64

/** A header table as JSON can carry it; the same object when nothing needed changing (most messages). */
export function jsonSafeHeaders(table: HeaderTable): HeaderTable {
  return safeTable(table, 0)
}

function safeTable(table: HeaderTable, depth: number): HeaderTable {
  const keys = Object.keys(table)
  let out: HeaderTable | null = null
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!
    const value = table[key]
    const safe = safeValue(value, depth + 1)
    if (safe !== value && out === null) {
      // Copy what came before this key, then carry on writing into the copy.
      out = {}
      for (let k = 0; k < i; k++) out[keys[k]!] = table[keys[k]!]
    }
    if (out !== null) out[key] = safe
  }
  return out ?? table
}

function safeValue(value: unknown, depth: number): unknown {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value
    case 'number':
      return Number.isFinite(value) ? value : typed('double', String(value))
    case 'bigint':
      return Number.isSafeInteger(Number(value)) ? Number(value) : typed('long', value.toString())
    case 'object':
      if (value === null) return null
      if (depth > MAX_DEPTH) return typed('unreadable', `nested deeper than ${MAX_DEPTH} levels`)
      if (value instanceof Uint8Array) return typed('bytes', bytesToBase64(value))
      if (value instanceof Date) {
        const ms = value.getTime()
        return Number.isFinite(ms)
          ? typed('timestamp', Math.floor(ms / 1000))
          : typed('unreadable', 'Invalid Date')
      }
      if (Array.isArray(value)) return safeArray(value, depth)
      if (isPlainObject(value)) return safeTable(value as HeaderTable, depth)
      return typed('unreadable', describe(value))
    default:
      return typed('unreadable', describe(value))
  }
}

function safeArray(list: unknown[], depth: number): unknown[] {
  let out: unknown[] | null = null
  for (let i = 0; i < list.length; i++) {
    const value = list[i]
    const safe = safeValue(value, depth + 1)
    if (safe !== value && out === null) out = list.slice(0, i)
    if (out !== null) out.push(safe)
  }
  return out ?? list
}

function typed(type: string, value: unknown): { '!': string; value: unknown } {
  return { '!': type, value }
}

function isPlainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value) as unknown
  return proto === Object.prototype || proto === null
}

function describe(value: unknown): string {
  if (typeof value !== 'object' || value === null) return `a value of type ${typeof value}`
  try {
    // Never throws for ordinary objects; a hostile Symbol.toStringTag getter could.
    return `an object ${Object.prototype.toString.call(value)}`
  } catch {
    return 'an object'
  }
}
