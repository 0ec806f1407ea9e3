import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ApiError } from '../../src/shared/api-error'
import { base64TextToBytes } from '../../src/shared/codecs/base64-text'
import { detectPayload } from '../../src/shared/codecs/detect'
import { bytesToContent, convertContent, type EditorMode } from '../../src/shared/codecs/editor-modes'
import { hexToBytes } from '../../src/shared/codecs/hex'
import { checkJson, formatJson, minifyJson } from '../../src/shared/codecs/json-text'
import { decodeCbor, decodeMsgpack, encodeCbor, encodeMsgpack } from '../../src/shared/codecs/structured'
import { decodeUtf8Strict, firstInvalidUtf8Offset } from '../../src/shared/codecs/utf8'
import { payloadPreview } from '../../src/shared/payload-preview'
import { testCore } from '../support/test-core'

/**
 * Every payload decoder, fed what a broken device or a hostile file sends: random bytes, invalid
 * UTF-8, input cut short, lengths that claim gigabytes, nesting deeper than any stack. Each answers
 * with an error result that says what is wrong (never a throw, never an empty success), and the
 * bytes it was given are untouched, so the viewer can always show them raw.
 */

type Outcome = { ok: true } | { ok: false; error: string }

/** Each decoder the viewer or editor runs on a payload, as bytes in, outcome out. */
const BYTE_DECODERS: Record<string, (bytes: Uint8Array) => Outcome> = {
  msgpack: (b) => decodeMsgpack(b),
  cbor: (b) => decodeCbor(b),
  utf8: (b) =>
    decodeUtf8Strict(b) === null
      ? { ok: false, error: `not UTF-8 at offset ${firstInvalidUtf8Offset(b)}` }
      : { ok: true },
  ...Object.fromEntries(
    (['text', 'json', 'hex', 'base64'] as EditorMode[]).map((mode) => [
      `editor ${mode}`,
      (b: Uint8Array) => bytesToContent(mode, b),
    ]),
  ),
}

/** Decoders of text the user typed or a file held, to bytes or to a checked document. */
const TEXT_DECODERS: Record<string, (text: string) => Outcome> = {
  'json check': (t) => toOutcome(checkJson(t)),
  'json format': (t) => toOutcome(formatJson(t)),
  'json minify': (t) => toOutcome(minifyJson(t)),
  hex: (t) => hexToBytes(t),
  base64: (t) => base64TextToBytes(t),
}

function toOutcome(r: { ok: true } | { ok: false; message: string; line: number; column: number }): Outcome {
  return r.ok ? { ok: true } : { ok: false, error: `${r.message} (line ${r.line}, column ${r.column})` }
}

const hexOf = (s: string) => Uint8Array.from(s.replace(/\s/g, '').match(/../g) ?? [], (h) => parseInt(h, 16))

function expectError(outcome: Outcome, pattern?: RegExp): string {
  expect(outcome.ok).toBe(false)
  const error = outcome.ok ? '' : outcome.error
  expect(typeof error).toBe('string')
  expect(error.trim().length).toBeGreaterThan(5)
  if (pattern) expect(error).toMatch(pattern)
  return error
}

describe('every decoder, on any bytes at all', () => {
  it.each(Object.keys(BYTE_DECODERS))(
    '%s returns a result (an error says why) and leaves the bytes as they were',
    (name) => {
      fc.assert(
        fc.property(fc.uint8Array({ maxLength: 512 }), (bytes) => {
          const before = bytes.slice()
          let outcome: Outcome | undefined
          expect(() => (outcome = BYTE_DECODERS[name]!(bytes))).not.toThrow()
          if (!outcome!.ok) expectError(outcome!)
          expect(bytes).toEqual(before)
        }),
        { numRuns: 300 },
      )
    },
  )

  it.each(Object.keys(TEXT_DECODERS))('%s returns a result on any text, lone surrogates included', (name) => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' })), (text) => {
        let outcome: Outcome | undefined
        expect(() => (outcome = TEXT_DECODERS[name]!(text))).not.toThrow()
        if (!outcome!.ok) expectError(outcome!)
      }),
      { numRuns: 300 },
    )
  })
})

