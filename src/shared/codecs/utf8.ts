/**
 * Strict UTF-8. "Strict" because a payload that is not valid UTF-8 must be shown as bytes: decoding
 * it leniently would turn bad bytes into U+FFFD, and saving that text back would change the payload.
 */
// ignoreBOM: a leading U+FEFF is part of the payload and must survive a text round trip.
const strictDecoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })
const encoder = new TextEncoder()

/** The text of `bytes`, or null when they are not valid UTF-8. */
export function decodeUtf8Strict(bytes: Uint8Array): string | null {
  try {
    return strictDecoder.decode(bytes)
  } catch {
    return null
  }
}

export function encodeUtf8(text: string): Uint8Array {
  return encoder.encode(text)
}

/**
 * Offset of the first byte that starts an invalid UTF-8 sequence (overlong forms, surrogates, code
 * points above U+10FFFF, stray continuation bytes, sequences cut short), or -1 when all are valid.
 * The same rules as the WHATWG decoder that `decodeUtf8Strict` uses, so both agree.
 */
export function firstInvalidUtf8Offset(bytes: Uint8Array): number {
  const n = bytes.length
  let i = 0
  while (i < n) {
    const b = bytes[i]!
    if (b < 0x80) {
      i++
      continue
    }
    let need: number
    let lower = 0x80
    let upper = 0xbf
    if (b >= 0xc2 && b <= 0xdf) need = 1
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2
      if (b === 0xe0) lower = 0xa0 // overlong
      if (b === 0xed) upper = 0x9f // UTF-16 surrogates
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3
      if (b === 0xf0) lower = 0x90 // overlong
      if (b === 0xf4) upper = 0x8f // above U+10FFFF
    } else return i
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k]
      if (c === undefined || c < lower || c > upper) return i
      lower = 0x80
      upper = 0xbf
    }
    i += need + 1
  }
  return -1
}
