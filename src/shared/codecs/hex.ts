/**
 * Hex text for the payload viewer and editor: rendering, parsing with errors that point at the
 * offending character, and the lines of a virtualised hex dump.
 */
import { describeChar, isWhitespace } from './text-chars'

const HEX_PAIRS: string[] = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0'))
const HEX_DIGIT_CODES = Uint8Array.from('0123456789abcdef', (c) => c.charCodeAt(0))
const asciiDecoder = new TextDecoder()

/** Lowercase hex, two digits per byte, `separator` (default one space) between bytes. */
export function bytesToHex(bytes: Uint8Array, options?: { separator?: string }): string {
  const separator = options?.separator ?? ' '
  if (bytes.length === 0) return ''
  // eslint-disable-next-line no-control-regex
  if (!/^[\u0000-\u007f]*$/.test(separator)) return Array.from(bytes, (b) => HEX_PAIRS[b]).join(separator)
  // ASCII out: written as bytes and decoded once, several times faster than joining millions of
  // strings (10 MB of payload is 30 MB of hex).
  const sep = Uint8Array.from(separator, (c) => c.charCodeAt(0))
  const stride = 2 + sep.length
  const out = new Uint8Array(bytes.length * stride - sep.length)
  let o = 0
  for (let i = 0; i < bytes.length; i++) {
    if (i > 0) for (let k = 0; k < sep.length; k++) out[o++] = sep[k]!
    const b = bytes[i]!
    out[o++] = HEX_DIGIT_CODES[b >> 4]!
    out[o++] = HEX_DIGIT_CODES[b & 15]!
  }
  return asciiDecoder.decode(out)
}

export type HexParseResult = { ok: true; bytes: Uint8Array } | { ok: false; error: string; offset: number }

const NOT_HEX = -1
// Value of each ASCII hex digit, NOT_HEX for every other character.
const HEX_VALUE = new Int8Array(128).fill(NOT_HEX)
for (let v = 0; v < 16; v++) {
  HEX_VALUE[v.toString(16).charCodeAt(0)] = v
  HEX_VALUE[v.toString(16).toUpperCase().charCodeAt(0)] = v
}

function hexValue(code: number): number {
  return code < 128 ? HEX_VALUE[code]! : NOT_HEX
}

/**
 * Parses hex text: any white space between bytes, an optional `0x`/`0X` before a byte (or a run of
 * bytes, as in `0xdeadbeef`), either case. A run of digits between separators must have an even
 * length, so "12 3 45" is an error rather than a guess at which byte the lone digit belongs to.
 */
export function hexToBytes(text: string): HexParseResult {
  const n = text.length
  const out = new Uint8Array(n >> 1)
  let o = 0
  let i = 0
  while (i < n) {
    const code = text.charCodeAt(i)
    if (isWhitespace(code)) {
      i++
      continue
    }
    let runStart = i
    if (code === 48 && (text.charCodeAt(i + 1) | 0x20) === 120) {
      // 0x / 0X prefix
      i += 2
      runStart = i
      if (i >= n || hexValue(text.charCodeAt(i)) < 0) {
        return i >= n
          ? { ok: false, error: `Expected hex digits after '0x' at offset ${i - 2}`, offset: i - 2 }
          : {
              ok: false,
              error: `Expected hex digits after '0x', found ${describeChar(text, i)} at offset ${i}`,
              offset: i,
            }
      }
    }
    let high = -1
    for (; i < n; i++) {
      const c = text.charCodeAt(i)
      const v = hexValue(c)
      if (v < 0) {
        if (isWhitespace(c)) break
        return {
          ok: false,
          error: `Invalid hex character ${describeChar(text, i)} at offset ${i}`,
          offset: i,
        }
      }
      if (high < 0) high = v
      else {
        out[o++] = (high << 4) | v
        high = -1
      }
    }
    if (high >= 0) {
      const run = text.slice(runStart, i)
      const shown = run.length > 16 ? `${run.slice(0, 16)}…` : run
      return {
        ok: false,
        error: `Odd number of hex digits in "${shown}" at offset ${runStart}: each byte needs two`,
        offset: runStart,
      }
    }
  }
  return { ok: true, bytes: out.slice(0, o) }
}

export interface HexDumpLine {
  /** Offset of the line's first byte in the payload. */
  offset: number
  /** Two-digit groups separated by spaces, with one extra space after every 8 bytes. */
  hex: string
  /** One character per byte: printable ASCII as itself, anything else as '.'. */
  ascii: string
}

/** Number of lines a hex dump of `byteLength` bytes has. */
export function hexLineCount(byteLength: number, bytesPerLine = 16): number {
  return Math.ceil(byteLength / bytesPerLine)
}

/** Width in characters of a full line's `hex`, for padding the last (shorter) line if wanted. */
export function hexLineWidth(bytesPerLine = 16): number {
  if (bytesPerLine <= 0) return 0
  return bytesPerLine * 3 - 1 + Math.floor((bytesPerLine - 1) / 8)
}

/**
 * Lines `firstLine … firstLine + lineCount - 1` of a hex dump (fewer at the end of the payload). Only
 * the bytes of those lines are read, so a virtualised view of a 10 MB payload costs what it shows.
 */
export function hexDumpLines(
  bytes: Uint8Array,
  firstLine: number,
  lineCount: number,
  bytesPerLine = 16,
): HexDumpLine[] {
  const lines: HexDumpLine[] = []
  if (bytesPerLine < 1 || lineCount < 1) return lines
  const first = Math.max(0, Math.floor(firstLine))
  const last = Math.min(first + Math.floor(lineCount), hexLineCount(bytes.length, bytesPerLine))
  for (let line = first; line < last; line++) {
    const offset = line * bytesPerLine
    const end = Math.min(bytes.length, offset + bytesPerLine)
    let hex = ''
    let ascii = ''
    for (let i = offset; i < end; i++) {
      const b = bytes[i]!
      const k = i - offset
      if (k > 0) hex += k % 8 === 0 ? '  ' : ' '
      hex += HEX_PAIRS[b]
      ascii += b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.'
    }
    lines.push({ offset, hex, ascii })
  }
  return lines
}