describe('input cut short', () => {
  const value = fc.jsonValue({ maxDepth: 3 }).filter((v) => typeof v === 'object' && v !== null)

  it('every strict prefix of a MessagePack or CBOR item is an error, never a shorter value', () => {
    fc.assert(
      fc.property(value, fc.nat(), (v, cut) => {
        for (const [encode, decode] of [
          [encodeMsgpack, decodeMsgpack],
          [encodeCbor, decodeCbor],
        ] as const) {
          const whole = encode(v)
          expect(decode(whole).ok).toBe(true)
          const end = cut % whole.length // 0 … length-1: never the whole item
          const error = expectError(decode(whole.slice(0, end)))
          if (end > 0) expect(error).toMatch(/insufficient|not enough|end|unexpected/i)
        }
      }),
      { numRuns: 200 },
    )
  })

  it('every strict prefix of a JSON object or array is an error with its line and column', () => {
    fc.assert(
      fc.property(value, fc.nat(), (v, cut) => {
        const whole = JSON.stringify(v, null, 1)
        const end = cut % whole.length
        const result = checkJson(whole.slice(0, end))
        expect(result.ok).toBe(false)
        if (!result.ok) {
          expect(result.line).toBeGreaterThanOrEqual(1)
          expect(result.column).toBeGreaterThanOrEqual(1)
          expect(result.message.length).toBeGreaterThan(5)
        }
      }),
      { numRuns: 200 },
    )
  })

  it('a multibyte character cut in half is not UTF-8, with the offset of the cut', () => {
    const bytes = new TextEncoder().encode('température 21,5 °C 😀').slice(0, -2)
    expect(decodeUtf8Strict(bytes)).toBeNull()
    expect(firstInvalidUtf8Offset(bytes)).toBe(bytes.length - 2)
    expectError(bytesToContent('text', bytes), new RegExp(`offset ${bytes.length - 2}`))
    expect(detectPayload(bytes)).toEqual({ kind: 'binary', text: null })
  })
})

describe('invalid UTF-8', () => {
  // Overlong '/', a UTF-16 surrogate, a lone continuation byte, above U+10FFFF, a cut sequence.
  const INVALID = ['c0af', 'eda080', '80', 'f4908080', 'e282', 'fe', 'ff']

  it.each(INVALID)(
    '%s inside text: the text views refuse it at its offset; the preview says binary',
    (bad) => {
      const bytes = Uint8Array.from([...new TextEncoder().encode('ok:'), ...hexOf(bad)])
      for (const mode of ['text', 'json'] as const) expectError(bytesToContent(mode, bytes), /offset 3/)
      expect(detectPayload(bytes).kind).toBe('binary')
      expect(payloadPreview(bytes, 256).preview).toBeNull()
      // Hex and base64 views of the same bytes are exact.
      const hexText = bytesToContent('hex', bytes)
      expect(hexText.ok && hexToBytes(hexText.text)).toEqual({ ok: true, bytes })
    },
  )

  it.each(INVALID)('%s in a MessagePack string or map key is an error naming the offset', (bad) => {
    const raw = hexOf(bad)
    const str = Uint8Array.from([0xa0 | raw.length, ...raw])
    expectError(decodeMsgpack(str), /Invalid UTF-8 in a text string at offset 1/)
    const str8 = Uint8Array.from([0x92, 0x01, 0xd9, raw.length, ...raw])
    expectError(decodeMsgpack(str8), /offset 4/)
    const key = Uint8Array.from([0x81, 0xa0 | raw.length, ...raw, 0x01])
    expectError(decodeMsgpack(key), /offset 2/)
    // The same bytes as bin are fine: they are bytes, and shown as such.
    const bin = decodeMsgpack(Uint8Array.from([0xc4, raw.length, ...raw]))
    expect(bin.ok && bin.json).toContain('$bytes')
  })

  it.each(INVALID)('%s in a CBOR text string (or one chunk of it) is an error naming the offset', (bad) => {
    const raw = hexOf(bad)
    expectError(
      decodeCbor(Uint8Array.from([0x60 | raw.length, ...raw])),
      /Invalid UTF-8 in a text string at offset 1/,
    )
    const inMap = Uint8Array.from([0xa1, 0x61, 0x6b, 0x60 | raw.length, ...raw])
    expectError(decodeCbor(inMap), /offset 4/)
    // cborg refuses chunked (indefinite-length) strings outright, valid or not: still an error.
    expectError(decodeCbor(Uint8Array.from([0x7f, 0x61, 0x61, 0x60 | raw.length, ...raw, 0xff])))
    const bytes = decodeCbor(Uint8Array.from([0x40 | raw.length, ...raw]))
    expect(bytes.ok && bytes.json).toContain('$bytes')
  })

  it('valid multibyte strings still decode in both formats', () => {
    const value = { température: 'ünïcødé 😀', list: ['€', '\u0000'] }
    for (const [encode, decode] of [
      [encodeMsgpack, decodeMsgpack],
      [encodeCbor, decodeCbor],
    ] as const) {
      const r = decode(encode(value))
      expect(r.ok && r.value).toEqual(value)
    }
  })
})

