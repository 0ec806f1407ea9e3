import { describe, expect, it } from 'vitest'
import { comparableText, decodeText, hexDumpText } from './payload-format'

const utf8 = (s: string) => new TextEncoder().encode(s)

describe('decodeText', () => {
  it('decodes UTF-8 text and refuses bytes that are not text', () => {
    expect(decodeText(utf8('温度 21°C'))).toBe('温度 21°C')
    expect(decodeText(new Uint8Array())).toBe('')
    expect(decodeText(new Uint8Array([0xff, 0xfe, 0x00]))).toBeNull()
    expect(decodeText(new Uint8Array([0x41, 0x00, 0x42]))).toBeNull()
  })
})

describe('comparableText', () => {
  it('pretty-prints JSON, keeping numbers as written', () => {
    expect(comparableText(utf8('{"t":21.40,"id":12345678901234567890}'), 1000)).toEqual({
      text: '{\n  "t": 21.40,\n  "id": 12345678901234567890\n}',
      cut: false,
    })
  })

  it('compares binary as hex and cuts at the limit', () => {
    expect(comparableText(new Uint8Array([0xff, 0]), 100).text).toContain('ff 00')
    expect(comparableText(utf8('abcdef'), 3)).toEqual({ text: 'abc', cut: true })
  })

  it('dumps bytes like hexdump -C', () => {
    const bytes = new Uint8Array(20).map((_, i) => (i === 0 ? 0x41 : i))
    expect(hexDumpText(bytes).split('\n')).toEqual([
      '00000000  41 01 02 03 04 05 06 07  08 09 0a 0b 0c 0d 0e 0f  |A...............|',
      '00000010  10 11 12 13                                       |....|',
    ])
  })
})
