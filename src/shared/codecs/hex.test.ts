import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { bytesToHex, hexDumpLines, hexLineCount, hexLineWidth, hexToBytes } from './hex'

/** Byte equality without vitest's element-by-element diffing, which takes minutes on megabytes. */
function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false
  return true
}

function parse(text: string): Uint8Array {
  const r = hexToBytes(text)
  if (!r.ok) throw new Error(r.error)
  return r.bytes
}

describe('bytesToHex / hexToBytes', () => {
  it('renders lowercase pairs with a separator of choice', () => {
    const bytes = Uint8Array.of(0x00, 0x0f, 0xab, 0xff)
    expect(bytesToHex(bytes)).toBe('00 0f ab ff')
    expect(bytesToHex(bytes, { separator: '' })).toBe('000fabff')
    expect(bytesToHex(bytes, { separator: ':' })).toBe('00:0f:ab:ff')
    expect(bytesToHex(new Uint8Array())).toBe('')
    expect(bytesToHex(Uint8Array.of(7))).toBe('07')
  })

  it('round-trips random bytes both ways, empty and 1-byte included', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.constantFrom(' ', '', '\n', '  \t'), (bytes, sep) => {
        expect(parse(bytesToHex(bytes, { separator: sep }))).toEqual(bytes)
      }),
    )
    expect(parse('')).toEqual(new Uint8Array())
    expect(parse('ff')).toEqual(Uint8Array.of(255))
    // text → bytes → text is the canonical form of the text
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 255 }), { maxLength: 50 }), (values) => {
        const text = values.map((v) => v.toString(16).padStart(2, '0').toUpperCase()).join('\n')
        expect(bytesToHex(parse(text), { separator: '\n' })).toBe(text.toLowerCase())
      }),
    )
  })

  it('carries chunk boundaries correctly on large inputs', () => {
    const bytes = new Uint8Array(200_003).map((_, i) => (i * 7) & 0xff)
    const hex = bytesToHex(bytes)
    expect(hex.length).toBe(bytes.length * 3 - 1)
    expect(hex.slice(65536 * 3 - 6, 65536 * 3 + 5)).toBe(
      [65534, 65535, 65536, 65537].map((i) => ((i * 7) & 0xff).toString(16).padStart(2, '0')).join(' '),
    )
    expect(sameBytes(parse(hex), bytes)).toBe(true)
  })

  it('accepts any white space, 0x prefixes and either case', () => {
    expect(parse('0x12 0X34\t0xAb\r\n cd\u00a0EF')).toEqual(Uint8Array.of(0x12, 0x34, 0xab, 0xcd, 0xef))
    expect(parse('0xdeadbeef')).toEqual(Uint8Array.of(0xde, 0xad, 0xbe, 0xef))
    expect(parse('  \n ')).toEqual(new Uint8Array())
    expect(parse('00')).toEqual(Uint8Array.of(0))
  })

  const bad: [string, string, number, string][] = [
    ['invalid character', '12 3g', 4, "Invalid hex character 'g' at offset 4"],
    ['comma', '12,34', 2, "Invalid hex character ',' at offset 2"],
    ['non-ASCII character', 'ab é', 3, 'Invalid hex character U+00E9 at offset 3'],
    ['odd digits', 'abc', 0, 'Odd number of hex digits in "abc" at offset 0'],
    ['lone digit between bytes', '12 3 45', 3, 'Odd number of hex digits in "3" at offset 3'],
    ['odd digits after 0x', '0x123', 2, 'Odd number of hex digits in "123" at offset 2'],
    ['0x with nothing after it', '12 0x', 3, "Expected hex digits after '0x' at offset 3"],
    ['0x followed by a non-digit', '0xzz', 2, "Expected hex digits after '0x', found 'z' at offset 2"],
  ]
  it.each(bad)('refuses %s with the offset', (_name, text, offset, message) => {
    const r = hexToBytes(text)
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(r.offset).toBe(offset)
    expect(r.error).toContain(message)
  })

  it('handles 10 MB in linear time', { timeout: 30_000 }, () => {
    const bytes = new Uint8Array(10 * 1024 * 1024)
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 2654435761) >>> 24
    const t0 = performance.now()
    const hex = bytesToHex(bytes)
    const back = parse(hex)
    const elapsed = performance.now() - t0
    expect(hex.length).toBe(bytes.length * 3 - 1)
    expect(sameBytes(back, bytes)).toBe(true)
    // A sanity bound, loose enough for a busy CI machine (about 0.5 s on a laptop).
    expect(elapsed).toBeLessThan(8000)
  })
})

describe('hexDumpLines', () => {
  const bytes = Uint8Array.from({ length: 40 }, (_, i) => i * 3) // 0, 3, 6, … 117

  it('renders offset, grouped hex and an ASCII column', () => {
    const text = new TextEncoder().encode('Hello, world!\n\u0000\u00ff')
    const [line] = hexDumpLines(text, 0, 1)
    expect(line).toEqual({
      offset: 0,
      hex: '48 65 6c 6c 6f 2c 20 77  6f 72 6c 64 21 0a 00 c3',
      ascii: 'Hello, world!...',
    })
    expect(line!.hex.length).toBe(hexLineWidth())
  })

  it('returns only the lines asked for, and a short last line', () => {
    const lines = hexDumpLines(bytes, 1, 5)
    expect(lines.map((l) => l.offset)).toEqual([16, 32])
    expect(lines[1]!.hex).toBe('60 63 66 69 6c 6f 72 75')
    expect(lines[1]!.ascii).toBe('`cfiloru')
    expect(hexDumpLines(bytes, 3, 2)).toEqual([])
    expect(hexDumpLines(bytes, -2, 1)[0]!.offset).toBe(0)
    expect(hexDumpLines(new Uint8Array(), 0, 10)).toEqual([])
    expect(hexLineCount(40)).toBe(3)
    expect(hexLineCount(0)).toBe(0)
  })

  it('supports other line widths, with the extra space after every 8 bytes', () => {
    const [line] = hexDumpLines(bytes, 0, 1, 20)
    expect(line!.hex).toBe('00 03 06 09 0c 0f 12 15  18 1b 1e 21 24 27 2a 2d  30 33 36 39')
    expect(line!.hex.length).toBe(hexLineWidth(20))
    expect(hexDumpLines(bytes, 1, 1, 20)[0]!.offset).toBe(20)
  })

  it('costs what it shows, not the payload size', () => {
    const big = new Uint8Array(10 * 1024 * 1024)
    const t0 = performance.now()
    for (let i = 0; i < 1000; i++) hexDumpLines(big, (i * 6151) % 600_000, 40)
    expect(performance.now() - t0).toBeLessThan(2000)
    const last = hexDumpLines(big, hexLineCount(big.length) - 1, 10)
    expect(last).toHaveLength(1)
    expect(last[0]!.offset).toBe(big.length - 16)
  })
})