describe('lengths and depths no payload should have', () => {
  it.each([
    ['MessagePack array of 4 Gi items', decodeMsgpack, 'ddffffffff'],
    ['MessagePack str of 4 GiB', decodeMsgpack, 'dbffffffff41'],
    ['MessagePack bin of 4 GiB', decodeMsgpack, 'c6ffffffff00'],
    ['MessagePack map of 4 Gi entries', decodeMsgpack, 'dfffffffff'],
    ['MessagePack ext of 4 GiB', decodeMsgpack, 'c9ffffffff01'],
    ['CBOR array of 2^64 items', decodeCbor, '9bffffffffffffffff'],
    ['CBOR byte string of 2^32 bytes', decodeCbor, '5affffffff00'],
    ['CBOR text of 2^32 bytes', decodeCbor, '7affffffff41'],
    ['CBOR map of 2^32 entries', decodeCbor, 'baffffffff'],
  ] as const)('%s: an error, at once, without allocating it', (_name, decode, hex) => {
    expectError(decode(hexOf(hex)))
  })

  it.each([
    ['MessagePack', decodeMsgpack, 0x91, 0xc0],
    ['CBOR', decodeCbor, 0x81, 0xf6],
  ] as const)('%s nested 200,000 deep: an error that says so', (_name, decode, open, leaf) => {
    const deep = new Uint8Array(200_000).fill(open)
    deep[deep.length - 1] = leaf
    expectError(decode(deep), /deep|stack|nest/i)
  })

  it('JSON nested 200,000 deep is checked without a stack, minified, and refused for pretty-printing', () => {
    const deep = '['.repeat(200_000) + ']'.repeat(200_000)
    expect(checkJson(deep)).toEqual({ ok: true })
    expect(minifyJson(deep)).toEqual({ ok: true, text: deep })
    // Pretty, it would be 80 billion characters of indent: a clear error instead of running out of memory.
    expect(formatJson(deep)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^Too large to format/),
    })
    expect(checkJson(deep.slice(0, -1))).toMatchObject({ ok: false, line: 1, column: deep.length })
    // Ordinary nesting still formats exactly as JSON.stringify does.
    const nested = JSON.parse('['.repeat(300) + '{"a":[1,2]}' + ']'.repeat(300)) as unknown
    expect(formatJson(JSON.stringify(nested))).toEqual({ ok: true, text: JSON.stringify(nested, null, 2) })
  })

  it('empty input is an error for the structured formats, "empty" for the detector', () => {
    const empty = new Uint8Array(0)
    expectError(decodeMsgpack(empty), /No data/)
    expectError(decodeCbor(empty), /No data/)
    expect(detectPayload(empty)).toEqual({ kind: 'empty', text: '' })
    expectError(toOutcome(checkJson('   ')), /empty/)
  })
})

