/**
 * Repeatable key/value rows (MQTT user properties, AMQP and Kafka headers), as the form holds them.
 * Each row has an id of its own so React keeps focus in the right input while rows come and go.
 */
export interface KvRow {
  id: number
  key: string
  value: string
}

let nextRowId = 1

export function newRow(key = '', value = ''): KvRow {
  return { id: nextRowId++, key, value }
}

export function addRow(rows: readonly KvRow[]): KvRow[] {
  return [...rows, newRow()]
}

export function removeRow(rows: readonly KvRow[], id: number): KvRow[] {
  return rows.filter((r) => r.id !== id)
}

export function updateRow(rows: readonly KvRow[], id: number, patch: Partial<Omit<KvRow, 'id'>>): KvRow[] {
  return rows.map((r) => (r.id === id ? { ...r, ...patch } : r))
}

/** A row with neither a key nor a value is a blank line of the form, not an entry. */
export function isBlank(row: KvRow): boolean {
  return row.key === '' && row.value === ''
}

/** Row errors, keyed by the row's id. */
export type RowErrors = Record<number, string>

/**
 * MQTT 5 user properties: in order, repeats allowed, empty values allowed (the protocol carries
 * them); only the name is required.
 */
export function rowsToUserProperties(
  rows: readonly KvRow[],
): { ok: true; value: [string, string][] } | { ok: false; errors: RowErrors } {
  const errors: RowErrors = {}
  const value: [string, string][] = []
  for (const row of rows) {
    if (isBlank(row)) continue
    if (row.key === '') errors[row.id] = 'A user property needs a name'
    else value.push([row.key, row.value])
  }
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, value }
}

/**
 * AMQP headers: a table, so names are unique, and every value is JSON (a string needs its quotes:
 * `"abc"`; numbers, booleans, null, arrays and objects as they are).
 */
export function rowsToJsonHeaders(
  rows: readonly KvRow[],
): { ok: true; value: Record<string, unknown> } | { ok: false; errors: RowErrors } {
  const errors: RowErrors = {}
  const value: Record<string, unknown> = {}
  const seen = new Set<string>()
  for (const row of rows) {
    if (isBlank(row)) continue
    if (row.key === '') {
      errors[row.id] = 'A header needs a name'
      continue
    }
    if (seen.has(row.key)) {
      errors[row.id] = `“${row.key}” is already set above: header names are unique`
      continue
    }
    seen.add(row.key)
    if (row.value.trim() === '') {
      errors[row.id] = `“${row.key}” needs a JSON value, e.g. "text", 42 or true`
      continue
    }
    try {
      value[row.key] = JSON.parse(row.value) as unknown
    } catch {
      errors[row.id] = `“${row.key}” is not JSON: put text in quotes, e.g. "${row.value.replaceAll('"', '')}"`
    }
  }
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, value }
}

/** The rows for an AMQP header table, each value as JSON text. */
export function jsonHeadersToRows(headers: Record<string, unknown> | undefined): KvRow[] {
  return Object.entries(headers ?? {}).map(([k, v]) => newRow(k, JSON.stringify(v) ?? 'null'))
}

const encoder = new TextEncoder()

/** Kafka headers: names may repeat (the protocol keeps them in order), values are UTF-8 text. */
export function rowsToKafkaHeaders(
  rows: readonly KvRow[],
): { ok: true; value: [string, Uint8Array][] } | { ok: false; errors: RowErrors } {
  const errors: RowErrors = {}
  const value: [string, Uint8Array][] = []
  for (const row of rows) {
    if (isBlank(row)) continue
    if (row.key === '') errors[row.id] = 'A header needs a name'
    else value.push([row.key, encoder.encode(row.value)])
  }
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, value }
}
