import { bytesToContent, contentToBytes } from '../../../../shared/codecs/editor-modes'

/** A short binary field (MQTT correlation data, a Kafka key) typed as text or as hex. */
export type BytesFieldMode = 'text' | 'hex'

export function fieldBytes(
  mode: BytesFieldMode,
  text: string,
): { ok: true; bytes: Uint8Array } | { ok: false; error: string } {
  const r = contentToBytes(mode, text)
  return r.ok ? { ok: true, bytes: r.bytes } : { ok: false, error: r.error }
}

/** Bytes back into the field: as text when they are UTF-8 text, else as hex. */
export function fieldOf(bytes: Uint8Array): { mode: BytesFieldMode; text: string } {
  const asText = bytesToContent('text', bytes)
  if (asText.ok) return { mode: 'text', text: asText.text }
  const asHex = bytesToContent('hex', bytes)
  return { mode: 'hex', text: asHex.ok ? asHex.text : '' }
}
