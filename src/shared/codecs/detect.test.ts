import { describe, expect, it } from 'vitest'
import { detectPayload, type PayloadKind } from './detect'

const utf8 = (s: string) => new TextEncoder().encode(s)

describe('detectPayload', () => {
  const cases: [string, Uint8Array, PayloadKind][] = [
    ['nothing', new Uint8Array(), 'empty'],
    ['an object', utf8('{"temp": 21.5}'), 'json'],
    ['an array with white space around', utf8('\n [1, 2, 3]\n'), 'json'],
    ['a decimal', utf8('21.5'), 'number'],
    ['a negative integer with a newline', utf8('-3\n'), 'number'],
    ['an exponent', utf8('1e3'), 'number'],
    ['a JSON string', utf8('"on"'), 'text'],
    ['true', utf8('true'), 'text'],
    ['broken JSON', utf8('{"a": 1'), 'text'],
    ['a number with a plus sign', utf8('+5'), 'text'],
    ['a number with leading zeros', utf8('007'), 'text'],
    ['hex-looking text', utf8('0x1f'), 'text'],
    ['two numbers', utf8('1 2'), 'text'],
    ['plain text with tabs and CRLF', utf8('ON\tOFF\r\n'), 'text'],
    ['white space only', utf8('   '), 'text'],
    ['text with a NUL', utf8('a\u0000b'), 'binary'],
    ['text with ESC', utf8('\u001b[31mred'), 'binary'],
    ['invalid UTF-8', Uint8Array.of(0x7b, 0xff, 0x7d), 'binary'],
    ['MessagePack', Uint8Array.of(0x81, 0xa1, 0x61, 0x01), 'binary'],
  ]
  it.each(cases)('%s', (_name, bytes, kind) => {
    const detected = detectPayload(bytes)
    expect(detected.kind).toBe(kind)
    expect(detected.text).toBe(kind === 'binary' ? null : new TextDecoder().decode(bytes))
  })
})
