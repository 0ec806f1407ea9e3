/**
 * The payload editor's modes and the conversions between them. A conversion keeps the bytes (the one
 * deliberate change: JSON mode pretty-prints valid JSON, which only touches white space between
 * tokens). When bytes cannot be shown in the target mode (invalid UTF-8 as text) the conversion is
 * refused with the reason, instead of showing replacement characters that would then be saved back.
 */
import { base64TextToBytes, bytesToBase64Text } from './base64-text'
import { bytesToHex, hexToBytes } from './hex'
import { formatJson } from './json-text'
import { decodeUtf8Strict, encodeUtf8, firstInvalidUtf8Offset } from './utf8'

export type EditorMode = 'json' | 'text' | 'hex' | 'base64'

export type BytesResult = { ok: true; bytes: Uint8Array } | { ok: false; error: string }
export type ContentResult = { ok: true; text: string } | { ok: false; error: string }

const MODE_NAMES: Record<EditorMode, string> = { json: 'JSON', text: 'text', hex: 'hex', base64: 'base64' }
const HEX_BYTES_PER_LINE = 16

/** The bytes the editor's text stands for. JSON need not be valid: the editor marks errors itself. */
export function contentToBytes(mode: EditorMode, text: string): BytesResult {
  switch (mode) {
    case 'json':
    case 'text':
      return { ok: true, bytes: encodeUtf8(text) }
    case 'hex': {
      const parsed = hexToBytes(text)
      return parsed.ok ? parsed : { ok: false, error: parsed.error }
    }
    case 'base64': {
      const parsed = base64TextToBytes(text)
      return parsed.ok ? parsed : { ok: false, error: parsed.error }
    }
  }
}

/** Hex with 16 bytes to a line, so the editor's lines match a hex dump's. */
function hexLines(bytes: Uint8Array): string {
  const lines: string[] = []
  for (let start = 0; start < bytes.length; start += HEX_BYTES_PER_LINE) {
    lines.push(bytesToHex(bytes.subarray(start, start + HEX_BYTES_PER_LINE)))
  }
  return lines.join('\n')
}

/** The editor text for `bytes` in `mode`; JSON is pretty-printed when it is valid JSON. */
export function bytesToContent(mode: EditorMode, bytes: Uint8Array): ContentResult {
  switch (mode) {
    case 'json':
    case 'text': {
      const text = decodeUtf8Strict(bytes)
      if (text === null) {
        const n = bytes.length
        const bad = firstInvalidUtf8Offset(bytes)
        const what = n === 1 ? 'This byte is' : `These ${n} bytes are`
        return {
          ok: false,
          error: `${what} not valid UTF-8 (first bad byte at offset ${bad}): switching to ${MODE_NAMES[mode]} would change them`,
        }
      }
      if (mode === 'text') return { ok: true, text }
      const formatted = formatJson(text)
      return { ok: true, text: formatted.ok ? formatted.text : text }
    }
    case 'hex':
      return { ok: true, text: hexLines(bytes) }
    case 'base64':
      return { ok: true, text: bytesToBase64Text(bytes) }
  }
}

/** Converts the editor's text from one mode to another, through the bytes it stands for. */
export function convertContent(from: EditorMode, to: EditorMode, text: string): ContentResult {
  const bytes = contentToBytes(from, text)
  return bytes.ok ? bytesToContent(to, bytes.bytes) : bytes
}
