import { describe, expect, it } from 'vitest'
import { numericFields, numericValue } from './numeric-values'

const b = (s: string) => new TextEncoder().encode(s)

describe('numeric values for the chart', () => {
  it('reads plain-number payloads', () => {
    expect(numericValue(b('21.4'), null)).toBe(21.4)
    expect(numericValue(b(' -3e2\n'), null)).toBe(-300)
    expect(numericValue(b('on'), null)).toBeNull()
    expect(numericValue(b(''), null)).toBeNull()
    expect(numericValue(new Uint8Array([0xff, 0x00]), null)).toBeNull()
  })
  it('reads a JSON field by dotted path, numeric strings included', () => {
    const p = b('{"temperature":22.5,"sensor":{"hum":"41.2"},"values":[1,2,3],"state":"ON"}')
    expect(numericValue(p, 'temperature')).toBe(22.5)
    expect(numericValue(p, 'sensor.hum')).toBe(41.2)
    expect(numericValue(p, 'values.1')).toBe(2)
    expect(numericValue(p, 'state')).toBeNull()
    expect(numericValue(p, 'missing.deep')).toBeNull()
    expect(numericValue(b('{broken'), 'x')).toBeNull()
  })
  it('lists numeric leaves', () => {
    expect(numericFields(b('{"a":1,"b":{"c":2.5,"d":"x"},"e":[3]}'))).toEqual(['a', 'b.c', 'e.0'])
    expect(numericFields(b('21.4'))).toEqual([])
  })
})
