import { encode as msgpackEncode, ExtData } from '@msgpack/msgpack'
import { encode as cborEncodeRaw } from 'cborg'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  CborTag,
  decodeCbor,
  decodeMsgpack,
  encodeCbor,
  encodeMsgpack,
  renderJson,
  type DecodeResult,
} from './structured'

function ok(r: DecodeResult): { value: unknown; json: string } {
  if (!r.ok) throw new Error(r.error)
  return r
}

const hex = (s: string) => Uint8Array.from(s.match(/../g) ?? [], (h) => parseInt(h, 16))

/** A nested value with everything JSON lacks: bytes, big integers, a Map with non-string keys. */
function sample() {
  return {
    name: 'sensor',
    bytes: Uint8Array.of(0, 1, 254, 255),
    big: 18446744073709551615n,
    negBig: -9223372036854775808n,
    small: -42,
    float: 21.5,
    nested: { list: [1, 'two', null, true, { deep: Uint8Array.of(9) }] },
    byId: new Map<unknown, unknown>([
      [1, 'one'],
      ['k', [false]],
    ]),
  }
}

const sampleJson = {
  name: 'sensor',
  bytes: { $bytes: 'AAH+/w==' },
  big: '18446744073709551615',
  negBig: '-9223372036854775808',
  small: -42,
  float: 21.5,
  nested: { list: [1, 'two', null, true, { deep: { $bytes: 'CQ==' } }] },
  byId: [
    [1, 'one'],
    ['k', [false]],
  ],
}

/** Values both formats hold exactly: JSON-ish data plus bytes and big integers. */
const structuredValue = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.string(),
    fc.integer(),
    fc.double({ noNaN: true, noDefaultInfinity: true }).filter((d) => !Object.is(d, -0)),
    fc.boolean(),
    fc.constant(null),
    fc.uint8Array({ maxLength: 20 }),
    fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }).filter((b) => b > 2n ** 53n || b < -(2n ** 53n)),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(
      fc.string().filter((k) => k !== '__proto__'),
      tie('value'),
      { maxKeys: 4 },
    ),
  ),
})).value

describe('MessagePack', () => {
  it('round-trips nested values with binary, bigint and maps with non-string keys', () => {
    const r = ok(decodeMsgpack(encodeMsgpack(sample())))
    expect(r.value).toEqual(sample())
    expect(JSON.parse(r.json)).toEqual(sampleJson)
    expect(r.json).toBe(JSON.stringify(sampleJson, null, 2))
  })

  it('round-trips generated values', () => {
    fc.assert(
      fc.property(structuredValue, (value) => {
        expect(ok(decodeMsgpack(encodeMsgpack(value))).value).toEqual(value)
      }),
    )
  })

  it('keeps map order and key types (integer-like string keys stay strings, in place)', () => {
    // {"b": 1, "2": 2, 3: 3} written by hand: fixmap of 3
    const bytes = hex('83' + 'a162' + '01' + 'a132' + '02' + '03' + '03')
    const r = ok(decodeMsgpack(bytes))
    expect(r.value).toEqual(
      new Map<unknown, unknown>([
        ['b', 1],
        ['2', 2],
        [3, 3],
      ]),
    )
    expect(JSON.parse(r.json)).toEqual([
      ['b', 1],
      ['2', 2],
      [3, 3],
    ])
    const strings = ok(decodeMsgpack(hex('82' + 'a162' + '01' + 'a132' + '02')))
    // The JSON shows the wire order; a JS object (the value) cannot keep "2" after "b".
    expect(strings.json).toBe('{\n  "b": 1,\n  "2": 2\n}')
    expect(strings.value).toEqual({ b: 1, '2': 2 })
  })

  it('renders map keys that are arrays, and small int64 values as numbers', () => {
    // {[1, 2]: "pair"} and an int64 holding 5
    const r = ok(decodeMsgpack(hex('81' + '920102' + 'a470616972')))
    expect(JSON.parse(r.json)).toEqual([[[1, 2], 'pair']])
    expect(ok(decodeMsgpack(hex('d30000000000000005'))).value).toBe(5)
  })

  it('renders extension types, timestamps and undefined-free JSON', () => {
    const r = ok(
      decodeMsgpack(msgpackEncode([new ExtData(5, Uint8Array.of(1, 2)), new Date(1_700_000_000_123)])),
    )
    expect(JSON.parse(r.json)).toEqual([{ $ext: 5, $bytes: 'AQI=' }, '2023-11-14T22:13:20.123Z'])
  })

  it('refuses a truncated payload with the library message', () => {
    const bytes = encodeMsgpack(sample())
    for (const cut of [1, 5, bytes.length - 1]) {
      const r = decodeMsgpack(bytes.subarray(0, cut))
      expect(r.ok).toBe(false)
      if (!r.ok) expect(r.error).toMatch(/^Insufficient data: the payload ends inside an item/)
    }
  })

  it('refuses trailing bytes, an empty payload and invalid type bytes', () => {
    expect(decodeMsgpack(Uint8Array.of(0x01, 0x02, 0x03))).toEqual({
      ok: false,
      error: '2 bytes left after the first item',
    })
    expect(decodeMsgpack(Uint8Array.of(0xc0, 0xc0))).toEqual({
      ok: false,
      error: '1 byte left after the first item',
    })
    expect(decodeMsgpack(new Uint8Array())).toMatchObject({ ok: false })
    expect(decodeMsgpack(Uint8Array.of(0xc1))).toEqual({ ok: false, error: 'Unrecognized type byte: 0xc1' })
  })

  it('never throws on random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), (bytes) => {
        const r = decodeMsgpack(bytes)
        expect(typeof r.ok).toBe('boolean')
        if (!r.ok) expect(r.error.length).toBeGreaterThan(0)
      }),
      { numRuns: 3000 },
    )
  })
})

