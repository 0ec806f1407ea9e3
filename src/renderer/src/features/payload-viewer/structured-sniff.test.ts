import { encode as cborEncode } from 'cborg'
import { encode as msgpackEncode } from '@msgpack/msgpack'
import { describe, expect, it } from 'vitest'
import { sniffStructured, SNIFF_MAX_BYTES } from './structured-sniff'

describe('sniffStructured', () => {
  it('recognises a MessagePack map and a CBOR map', () => {
    expect(sniffStructured(msgpackEncode({ temperature: 21.5, humidity: 40 }))).toBe('msgpack')
    // CBOR's map header 0xa2 is a MessagePack fixstr: the text decodes, then bytes are left over
    expect(sniffStructured(cborEncode({ temperature: 21.5, humidity: 40 }))).toBe('cbor')
  })

  it('says nothing of random bytes, scalars, a JPEG header or what is too large to try', () => {
    expect(sniffStructured(Uint8Array.of(0xff, 0xd8, 0xff, 0xe0, 0, 16))).toBeNull()
    expect(sniffStructured(msgpackEncode(42))).toBeNull()
    expect(sniffStructured(msgpackEncode({}))).toBeNull()
    expect(sniffStructured(Uint8Array.of(7))).toBeNull()
    const big = msgpackEncode({ blob: new Uint8Array(SNIFF_MAX_BYTES) })
    expect(sniffStructured(big)).toBeNull()
  })
})