describe('malformed text for the parsers', () => {
  it.each([
    ['hex', 'de ad be e', /Odd number of hex digits/],
    ['hex', 'de ad zz', /Invalid hex character 'z' at offset 6/],
    ['hex', '0x', /after '0x'/],
    ['hex', 'dé', /U\+00E9/],
    ['base64', 'SGVsbG8h$', /Invalid base64 character '\$' at offset 8/],
    ['base64', 'SGVsb', /4·n \+ 1/],
    ['base64', 'SGVsbG8=A', /after the '=' padding/],
    ['base64', 'SGVsbG8h====', /Too much '=' padding/],
    ['json check', '{"a": 1,}', /Trailing comma/],
    ['json check', '{"a": "\u0001"}', /Control character/],
    ['json check', "{'a': 1}", /double quotes/],
    ['json check', '{"a": 01}', /leading zeros/],
    ['json check', '{"a": 1} x', /after the end/],
    ['json check', '{"a": "\\x"}', /Bad escape/],
    ['json check', '{"a": "\ud800"}', null],
  ] as const)('%s %j: %s', (decoder, text, pattern) => {
    const outcome = TEXT_DECODERS[decoder]!(text)
    if (pattern === null)
      expect(outcome.ok).toBe(true) // JSON allows lone surrogates in strings
    else expectError(outcome, pattern)
  })

  it('converting between editor modes refuses what would change the bytes, keeping the text', () => {
    expectError(convertContent('hex', 'text', 'ff fe'), /not valid UTF-8/)
    expectError(convertContent('base64', 'json', '//4='), /not valid UTF-8/)
    expectError(convertContent('hex', 'base64', 'abc'), /Odd number/)
    expect(convertContent('hex', 'base64', 'ff fe')).toEqual({ ok: true, text: '//4=' })
  })
})

describe('protobuf through the core', () => {
  let ctx: ReturnType<typeof testCore>
  beforeAll(() => {
    ctx = testCore()
  })
  afterAll(() => ctx.dispose())

  const proto =
    'syntax = "proto3";\nmessage Reading {\n  string room = 1;\n  double celsius = 2;\n  repeated int64 samples = 3;\n}\n'
  const decode = (payload: Uint8Array) =>
    ctx.core.invoke('decodeProtobuf', { proto, messageType: 'Reading', payload }) as Promise<{ json: string }>

  it('random bytes decode or fail with invalid_input that names the type; the bytes are untouched', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 128 }), async (bytes) => {
        const before = bytes.slice()
        try {
          const { json } = await decode(bytes)
          expect(() => JSON.parse(json) as unknown).not.toThrow()
        } catch (err) {
          expect(err).toBeInstanceOf(ApiError)
          expect((err as ApiError).code).toBe('invalid_input')
          expect((err as ApiError).message).toMatch(/Not a valid Reading message/)
        }
        expect(bytes).toEqual(before)
      }),
      { numRuns: 200 },
    )
  })

  it('a message cut short, and a string field that is not UTF-8, are errors', async () => {
    // room = "kitchen", celsius = 21.5, cut inside the double
    const whole = hexOf('0a076b69746368656e1100000000008035 40')
    await expect(decode(whole)).resolves.toMatchObject({ json: expect.stringContaining('kitchen') })
    await expect(decode(whole.slice(0, -3))).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringMatching(/Not a valid Reading message: .*(range|index|end)/i),
    })
    await expect(decode(hexOf('0a02c0af'))).rejects.toMatchObject({ code: 'invalid_input' })
  })
})
