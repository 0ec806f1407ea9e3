/**
 * How much of a long text view is put into the page. Text layout is the slow part of showing a large
 * payload, so a view starts with the first SHOW_STEP units, and "Show more" multiplies that by four
 * (or "Show all" takes the rest) — always said on screen, never cut silently.
 */
export const SHOW_STEP = 512 * 1024

export interface TextWindow {
  text: string
  /** Units shown and in all (characters of text, or bytes of the payload for encodings of it). */
  shown: number
  total: number
}

export function nextLimit(limit: number): number {
  return limit * 4
}

/** The first `limit` characters of `text`, never splitting a surrogate pair. */
export function textWindow(text: string, limit: number): TextWindow {
  if (text.length <= limit) return { text, shown: text.length, total: text.length }
  let end = limit
  const last = text.charCodeAt(end - 1)
  if (last >= 0xd800 && last <= 0xdbff) end--
  return { text: text.slice(0, end), shown: end, total: text.length }
}

/** Bytes to encode for a window of `limit` bytes, cut at a multiple of `align` (3 for base64). */
export function bytesWindowEnd(size: number, limit: number, align = 1): number {
  if (size <= limit) return size
  return Math.max(align, Math.floor(limit / align) * align)
}

const lenientDecoder = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true })
// eslint-disable-next-line no-control-regex -- showing control characters is the point
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g

/**
 * Bytes that are not clean text, shown as text anyway (the Text view of a binary payload): invalid
 * sequences become U+FFFD and control characters their visible symbols (␀ for 0x00), so a sensor's
 * "T=21.4\0" reads as what it is. Tabs and line breaks stay.
 */
export function lenientText(bytes: Uint8Array): string {
  return lenientDecoder
    .decode(bytes)
    .replace(CONTROL, (c) => (c === '\u007f' ? '\u2421' : String.fromCharCode(0x2400 + c.charCodeAt(0))))
}
