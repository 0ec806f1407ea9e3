import { detectPayload } from '../../../../shared/codecs/detect'
import { hexDumpLines, hexLineCount, hexLineWidth } from '../../../../shared/codecs/hex'
import { formatJson } from '../../../../shared/codecs/json-text'
import { formatOffset } from '../payload-viewer/hex-offset'
import { PRETTY_JSON_MAX } from '../payload-viewer/text-sources'

/**
 * Payload bytes as text for the places that are not the payload viewer (the diff, the saved-payload
 * editor). The same detection as the viewer (shared/codecs/detect.ts), which follows the core's
 * preview rule, so the tree, the viewer and the diff never disagree on what is binary.
 */

/** The text of a payload, or null when it is not UTF-8 or holds control characters other than tab and line breaks. */
export function decodeText(bytes: Uint8Array): string | null {
  return detectPayload(bytes).text
}

/** `00000010  41 42 …  |AB…|` lines, as `hexdump -C` prints them. */
export function hexDumpText(bytes: Uint8Array): string {
  return hexDumpLines(bytes, 0, hexLineCount(bytes.length))
    .map((l) => `${formatOffset(l.offset)}  ${l.hex.padEnd(hexLineWidth())}  |${l.ascii}|`)
    .join('\n')
}

/** Pretty JSON or text for comparing two payloads; binary compares as its hex dump. */
export function comparableText(bytes: Uint8Array, maxBytes: number): { text: string; cut: boolean } {
  const cut = bytes.length > maxBytes
  const part = cut ? bytes.subarray(0, maxBytes) : bytes
  const detected = detectPayload(part)
  if (detected.text === null) return { text: hexDumpText(part), cut }
  if (detected.kind === 'json' && part.length <= PRETTY_JSON_MAX) {
    const pretty = formatJson(detected.text)
    if (pretty.ok) return { text: pretty.text, cut }
  }
  return { text: detected.text, cut }
}
