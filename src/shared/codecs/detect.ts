/**
 * What a payload looks like, so the viewer can open it in the right mode: JSON when it is a JSON
 * object or array, a number, plain text, or bytes.
 */
import { checkJson } from './json-text'
import { decodeUtf8Strict } from './utf8'

export type PayloadKind = 'empty' | 'json' | 'number' | 'text' | 'binary'

export interface DetectedPayload {
  kind: PayloadKind
  /** The payload as text; null exactly when the kind is 'binary'. */
  text: string | null
}

// A JSON number, as sensors publish them ("21.5", "-3", "1e3"); no hex, no '+', no NaN.
const PLAIN_NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/
// Control characters other than tab and line breaks mean a binary format that happens to decode.
// eslint-disable-next-line no-control-regex
const CONTROL_CHARS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/

export function detectPayload(bytes: Uint8Array): DetectedPayload {
  if (bytes.length === 0) return { kind: 'empty', text: '' }
  const text = decodeUtf8Strict(bytes)
  if (text === null || CONTROL_CHARS.test(text)) return { kind: 'binary', text: null }
  const trimmed = text.trim()
  if (PLAIN_NUMBER.test(trimmed)) return { kind: 'number', text }
  const first = trimmed.charCodeAt(0)
  // Only containers count as JSON: "true" or "\"hi\"" are better shown as the text they are.
  if ((first === 0x7b || first === 0x5b) && checkJson(text).ok) return { kind: 'json', text }
  return { kind: 'text', text }
}
