import { describe, expect, it } from 'vitest'
import { comparableText, decodePayload, hexDump, SHOW_STEP, shownPart } from './payload-format'

const utf8 = (s: string) => new TextEncoder().encode(s)

describe('decodePayload', () => {
  it('pretty-prints JSON objects and arrays', () => {
    const p = decodePayload(utf8('{"temperature":21.4,"humidity":48}'))
    expect(p.kind).toBe('json')
    expect(p.text).toBe('{\n  "temperature": 21.4,\n  "humidity": 48\n}')
  })

  it('keeps plain numbers and broken JSON as text', () => {
    expect(decodePayload(utf8('21.4'))).toMatchObject({ kind: 'text', text: '21.4' })
    expect(decodePayload(utf8('{"not json'))).toMatchObject({ kind: 'text', text: '{"not json' })
    expect(decodePayload(utf8('温度 21°C'))).toMatchObject({ kind: 'text', text: '温度 21°C' })
  })

  it('calls invalid UTF-8 and control-heavy bytes binary, and nothing empty', () => {
    expect(decodePayload(new Uint8Array([0xff, 0xfe, 0x00])).kind).toBe('binary')
    expect(decodePayload(new Uint8Array([1, 2, 3, 4, 0, 0, 7])).kind).toBe('binary')
    expect(decodePayload(new Uint8Array()).kind).toBe('empty')
  })

  it('does not re-print JSON beyond the limit', () => {
    const big = utf8(`[${'1,'.repeat(2_100_000)}1]`)
    const p = decodePayload(big)
    expect(p.kind).toBe('text')
    expect(p.note).toMatch(/Too large/)
  })
})

describe('hexDump and shownPart', () => {
  it('dumps 16 bytes a line with offsets and ASCII', () => {
    const bytes = new Uint8Array(20).map((_, i) => (i === 0 ? 0x41 : i))
    expect(hexDump(bytes, 0, 20).split('\n')).toEqual([
      '00000000  41 01 02 03 04 05 06 07  08 09 0a 0b 0c 0d 0e 0f  |A...............|',
      '00000010  10 11 12 13                                       |....|',
    ])
  })

  it('shows only the first part of a large payload', () => {
    const text = 'x'.repeat(SHOW_STEP * 3)
    const part = shownPart({ kind: 'text', text, bytes: new Uint8Array(), note: null }, SHOW_STEP)
    expect(part).toMatchObject({ shown: SHOW_STEP, total: SHOW_STEP * 3 })
    expect(part.text).toHaveLength(SHOW_STEP)

    const bin = new Uint8Array(10 * 1024 * 1024)
    const t = performance.now()
    const binPart = shownPart({ kind: 'binary', text: '', bytes: bin, note: null }, SHOW_STEP)
    expect(binPart.text.split('\n')).toHaveLength(SHOW_STEP / 16)
    expect(binPart.total).toBe(bin.length)
    expect(performance.now() - t).toBeLessThan(2000)
  })

  it('compares binary as hex and cuts at the limit', () => {
    expect(comparableText(new Uint8Array([0xff, 0]), 100).text).toContain('ff 00')
    expect(comparableText(utf8('abcdef'), 3)).toEqual({ text: 'abc', cut: true })
  })
})
