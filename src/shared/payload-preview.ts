/**
 * The inline preview of a payload: its first bytes as text when they are text, or null when the
 * payload is binary. `truncated` is true whenever the preview is not the whole payload.
 */
export interface PayloadPreview {
  preview: string | null
  truncated: boolean
}

const decoder = new TextDecoder('utf-8', { fatal: true })

export function payloadPreview(bytes: Uint8Array, maxBytes: number): PayloadPreview {
  const truncated = bytes.length > maxBytes
  let end = Math.min(bytes.length, maxBytes)
  // Do not cut a multi-byte character in half: back off to the start of the last one.
  if (truncated) {
    let i = end
    while (i > 0 && i > end - 4 && (bytes[i]! & 0xc0) === 0x80) i--
    end = i
  }
  let text: string
  try {
    text = decoder.decode(bytes.subarray(0, end))
  } catch {
    return { preview: null, truncated }
  }
  // Control characters other than tab and line breaks mean a binary format that happens to decode.
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(text)) return { preview: null, truncated }
  return { preview: text, truncated }
}
