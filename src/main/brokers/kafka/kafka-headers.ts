import type { IHeaders } from 'kafkajs'

/**
 * kafkajs takes headers as an object (a name, then a value or an array of values) and sends them
 * name by name in the object's key order. That keeps every repeat and the order of one name's
 * values, but it groups a name's values together, and a JavaScript object puts integer-like names
 * first. `sent` is the order that actually goes on the wire, so that the history shows the truth.
 */
export function kafkaHeaders(headers: [string, Uint8Array][]): {
  headers: IHeaders | undefined
  sent: [string, Uint8Array][]
} {
  if (headers.length === 0) return { headers: undefined, sent: [] }
  const grouped = new Map<string, Uint8Array[]>()
  for (const [name, value] of headers) {
    const values = grouped.get(name)
    if (values) values.push(value)
    else grouped.set(name, [value])
  }
  // No prototype: a header may be called `__proto__` or `constructor`.
  const out = Object.create(null) as IHeaders
  for (const [name, values] of grouped) out[name] = values.map(toBuffer)
  const sent = Object.keys(out).flatMap((name) =>
    grouped.get(name)!.map((value): [string, Uint8Array] => [name, value]),
  )
  return { headers: out, sent }
}

export function toBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
}
