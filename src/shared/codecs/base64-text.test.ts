import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { base64TextToBytes, bytesToBase64Text } from './base64-text'

function parse(text: string): Uint8Array {
  const r = base64TextToBytes(text)
  if (!r.ok) throw new Error(r.error)
  return r.bytes
}

describe('base64 text', () => {
  it('encodes standard base64 with padding', () => {
    expect(bytesToBase64Text(new TextEncoder().encode('Man'))).toBe('TWFu')
    expect(bytesToBase64Text(new TextEncoder().encode('Ma'))).toBe('TWE=')
    expect(bytesToBase64Text(Uint8Array.of(0xfb, 0xff))).toBe('+/8=')
    expect(bytesToBase64Text(new Uint8Array())).toBe('')
  })

  it('round-trips random bytes both ways, empty and 1-byte included', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const text = bytesToBase64Text(bytes)
        expect(parse(text)).toEqual(bytes)
        expect(bytesToBase64Text(parse(text))).toBe(text)
        // URL-safe, unpadded, wrapped at 76 columns: the same bytes
        const urlSafe = text.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
        expect(parse(urlSafe)).toEqual(bytes)
        expect(parse(text.replace(/.{1,76}/g, '$&\r\n'))).toEqual(bytes)
      }),
    )
    expect(parse('')).toEqual(new Uint8Array())
    expect(parse('/w==')).toEqual(Uint8Array.of(255))
    expect(parse('/w')).toEqual(Uint8Array.of(255))
  })

  it('round-trips 10 MB', { timeout: 30_000 }, () => {
    const bytes = new Uint8Array(10 * 1024 * 1024)
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 2654435761) >>> 24
    const back = parse(bytesToBase64Text(bytes))
    expect(back.length).toBe(bytes.length)
    let same = true
    for (let i = 0; i < bytes.length && same; i++) same = back[i] === bytes[i]
    expect(same).toBe(true)
  })

  const bad: [string, string, string, number | undefined][] = [
    ['an invalid character', 'TWF*dQ==', "Invalid base64 character '*' at offset 3", 3],
    ['a non-ASCII character', 'TW\u00e9u', 'Invalid base64 character U+00E9 at offset 2', 2],
    ['text after the padding', 'TQ==TQ==', "Unexpected 'T' at offset 4 after the '=' padding at offset 2", 4],
    ['padding on a full group', 'TWFu=', "Too much '=' padding at offset 4", 4],
    ['three padding characters', 'TQ===', "Too much '=' padding at offset 2", 2],
    ['an impossible length', 'TWFuT', '5 base64 characters cannot be decoded', undefined],
  ]
  it.each(bad)('refuses %s', (_name, text, message, offset) => {
    const r = base64TextToBytes(text)
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(r.error).toContain(message)
    expect(r.offset).toBe(offset)
  })

  it('counts offsets in the text as written, white space included', () => {
    const r = base64TextToBytes('TWFu\n  TW!u')
    expect(r).toMatchObject({ ok: false, offset: 9 })
  })
})
