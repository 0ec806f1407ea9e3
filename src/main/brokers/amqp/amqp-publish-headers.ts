import { base64ToBytes } from '../../../shared/base64'

/**
 * Header tables as the history keeps them (see `amqp/amqp-delivery-headers.ts`), made ready for
 * amqplib again: amqplib already encodes its own typed values (`{"!": "long" | "timestamp" |
 * "decimal" | "double", value}`), but not the two markers of ours — `bytes` (base64) goes back to a
 * Buffer, so a byte array is re-sent as a byte array, and `unreadable` is sent as the text that
 * describes what could not be read. The same object comes back when nothing needed changing.
 */
export function headersForPublish(table: Record<string, unknown>): Record<string, unknown> {
  return mapTable(table)
}

function mapTable(table: Record<string, unknown>): Record<string, unknown> {
  let out: Record<string, unknown> | null = null
  const keys = Object.keys(table)
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!
    const value = table[key]
    const mapped = mapValue(value)
    if (mapped !== value && out === null) {
      out = {}
      for (let k = 0; k < i; k++) out[keys[k]!] = table[keys[k]!]
    }
    if (out !== null) out[key] = mapped
  }
  return out ?? table
}

function mapValue(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || value instanceof Uint8Array) return value
  if (Array.isArray(value)) {
    const mapped = value.map(mapValue)
    return mapped.some((v, i) => v !== value[i]) ? mapped : value
  }
  const typed = value as { '!'?: unknown; value?: unknown }
  if (typed['!'] === 'bytes' && typeof typed.value === 'string') {
    const bytes = base64ToBytes(typed.value)
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  }
  if (typed['!'] === 'unreadable') return String(typed.value)
  if (typeof typed['!'] === 'string') return value
  return mapTable(value as Record<string, unknown>)
}
