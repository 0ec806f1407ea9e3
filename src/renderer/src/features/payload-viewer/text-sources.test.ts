import { describe, expect, it } from 'vitest'
import { base64Source, payloadTextSource, PRETTY_JSON_MAX, windowOf } from './text-sources'

const utf8 = (s: string) => new TextEncoder().encode(s)

describe('text sources', () => {
  it('pretty-prints JSON without touching its numbers', () => {
    const text = '{"id":12345678901234567890,"t":21.40}'
    const s = payloadTextSource('json', text, utf8(text))
    expect(s).toMatchObject({ unit: 'characters', note: null })
    expect(windowOf(s, 1000).text).toBe('{\n  "id": 12345678901234567890,\n  "t": 21.40\n}')
  })

  it('shows JSON beyond the limit as received, and says so', () => {
    const text = `[${'1,'.repeat(PRETTY_JSON_MAX / 2)}1]`
    const s = payloadTextSource('json', text, new Uint8Array())
    expect(s.note).toMatch(/Too large to pretty-print/)
    expect(windowOf(s, 10).text).toBe('[1,1,1,1,1')
  })

  it('shows text as it is and bytes as well as text can', () => {
    expect(windowOf(payloadTextSource('text', 'hello', utf8('hello')), 100).text).toBe('hello')
    const bin = payloadTextSource('binary', null, Uint8Array.of(0x54, 0x3d, 0x00, 0xff))
    expect(bin).toMatchObject({ unit: 'bytes', note: expect.stringMatching(/Not UTF-8 text/) })
    expect(windowOf(bin, 100)).toEqual({ text: 'T=\u2400\ufffd', shown: 4, total: 4 })
  })

  it('windows bytes-based sources by payload bytes, whole base64 groups at a time', () => {
    const bytes = new Uint8Array(1000).fill(0x41)
    const w = windowOf(base64Source(bytes), 100)
    expect(w).toMatchObject({ shown: 99, total: 1000 })
    expect(w.text).toBe('QUFB'.repeat(33))
    expect(windowOf(base64Source(utf8('hi')), 100)).toEqual({ text: 'aGk=', shown: 2, total: 2 })
  })

  it('encodes only the shown part of a 10 MB payload', () => {
    const big = new Uint8Array(10 * 1024 * 1024)
    const t = performance.now()
    const w = windowOf(base64Source(big), 512 * 1024)
    const groups = Math.floor((512 * 1024) / 3)
    expect(w).toMatchObject({ shown: groups * 3, total: big.length })
    expect(w.text.length).toBe(groups * 4)
    expect(performance.now() - t).toBeLessThan(500)
  })
})
