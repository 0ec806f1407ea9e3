import { describe, expect, it } from 'vitest'
import { containsText, recordFilter, type FilterableRecord } from './kafka-record-filter'

const enc = (s: string) => new TextEncoder().encode(s)
const record = (
  r: Partial<{
    key: string | Uint8Array | null
    headers: [string, string | Uint8Array][]
    value: string | Uint8Array | null
  }>,
): FilterableRecord => ({
  key: typeof r.key === 'string' ? enc(r.key) : (r.key ?? null),
  headers: (r.headers ?? []).map(([n, v]) => [n, typeof v === 'string' ? enc(v) : v]),
  value: typeof r.value === 'string' ? enc(r.value) : (r.value ?? null),
})
const BINARY = Uint8Array.from([0xff, 0xfe, 0x6f, 0x72, 0x64, 0x65, 0x72])

describe('recordFilter', () => {
  it('is null without conditions (empty strings are none)', () => {
    expect(recordFilter({ key: null, header: null, text: null })).toBeNull()
    expect(recordFilter({ key: '', header: '', text: '' })).toBeNull()
  })

  it('matches a substring of the key as UTF-8; binary and missing keys never match', () => {
    const f = recordFilter({ key: 'order', header: null, text: null })!
    expect(f(record({ key: 'customer-order-17' }))).toBe(true)
    expect(f(record({ key: 'Order' }))).toBe(false)
    expect(f(record({ key: null }))).toBe(false)
    expect(f(record({ key: BINARY }))).toBe(false)
  })

  it('matches a header by name, or name=value substring, among repeats', () => {
    const byName = recordFilter({ key: null, header: 'trace', text: null })!
    const byValue = recordFilter({ key: null, header: 'trace=b-2', text: null })!
    const r = record({
      headers: [
        ['span', 'x'],
        ['trace', 'a-1'],
        ['trace', 'b-22'],
      ],
    })
    expect(byName(r)).toBe(true)
    expect(byValue(r)).toBe(true)
    expect(
      byValue(
        record({
          headers: [
            ['trace', 'a-1'],
            ['span', 'b-2'],
          ],
        }),
      ),
    ).toBe(false)
    expect(byName(record({ headers: [['traceparent', 'x']] }))).toBe(false)
    // An `=` after the first belongs to the value.
    expect(
      recordFilter({ key: null, header: 'q=a=b', text: null })!(record({ headers: [['q', 'xa=by']] })),
    ).toBe(true)
    // Empty value part: the header must be there with a text value.
    expect(recordFilter({ key: null, header: 'q=', text: null })!(record({ headers: [['q', '']] }))).toBe(
      true,
    )
    expect(recordFilter({ key: null, header: 'q=', text: null })!(record({ headers: [['q', BINARY]] }))).toBe(
      false,
    )
  })

  it('matches text in the value, multi-byte text included; binary values never match', () => {
    const f = recordFilter({ key: null, header: null, text: 'Grüße' })!
    expect(f(record({ value: '{"msg":"Grüße aus Köln"}' }))).toBe(true)
    expect(f(record({ value: 'Gruesse' }))).toBe(false)
    expect(f(record({ value: null }))).toBe(false)
    expect(recordFilter({ key: null, header: null, text: 'order' })!(record({ value: BINARY }))).toBe(false)
  })

  it('needs every condition given', () => {
    const f = recordFilter({ key: 'k', header: 'h', text: 't' })!
    expect(f(record({ key: 'k', headers: [['h', '']], value: 't' }))).toBe(true)
    expect(f(record({ key: 'k', headers: [['h', '']], value: 'x' }))).toBe(false)
    expect(f(record({ key: 'x', headers: [['h', '']], value: 't' }))).toBe(false)
    expect(f(record({ key: 'k', headers: [], value: 't' }))).toBe(false)
  })
})

describe('containsText', () => {
  it('looks at the view, not the whole buffer under it', () => {
    const whole = enc('needle|haystack')
    expect(containsText(whole.subarray(7), enc('needle'))).toBe(false)
    expect(containsText(whole.subarray(0, 6), enc('needle'))).toBe(true)
  })
})
