/**
 * How the detail pane shows payload bytes: JSON pretty-printed when it parses as an object or array,
 * UTF-8 text when it decodes, else a hex dump with offsets. Only the part on screen is ever built: a
 * 10 MB payload shows its first 64 KB until the user asks for more.
 */
export type PayloadKind = 'empty' | 'json' | 'text' | 'binary'

export interface DecodedPayload {
  kind: PayloadKind
  /** The text to show (pretty JSON or decoded text); empty for binary, which is dumped on demand. */
  text: string
  bytes: Uint8Array
  /** Why JSON was not pretty-printed though it looks like JSON. */
  note: string | null
}

/** The first screenful shown, and each "show more" step. */
export const SHOW_STEP = 64 * 1024
/** Larger JSON is shown as it came: parsing and re-printing it would block the window. */
export const PRETTY_JSON_MAX = 4 * 1024 * 1024

const fatalDecoder = new TextDecoder('utf-8', { fatal: true })

/**
 * Decoded text, or null when the bytes are not UTF-8 or hold control characters other than tab and
 * line breaks: the same rule as the core's previews (shared/payload-preview.ts), so the tree and
 * the detail pane never disagree on what is binary.
 */
export function decodeText(bytes: Uint8Array): string | null {
  let text: string
  try {
    text = fatalDecoder.decode(bytes)
  } catch {
    return null
  }
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  return /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(text) ? null : text
}

export function decodePayload(bytes: Uint8Array): DecodedPayload {
  if (bytes.length === 0) return { kind: 'empty', text: '', bytes, note: null }
  const text = decodeText(bytes)
  if (text === null) return { kind: 'binary', text: '', bytes, note: null }
  const first = text.trimStart()[0]
  if (first === '{' || first === '[') {
    if (bytes.length > PRETTY_JSON_MAX) {
      return { kind: 'text', text, bytes, note: 'Too large to pretty-print: shown as received' }
    }
    try {
      return { kind: 'json', text: JSON.stringify(JSON.parse(text), null, 2), bytes, note: null }
    } catch {
      // not JSON after all: plain text
    }
  }
  return { kind: 'text', text, bytes, note: null }
}

/** Pretty JSON or text for comparing two payloads; binary compares as its hex dump. */
export function comparableText(bytes: Uint8Array, maxBytes: number): { text: string; cut: boolean } {
  const cut = bytes.length > maxBytes
  const decoded = decodePayload(cut ? bytes.subarray(0, maxBytes) : bytes)
  if (decoded.kind === 'binary') return { text: hexDump(decoded.bytes, 0, decoded.bytes.length), cut }
  return { text: decoded.text, cut }
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'))

/**
 * `offset  hex bytes (16 per line, a gap after 8)  |ascii|` for bytes [start, end), like `hexdump -C`.
 */
export function hexDump(bytes: Uint8Array, start: number, end: number): string {
  const lines: string[] = []
  const stop = Math.min(end, bytes.length)
  for (let off = start; off < stop; off += 16) {
    let hex = ''
    let ascii = ''
    for (let i = 0; i < 16; i++) {
      const b = off + i < stop ? bytes[off + i] : undefined
      if (i === 8) hex += ' '
      if (b === undefined) {
        hex += '   '
        continue
      }
      hex += `${HEX[b]} `
      ascii += b >= 32 && b < 127 ? String.fromCharCode(b) : '.'
    }
    lines.push(`${off.toString(16).padStart(8, '0')}  ${hex} |${ascii}|`)
  }
  return lines.join('\n')
}

export interface ShownPart {
  text: string
  /** Units shown and in all: characters of text, or bytes of a binary payload. */
  shown: number
  total: number
}

/** The part of a payload to render at `limit` (characters of text, bytes of binary). */
export function shownPart(p: DecodedPayload, limit: number): ShownPart {
  if (p.kind === 'binary') {
    const end = Math.min(p.bytes.length, limit)
    return { text: hexDump(p.bytes, 0, end), shown: end, total: p.bytes.length }
  }
  if (p.text.length <= limit) return { text: p.text, shown: p.text.length, total: p.text.length }
  return { text: p.text.slice(0, limit), shown: limit, total: p.text.length }
}
