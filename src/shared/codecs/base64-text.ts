/**
 * Base64 as the payload editor shows and parses it: errors say what is wrong and where, in the text
 * as the user wrote it (white space and line breaks included).
 */
import { base64ToBytes, bytesToBase64 } from '../base64'
import { describeChar, isWhitespace } from './text-chars'

export type Base64ParseResult =
  { ok: true; bytes: Uint8Array } | { ok: false; error: string; offset?: number }

export function bytesToBase64Text(bytes: Uint8Array): string {
  return bytesToBase64(bytes)
}

function isBase64Char(code: number): boolean {
  return (
    (code >= 65 && code <= 90) || // A-Z
    (code >= 97 && code <= 122) || // a-z
    (code >= 48 && code <= 57) || // 0-9
    code === 43 || // + (standard)
    code === 47 || // /
    code === 45 || // - (URL-safe)
    code === 95 // _
  )
}

/**
 * Decodes standard or URL-safe base64 (even mixed), ignoring white space, with or without `=`
 * padding. Refuses characters outside both alphabets, text after the padding, too much padding, and
 * lengths no byte sequence encodes to (4k + 1 characters).
 */
export function base64TextToBytes(text: string): Base64ParseResult {
  let chars = 0
  let padding = 0
  let paddingStart = -1
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if (isWhitespace(code)) continue
    if (code === 61) {
      // '='
      if (paddingStart < 0) paddingStart = i
      padding++
      continue
    }
    if (!isBase64Char(code)) {
      return {
        ok: false,
        error: `Invalid base64 character ${describeChar(text, i)} at offset ${i}`,
        offset: i,
      }
    }
    if (paddingStart >= 0) {
      return {
        ok: false,
        error: `Unexpected ${describeChar(text, i)} at offset ${i} after the '=' padding at offset ${paddingStart}`,
        offset: i,
      }
    }
    chars++
  }
  if (chars % 4 === 1) {
    return {
      ok: false,
      error: `${chars} base64 characters cannot be decoded: no byte sequence encodes to 4·n + 1 characters (is one missing or extra?)`,
    }
  }
  if (padding > 0 && (chars % 4 === 0 || (chars % 4) + padding > 4)) {
    return {
      ok: false,
      error: `Too much '=' padding at offset ${paddingStart}: ${chars} characters take ${chars % 4 === 0 ? 'none' : 4 - (chars % 4)}`,
      offset: paddingStart,
    }
  }
  try {
    return { ok: true, bytes: base64ToBytes(text) }
  } catch (e) {
    // Not reached after the checks above; kept so a change in base64.ts cannot turn into a throw here.
    return { ok: false, error: e instanceof Error ? e.message : String(e) }
  }
}
