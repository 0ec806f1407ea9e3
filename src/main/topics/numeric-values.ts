/**
 * Numbers for the live chart: a payload that is a number ("21.4", as a Pico W sends it), or a
 * numeric field inside a JSON payload ("temperature", "sensor.temp", "values.0").
 */

/** Payloads larger than this are not parsed for the chart: a chart of megabyte JSON is no use. */
const MAX_PARSE_BYTES = 256 * 1024
const MAX_FIELDS = 50
const NUMBER = /^\s*[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?\s*$/
const decoder = new TextDecoder('utf-8', { fatal: false })

function text(payload: Uint8Array): string | null {
  return payload.length === 0 || payload.length > MAX_PARSE_BYTES ? null : decoder.decode(payload)
}

function json(payload: Uint8Array): unknown {
  const t = text(payload)
  if (t === null || !/^\s*[[{]/.test(t)) return undefined
  try {
    return JSON.parse(t)
  } catch {
    return undefined
  }
}

function asNumber(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null
  if (typeof value === 'string' && NUMBER.test(value)) return Number(value)
  if (typeof value === 'boolean') return value ? 1 : 0
  return null
}

export function numericValue(payload: Uint8Array, field: string | null): number | null {
  if (field === null) {
    const t = text(payload)
    return t !== null && NUMBER.test(t) ? Number(t) : null
  }
  let value: unknown = json(payload)
  for (const key of field.split('.')) {
    if (typeof value !== 'object' || value === null) return null
    value = (value as Record<string, unknown>)[key]
  }
  return asNumber(value)
}

/** Dotted paths of the numeric leaves of a JSON payload, in document order. */
export function numericFields(payload: Uint8Array): string[] {
  const out: string[] = []
  const walk = (value: unknown, path: string, depth: number) => {
    if (out.length >= MAX_FIELDS || depth > 6) return
    if (typeof value === 'number' && path) out.push(path)
    else if (typeof value === 'object' && value !== null) {
      for (const [k, v] of Object.entries(value)) walk(v, path ? `${path}.${k}` : k, depth + 1)
    }
  }
  walk(json(payload), '', 0)
  return out
}