describe('CBOR', () => {
  it('round-trips nested values with binary, bigint and maps with non-string keys', () => {
    const r = ok(decodeCbor(encodeCbor(sample())))
    expect(r.value).toEqual(sample())
    expect(r.json).toBe(JSON.stringify(sampleJson, null, 2))
  })

  it('round-trips generated values', () => {
    fc.assert(
      fc.property(structuredValue, (value) => {
        expect(ok(decodeCbor(encodeCbor(value))).value).toEqual(value)
      }),
    )
  })

  it('keeps the order of map keys as written (no canonical sorting)', () => {
    const bytes = encodeCbor({ zeta: 1, a: 2, mid: 3 })
    expect(ok(decodeCbor(bytes)).json).toBe('{\n  "zeta": 1,\n  "a": 2,\n  "mid": 3\n}')
  })

  it('decodes dates and bignums, and keeps unknown tags instead of throwing', () => {
    // tag 0 "2013-03-21T20:04:00Z", tag 1 1363896240, tag 2 bignum 2^64, tag 99 "x", tag 55799 (self-describe) 1
    const bytes = hex(
      '85' +
        'c074323031332d30332d32315432303a30343a30305a' +
        'c11a514b67b0' +
        'c249010000000000000000' +
        'd86361' +
        '78' +
        'd9d9f701',
    )
    const r = ok(decodeCbor(bytes))
    expect(r.value).toEqual([
      new Date('2013-03-21T20:04:00Z'),
      new Date(1363896240 * 1000),
      2n ** 64n,
      new CborTag(99, 'x'),
      1,
    ])
    expect(JSON.parse(r.json)).toEqual([
      '2013-03-21T20:04:00.000Z',
      '2013-03-21T20:04:00.000Z',
      '18446744073709551616',
      { $tag: 99, value: 'x' },
      1,
    ])
  })

  it('encodes CborTag values and dates, and decodes them back', () => {
    const value = {
      t: new CborTag(1234, { inner: new Map([[true, 'yes']]) }),
      d: new Date('2024-01-02T03:04:05.006Z'),
    }
    const r = ok(decodeCbor(encodeCbor(value)))
    expect(r.value).toEqual(value)
    expect(JSON.parse(r.json)).toEqual({
      t: { $tag: 1234, value: { inner: [[true, 'yes']] } },
      d: '2024-01-02T03:04:05.006Z',
    })
  })

  it('renders undefined as null and NaN / Infinity losslessly', () => {
    const r = ok(decodeCbor(cborEncodeRaw([undefined, NaN, -Infinity])))
    expect(r.value).toEqual([undefined, NaN, -Infinity])
    expect(JSON.parse(r.json)).toEqual([null, { $float: 'NaN' }, { $float: '-Infinity' }])
  })

  it('refuses a truncated payload with the library message', () => {
    const bytes = encodeCbor(sample())
    for (const cut of [1, 5, bytes.length - 1]) {
      const r = decodeCbor(bytes.subarray(0, cut))
      expect(r.ok).toBe(false)
      if (!r.ok) expect(r.error).toMatch(/CBOR decode error/)
    }
  })

  it('refuses trailing bytes and an empty payload', () => {
    expect(decodeCbor(Uint8Array.of(0x01, 0x02, 0x03))).toEqual({
      ok: false,
      error: '2 bytes left after the first item',
    })
    expect(decodeCbor(new Uint8Array())).toMatchObject({ ok: false })
    expect(decodeCbor(Uint8Array.of(0xff))).toEqual({
      ok: false,
      error: 'CBOR decode error: got unexpected break',
    })
  })

  it('never throws on random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), (bytes) => {
        const r = decodeCbor(bytes)
        expect(typeof r.ok).toBe('boolean')
        if (!r.ok) expect(r.error.length).toBeGreaterThan(0)
      }),
      { numRuns: 3000 },
    )
  })
})

describe('renderJson', () => {
  it('writes what JSON.stringify(x, null, 2) writes for plain JSON data', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(renderJson(value)).toBe(JSON.stringify(value, null, 2))
      }),
    )
  })

  it('keeps a "__proto__" key as data, in the value and in the JSON', () => {
    const r = ok(decodeCbor(encodeCbor(new Map([['__proto__', 1]]))))
    expect(Object.keys(r.value as object)).toEqual(['__proto__'])
    expect(r.json).toBe('{\n  "__proto__": 1\n}')
  })

  it('reports nesting too deep to render instead of throwing', () => {
    const deep = new Uint8Array(200_000).fill(0x91) // [[[[… nil
    deep[deep.length - 1] = 0xc0
    const r = decodeMsgpack(deep)
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.error).toMatch(/call stack/)
  })
})
