import type { MessageSummary } from '../../../../shared/messages'

/**
 * The records list: a key as text when it is text and as hex when it is not, a value preview, and
 * pages and live records merged without repeats (a record is its partition and offset, whichever
 * history row holds it).
 */

/** Records kept in one list; "load more" and the live tail stop adding past it and say so. */
export const MAX_RECORDS = 50_000
/** Key bytes shown as hex in a row. */
const KEY_HEX_BYTES = 32

const utf8 = new TextDecoder('utf-8', { fatal: true })

export type KeyText = { kind: 'none' } | { kind: 'text'; text: string } | { kind: 'hex'; text: string }

/** Text if the key is UTF-8 without control characters, else the first bytes in hex. */
export function keyText(key: Uint8Array | null): KeyText {
  if (key === null) return { kind: 'none' }
  try {
    const text = utf8.decode(key)
    // eslint-disable-next-line no-control-regex -- control characters are what makes a key binary
    if (!/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(text)) return { kind: 'text', text }
  } catch {
    // not UTF-8: hex below
  }
  const hex = Array.from(key.subarray(0, KEY_HEX_BYTES), (b) => b.toString(16).padStart(2, '0')).join(' ')
  return { kind: 'hex', text: key.length > KEY_HEX_BYTES ? `${hex} …` : hex }
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0')

/**
 * A record's time in its row: "14:03:22.481" on the day it is shown, else "2024-03-12 14:03:22"
 * (the date matters more than the milliseconds then). The detail below shows it whole.
 */
export function recordTime(ms: number, now: number): string {
  const d = new Date(ms)
  const time = `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`
  if (new Date(now).toDateString() === d.toDateString()) return `${time}.${pad(d.getMilliseconds(), 3)}`
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${time}`
}

/** One line of the value: its preview with line breaks as spaces, or null for a binary value. */
export function valueLine(record: Pick<MessageSummary, 'preview' | 'previewTruncated'>): string | null {
  if (record.preview === null) return null
  const line = record.preview.replace(/\s+/g, ' ').trim()
  return record.previewTruncated ? `${line}…` : line
}

/** "3:1200": where a record sits. */
export function recordKey(r: MessageSummary): string {
  return r.kafka ? `${r.kafka.partition}:${r.kafka.offset}` : `id:${r.id}`
}

/** Appends `more` after `list`, leaving out records the list holds; at most `cap` in all. */
export function appendRecords(
  list: readonly MessageSummary[],
  more: readonly MessageSummary[],
  cap = MAX_RECORDS,
): { records: MessageSummary[]; dropped: number } {
  const seen = new Set(list.map(recordKey))
  const out = list.slice()
  let dropped = 0
  for (const r of more) {
    const k = recordKey(r)
    if (seen.has(k)) continue
    seen.add(k)
    if (out.length >= cap) dropped++
    else out.push(r)
  }
  return { records: out, dropped }
}

const text = new TextDecoder()

/**
 * Whether a tailed record passes the browser's filters, as the core applies them to reads: key and
 * header exactly; the text filter sees only the value's preview (the first 256 bytes), which is
 * what the list holds of a live record.
 */
export function matchesFilter(
  record: MessageSummary,
  filter: { key: string; header: string; text: string },
): boolean {
  const k = record.kafka
  if (!k) return false
  if (filter.key !== '') {
    const key = keyText(k.key)
    if (key.kind !== 'text' || !key.text.includes(filter.key)) return false
  }
  if (filter.header !== '') {
    const eq = filter.header.indexOf('=')
    const name = eq < 0 ? filter.header : filter.header.slice(0, eq)
    const want = eq < 0 ? null : filter.header.slice(eq + 1)
    const hit = k.headers.some(([n, v]) => n === name && (want === null || text.decode(v).includes(want)))
    if (!hit) return false
  }
  if (filter.text !== '' && !(record.preview ?? '').includes(filter.text)) return false
  return true
}
