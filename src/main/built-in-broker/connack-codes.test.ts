import { describe, expect, it } from 'vitest'
import { connackCode, connackLabel, connackMeaning } from './connack-codes'

describe('CONNACK codes', () => {
  it('reads the code from either field, as aedes fills one per protocol version', () => {
    expect(connackCode({ returnCode: 4 })).toBe(4)
    expect(connackCode({ reasonCode: 0x86 })).toBe(0x86)
    expect(connackCode({})).toBe(0)
  })
  it('gives the specification’s words for 3.1.1 return codes and MQTT 5 reason codes', () => {
    expect(connackMeaning(4, 4)).toBe('bad user name or password')
    expect(connackMeaning(5, 3)).toBe('not authorized')
    expect(connackMeaning(0x86, 5)).toBe('bad user name or password')
    expect(connackMeaning(0x85, 5)).toBe('client identifier not valid')
    expect(connackMeaning(77, 4)).toBe('refused (code 77)')
  })
  it('writes the code as each version does', () => {
    expect(connackLabel(4, 4)).toBe('CONNACK 4')
    expect(connackLabel(0x87, 5)).toBe('CONNACK 0x87')
  })
})
