import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { bytesToContent, contentToBytes, convertContent, type EditorMode } from './editor-modes'

const utf8 = (s: string) => new TextEncoder().encode(s)

function content(mode: EditorMode, bytes: Uint8Array): string {
  const r = bytesToContent(mode, bytes)
  if (!r.ok) throw new Error(r.error)
  return r.text
}

function toBytes(mode: EditorMode, text: string): Uint8Array {
  const r = contentToBytes(mode, text)
  if (!r.ok) throw new Error(r.error)
  return r.bytes
}

describe('editor modes', () => {
  it('json and text are the UTF-8 of the text as written, valid JSON or not', () => {
    expect(toBytes('json', '{"a": 1,}')).toEqual(utf8('{"a": 1,}'))
    expect(toBytes('text', 'héllo\n')).toEqual(utf8('héllo\n'))
  })

  it('hex shows 16 bytes a line and parses back', () => {
    const bytes = Uint8Array.from({ length: 20 }, (_, i) => i)
    const text = content('hex', bytes)
    expect(text).toBe('00 01 02 03 04 05 06 07 08 09 0a 0b 0c 0d 0e 0f\n10 11 12 13')
    expect(toBytes('hex', text)).toEqual(bytes)
    expect(content('hex', new Uint8Array())).toBe('')
  })

  it('base64 is one plain line', () => {
    expect(content('base64', utf8('hello'))).toBe('aGVsbG8=')
    expect(toBytes('base64', 'aGVs\nbG8')).toEqual(utf8('hello'))
  })

  it('json mode pretty-prints valid JSON and keeps anything else as it is', () => {
    expect(content('json', utf8('{"a":[1,2],"big":12345678901234567890}'))).toBe(
      '{\n  "a": [\n    1,\n    2\n  ],\n  "big": 12345678901234567890\n}',
    )
    expect(content('json', utf8('{"a":1,'))).toBe('{"a":1,')
    expect(content('text', utf8('{"a":1}'))).toBe('{"a":1}')
  })

  it('refuses to show invalid UTF-8 as text or JSON, naming the first bad byte', () => {
    const bytes = Uint8Array.of(0x61, 0x62, 0x63, 0xff, 0, 0, 0, 0, 0, 0, 0, 0)
    expect(bytesToContent('text', bytes)).toEqual({
      ok: false,
      error:
        'These 12 bytes are not valid UTF-8 (first bad byte at offset 3): switching to text would change them',
    })
    const json = bytesToContent('json', Uint8Array.of(0x80))
    expect(json).toEqual({
      ok: false,
      error: 'This byte is not valid UTF-8 (first bad byte at offset 0): switching to JSON would change them',
    })
    expect(convertContent('hex', 'text', '41 c3 28')).toMatchObject({
      ok: false,
      error: expect.stringContaining('These 3 bytes are not valid UTF-8 (first bad byte at offset 1)'),
    })
  })

  it('passes parse errors of hex and base64 through', () => {
    expect(contentToBytes('hex', 'zz')).toEqual({ ok: false, error: "Invalid hex character 'z' at offset 0" })
    expect(convertContent('base64', 'hex', 'a*')).toEqual({
      ok: false,
      error: "Invalid base64 character '*' at offset 1",
    })
  })

  it('keeps the bytes through any chain of conversions that can show them', () => {
    const modes: EditorMode[] = ['text', 'hex', 'base64']
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 100 }),
        fc.array(fc.constantFrom(...modes), { maxLength: 5 }),
        (bytes, path) => {
          let mode: EditorMode = 'hex'
          let text = content('hex', bytes)
          for (const next of path) {
            const r = convertContent(mode, next, text)
            const isText = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })
            let valid = true
            try {
              isText.decode(bytes)
            } catch {
              valid = false
            }
            if (next === 'text' && !valid) {
              expect(r.ok).toBe(false)
              continue
            }
            if (!r.ok) throw new Error(r.error)
            mode = next
            text = r.text
          }
          expect(toBytes(mode, text)).toEqual(bytes)
        },
      ),
    )
  })

  it('json round trip changes only white space', () => {
    const original = '{ "a" : [ 1.50 , "\\u00e9" ] }'
    const r = convertContent('text', 'json', original)
    expect(r).toEqual({ ok: true, text: '{\n  "a": [\n    1.50,\n    "\\u00e9"\n  ]\n}' })
    const back = convertContent('json', 'text', r.ok ? r.text : '')
    expect(back.ok && back.text.replace(/\s/g, '')).toBe(original.replace(/\s/g, ''))
  })
})
