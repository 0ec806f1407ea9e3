import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { decodeUtf8Strict, encodeUtf8, firstInvalidUtf8Offset } from './utf8'

describe('utf8', () => {
  it('round-trips any string without lone surrogates', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (s) => {
        expect(decodeUtf8Strict(encodeUtf8(s))).toBe(s)
      }),
    )
  })

  it('keeps a leading byte order mark as part of the text', () => {
    expect(decodeUtf8Strict(Uint8Array.of(0xef, 0xbb, 0xbf, 0x41))).toBe('\ufeffA')
  })

  it('returns null for invalid UTF-8 instead of replacement characters', () => {
    expect(decodeUtf8Strict(Uint8Array.of(0x41, 0xff))).toBeNull()
    expect(decodeUtf8Strict(Uint8Array.of(0xc3))).toBeNull() // cut short
    expect(decodeUtf8Strict(Uint8Array.of(0xed, 0xa0, 0x80))).toBeNull() // surrogate
    expect(decodeUtf8Strict(new Uint8Array())).toBe('')
  })

  const invalid: [string, number[], number][] = [
    ['stray continuation byte', [0x41, 0x80], 1],
    ['0xff', [0x41, 0x42, 0x43, 0xff], 3],
    ['overlong 2-byte form', [0xc0, 0xaf], 0],
    ['overlong 3-byte form', [0x41, 0xe0, 0x80, 0xaf], 1],
    ['UTF-16 surrogate', [0xed, 0xa0, 0x80], 0],
    ['above U+10FFFF', [0xf4, 0x90, 0x80, 0x80], 0],
    ['sequence cut short at the end', [0x61, 0xe2, 0x82], 1],
    ['sequence interrupted by ASCII', [0xe2, 0x41, 0x41], 0],
  ]
  it.each(invalid)('firstInvalidUtf8Offset: %s', (_name, bytes, offset) => {
    const u8 = Uint8Array.from(bytes)
    expect(decodeUtf8Strict(u8)).toBeNull()
    expect(firstInvalidUtf8Offset(u8)).toBe(offset)
  })

  it('firstInvalidUtf8Offset agrees with the strict decoder on random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 12 }), (bytes) => {
        expect(firstInvalidUtf8Offset(bytes) === -1).toBe(decodeUtf8Strict(bytes) !== null)
      }),
      { numRuns: 2000 },
    )
    expect(firstInvalidUtf8Offset(encodeUtf8('héllo wörld € 𝄞'))).toBe(-1)
  })
})
