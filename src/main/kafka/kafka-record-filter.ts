import { isUtf8 } from 'node:buffer'

/** What a browse filters on (see `KafkaRecordFilter` in shared/kafka.ts); null: no condition. */
export interface RecordFilterSpec {
  key: string | null
  header: string | null
  text: string | null
}

/** The parts of a record a filter looks at. */
export interface FilterableRecord {
  key: Uint8Array | null
  headers: [string, Uint8Array][]
  value: Uint8Array | null
}

const encoder = new TextEncoder()

/**
 * A predicate for the filter, or null when it has no condition. Matching is on bytes: the UTF-8 of
 * the search text must occur in the bytes, and the bytes must be valid UTF-8 (binary keys, header
 * values and payloads never match). For valid UTF-8 a byte substring is exactly a text substring,
 * and a native `indexOf` over bytes spares decoding every record of a large scan.
 */
export function recordFilter(spec: RecordFilterSpec): ((r: FilterableRecord) => boolean) | null {
  const tests: ((r: FilterableRecord) => boolean)[] = []
  if (spec.key !== null && spec.key !== '') {
    const needle = encoder.encode(spec.key)
    tests.push((r) => r.key !== null && containsText(r.key, needle))
  }
  if (spec.header !== null && spec.header !== '') {
    const eq = spec.header.indexOf('=')
    const name = eq < 0 ? spec.header : spec.header.slice(0, eq)
    const needle = eq < 0 ? null : encoder.encode(spec.header.slice(eq + 1))
    tests.push((r) => r.headers.some(([n, v]) => n === name && (needle === null || containsText(v, needle))))
  }
  if (spec.text !== null && spec.text !== '') {
    const needle = encoder.encode(spec.text)
    tests.push((r) => r.value !== null && containsText(r.value, needle))
  }
  if (tests.length === 0) return null
  return (r) => tests.every((t) => t(r))
}

/** `needle` (UTF-8) occurs in `bytes`, and `bytes` is text. An empty needle matches any text. */
export function containsText(bytes: Uint8Array, needle: Uint8Array): boolean {
  if (needle.length > 0 && Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).indexOf(needle) < 0)
    return false
  return isUtf8(bytes)
}
