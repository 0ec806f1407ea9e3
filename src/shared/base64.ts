/**
 * Base64 for Uint8Array that runs in Node and in the browser alike (btoa/atob work on binary
 * strings and choke on large inputs; Node's Buffer is not in the renderer).
 */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'
const DECODE = new Int16Array(128).fill(-1)
for (let i = 0; i < ALPHABET.length; i++) DECODE[ALPHABET.charCodeAt(i)] = i
DECODE['-'.charCodeAt(0)] = 62 // base64url
DECODE['_'.charCodeAt(0)] = 63

export function bytesToBase64(bytes: Uint8Array): string {
  const parts: string[] = []
  const CHUNK = 3 * 8192
  for (let start = 0; start < bytes.length; start += CHUNK) {
    const end = Math.min(bytes.length, start + CHUNK)
    let out = ''
    let i = start
    for (; i + 2 < end; i += 3) {
      const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!
      out += ALPHABET[n >> 18]! + ALPHABET[(n >> 12) & 63]! + ALPHABET[(n >> 6) & 63]! + ALPHABET[n & 63]!
    }
    if (end - i === 1) {
      const n = bytes[i]! << 16
      out += ALPHABET[n >> 18]! + ALPHABET[(n >> 12) & 63]! + '=='
    } else if (end - i === 2) {
      const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8)
      out += ALPHABET[n >> 18]! + ALPHABET[(n >> 12) & 63]! + ALPHABET[(n >> 6) & 63]! + '='
    }
    parts.push(out)
  }
  return parts.join('')
}

/** Decodes standard or URL-safe base64; white space is ignored; anything else is an error. */
export function base64ToBytes(text: string): Uint8Array {
  const clean = text.replace(/[\s]/g, '').replace(/=+$/, '')
  if (clean.length % 4 === 1) throw new Error('Invalid base64: wrong length')
  const out = new Uint8Array(Math.floor((clean.length * 3) / 4))
  let o = 0
  let acc = 0
  let bits = 0
  for (let i = 0; i < clean.length; i++) {
    const c = clean.charCodeAt(i)
    const v = c < 128 ? DECODE[c]! : -1
    if (v < 0) throw new Error(`Invalid base64: unexpected character at ${i}`)
    acc = (acc << 6) | v
    bits += 6
    if (bits >= 8) {
      bits -= 8
      out[o++] = (acc >> bits) & 0xff
    }
  }
  return out
}
