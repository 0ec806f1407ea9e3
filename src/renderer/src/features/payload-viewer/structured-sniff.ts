import { decodeCbor, decodeMsgpack, type DecodeResult } from '../../../../shared/codecs/structured'

/** Larger binary payloads are not tried: a guess is not worth decoding megabytes on every message. */
export const SNIFF_MAX_BYTES = 64 * 1024

function isCollection(r: DecodeResult): boolean {
  if (!r.ok) return false
  const v = r.value
  if (Array.isArray(v)) return v.length > 0
  if (v instanceof Map) return v.size > 0
  return typeof v === 'object' && v !== null && !(v instanceof Uint8Array) && Object.keys(v).length > 0
}

/**
 * A hint for a binary payload: "looks like MessagePack" when the whole of it decodes to a non-empty
 * map or array (what devices send), CBOR likewise. Only a hint — a few random bytes can decode by
 * chance — so the viewer offers the view rather than switching to it.
 */
export function sniffStructured(bytes: Uint8Array): 'msgpack' | 'cbor' | null {
  if (bytes.length < 2 || bytes.length > SNIFF_MAX_BYTES) return null
  if (isCollection(decodeMsgpack(bytes))) return 'msgpack'
  if (isCollection(decodeCbor(bytes))) return 'cbor'
  return null
}
