import { bytesToBase64Text } from '../../../../shared/codecs/base64-text'
import type { PayloadKind } from '../../../../shared/codecs/detect'
import { formatJson, TOO_LARGE } from '../../../../shared/codecs/json-text'
import { bytesWindowEnd, lenientText, textWindow, type TextWindow } from './text-window'

/** Larger JSON is shown as it came: re-printing it would hold the window up for too long. */
export const PRETTY_JSON_MAX = 4 * 1024 * 1024

/**
 * What a text pane shows, built only as far as it is shown: a string (counted in characters), or an
 * encoding of the payload's first bytes (counted in payload bytes), so "Show more" on a 10 MB base64
 * view encodes 2 MB, not 10.
 */
export type TextSource =
  | { unit: 'characters'; text: string; note: string | null }
  | { unit: 'bytes'; size: number; align: number; render(end: number): string; note: string | null }

/** The Text view of a payload: pretty JSON, the text itself, or bytes shown as well as text can. */
export function payloadTextSource(kind: PayloadKind, text: string | null, bytes: Uint8Array): TextSource {
  if (text === null || kind === 'binary')
    return {
      unit: 'bytes',
      size: bytes.length,
      align: 1,
      render: (end) => lenientText(bytes.subarray(0, end)),
      note: 'Not UTF-8 text: invalid bytes show as \ufffd, control characters as symbols (\u2400 is 0x00)',
    }
  if (kind !== 'json') return { unit: 'characters', text, note: null }
  if (text.length > PRETTY_JSON_MAX)
    return { unit: 'characters', text, note: 'Too large to pretty-print: shown as received' }
  const pretty = formatJson(text)
  if (pretty.ok) return { unit: 'characters', text: pretty.text, note: null }
  // Valid JSON nested so deep that its formatted form would not fit: not "not valid".
  if (pretty.message.startsWith(TOO_LARGE))
    return { unit: 'characters', text, note: 'Too large to pretty-print: shown as received' }
  return {
    unit: 'characters',
    text,
    note: `Not valid JSON (${pretty.message}, line ${pretty.line}, column ${pretty.column}): shown as received`,
  }
}

export function base64Source(bytes: Uint8Array): TextSource {
  return {
    unit: 'bytes',
    size: bytes.length,
    align: 3,
    render: (end) => bytesToBase64Text(bytes.subarray(0, end)),
    note: null,
  }
}

/** The part of a source shown at `limit` units. */
export function windowOf(source: TextSource, limit: number): TextWindow {
  if (source.unit === 'characters') return textWindow(source.text, limit)
  const end = bytesWindowEnd(source.size, limit, source.align)
  return { text: source.render(end), shown: end, total: source.size }
}
