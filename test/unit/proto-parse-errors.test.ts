import protobuf from 'protobufjs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ApiError } from '../../src/shared/api-error'
import { testCore } from '../support/test-core'

/**
 * A `.proto` that does not parse, through the core's API: a clear `invalid_input` with the parser's
 * words, the line and (when it can be told) the column; nothing of it is kept, and the schema that
 * worked before goes on decoding.
 */

const GOOD =
  'syntax = "proto3";\npackage demo;\nmessage Reading {\n  string room = 1;\n  double celsius = 2;\n}\n'
const reading = protobuf.parse(GOOD, { keepCase: true }).root.lookupType('demo.Reading')
const payload = reading.encode({ room: 'kitchen', celsius: 21.5 }).finish()

describe('a .proto that does not parse', () => {
  let ctx: ReturnType<typeof testCore>
  const api = <T>(method: string, input?: unknown) => ctx.core.invoke(method, input, 'test') as Promise<T>
  const parse = (proto: string) => api<{ types: string[] }>('parseProto', { proto })
  const decode = (proto: string, messageType = 'demo.Reading') =>
    api<{ json: string }>('decodeProtobuf', { proto, messageType, payload })
  const refused = async (p: Promise<unknown>): Promise<string> => {
    try {
      await p
    } catch (err) {
      expect(err).toBeInstanceOf(ApiError)
      expect((err as ApiError).code).toBe('invalid_input')
      return (err as ApiError).message
    }
    throw new Error('accepted')
  }

  beforeAll(async () => {
    ctx = testCore()
    expect(await parse(GOOD)).toEqual({ types: ['demo.Reading'] })
    expect(JSON.parse((await decode(GOOD)).json)).toEqual({ room: 'kitchen', celsius: 21.5 })
  })
  afterAll(() => ctx.dispose())

  it.each([
    [
      'a missing semicolon',
      'syntax = "proto3";\nmessage A {\n  int32 a = 1\n  int32 b = 2;\n}\n',
      /^The \.proto does not parse: illegal token 'int32', ';' expected \(line 4\), column 3$/,
    ],
    [
      'prose',
      'this is not a proto',
      /^The \.proto does not parse: illegal token 'this' \(line 1\), column 1$/,
    ],
    [
      'a field without a number',
      'syntax = "proto3";\nmessage A {\n  int32 x = ;\n}\n',
      /illegal id ';' \(line 3\), column 13$/,
    ],
    [
      'an unclosed message',
      'syntax = "proto3";\nmessage A {\n  int32 a = 1;\n',
      /illegal end of input .*\(line 4\)$/,
    ],
    ['a NUL in a name', 'syntax = "proto3";\nmessage A\u0000 {}', /illegal type name .*\(line 2\)/],
    [
      'two fields with one number',
      'syntax = "proto3";\nmessage A {\n  int32 a = 1;\n  int32 b = 1;\n}',
      /duplicate id 1 in Type A/,
    ],
    [
      'field number 0',
      'syntax = "proto3";\nmessage A {\n  int32 a = 0;\n}',
      /field a of A has number 0: field numbers are 1 to 536870911/,
    ],
    [
      'a field number past 2^29',
      'syntax = "proto3";\nmessage A {\n  int32 a = 536870912;\n}',
      /has number 536870912/,
    ],
    ['a reserved field number', 'syntax = "proto3";\nmessage A {\n  int32 a = 19500;\n}', /has number 19500/],
    ['an unknown syntax', 'syntax = "proto4";\nmessage A {}', /^The \.proto is not valid: .*proto4/],
    [
      'a type it does not define',
      'syntax = "proto3";\nmessage A {\n  Missing m = 1;\n}',
      /does not define: no such Type or Enum 'Missing'/,
    ],
    [
      'nesting 5,000 deep',
      'syntax = "proto3";\n' + 'message A {\n'.repeat(5000) + '}\n'.repeat(5000),
      /max depth exceeded/,
    ],
  ])('%s: refused with the reason and where', async (_name, proto, reason) => {
    expect(await refused(parse(proto))).toMatch(reason)
    // Decoding with it says the same, naming the schema as the problem rather than the payload.
    expect(await refused(decode(proto, 'A'))).toMatch(/^The \.proto (does not parse|is not valid|refers to)/)
    // Nothing of it was kept: asked again, it fails again, and the good schema still decodes.
    expect(await refused(parse(proto))).toMatch(reason)
    expect(JSON.parse((await decode(GOOD)).json)).toEqual({ room: 'kitchen', celsius: 21.5 })
  })

  it('a schema over the contract limit is refused by the schema, naming the field', async () => {
    try {
      await parse(`${GOOD}//${'x'.repeat(1024 * 1024)}`)
      throw new Error('accepted')
    } catch (err) {
      expect((err as ApiError).issues?.map((i) => i.path)).toEqual(['proto'])
    }
    expect(await parse(GOOD)).toEqual({ types: ['demo.Reading'] })
  })

  it('bytes nested deeper than the decoder goes are refused as the payload, not the schema', async () => {
    const node = 'syntax = "proto3";\nmessage Node { Node child = 1; }'
    const varint = (n: number) => {
      const out: number[] = []
      for (; n > 127; n >>>= 7) out.push((n & 127) | 128)
      return [...out, n]
    }
    let inner: number[] = []
    for (let i = 0; i < 3000; i++) inner = [0x0a, ...varint(inner.length), ...inner]
    const message = await refused(
      api('decodeProtobuf', { proto: node, messageType: 'Node', payload: Uint8Array.from(inner) }),
    )
    expect(message).toMatch(/^Not a valid Node message: max depth exceeded/)
    expect(JSON.parse((await decode(GOOD)).json)).toEqual({ room: 'kitchen', celsius: 21.5 })
  })
})
