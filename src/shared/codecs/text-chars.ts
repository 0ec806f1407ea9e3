/** Character helpers shared by the codecs' text parsers (hex, base64, JSON). */

/** How the character at `offset` shows in an error message: itself when printable ASCII, else U+XXXX. */
export function describeChar(text: string, offset: number): string {
  const code = text.codePointAt(offset) ?? 0
  if (code > 0x20 && code < 0x7f) return `'${String.fromCharCode(code)}'`
  return `U+${code.toString(16).toUpperCase().padStart(4, '0')}`
}

/** JavaScript's `\s` for one UTF-16 code unit, with a fast path for ASCII. */
export function isWhitespace(code: number): boolean {
  if (code === 32 || (code >= 9 && code <= 13)) return true
  return code > 127 && /\s/.test(String.fromCharCode(code))
}
