import { describe, expect, it } from 'vitest'
import { copyFormats, copyText, type CopySource } from './copy-formats'
import { loadProto, MAX_PROTO_CHARS, PROTO_STORAGE_KEY, saveProto } from './proto-memory'

const utf8 = (s: string) => new TextEncoder().encode(s)

describe('copy formats', () => {
  it('copies text, JSON, hex and base64 of a JSON payload', () => {
    const src: CopySource = { bytes: utf8('{"a":1}'), text: '{"a":1}', json: () => '{\n  "a": 1\n}' }
    expect(copyFormats(src)).toEqual(['text', 'json', 'hex', 'base64'])
    expect(copyText('text', src)).toBe('{"a":1}')
    expect(copyText('json', src)).toBe('{\n  "a": 1\n}')
    expect(copyText('hex', src)).toBe('7b 22 61 22 3a 31 7d')
    expect(copyText('base64', src)).toBe('eyJhIjoxfQ==')
  })

  it('offers only hex and base64 for bytes that are not text', () => {
    const src: CopySource = { bytes: new Uint8Array([0xff, 0x00]), text: null, json: null }
    expect(copyFormats(src)).toEqual(['hex', 'base64'])
    expect(copyText('text', src)).toBeNull()
    expect(copyText('hex', src)).toBe('ff 00')
  })
})

describe('remembered proto', () => {
  function memoryStorage() {
    const data = new Map<string, string>()
    return {
      getItem: (k: string) => data.get(k) ?? null,
      setItem: (k: string, v: string) => void data.set(k, v),
      data,
    }
  }

  it('keeps the last .proto text and message type', () => {
    const s = memoryStorage()
    expect(loadProto(s)).toEqual({ proto: '', messageType: null })
    const value = { proto: 'syntax = "proto3"; message Reading { double t = 1; }', messageType: 'Reading' }
    expect(saveProto(s, value)).toBe(true)
    expect(loadProto(s)).toEqual(value)
  })

  it('ignores what it cannot read, and does not store more than the core accepts', () => {
    const s = memoryStorage()
    s.data.set(PROTO_STORAGE_KEY, '{"proto": 5}')
    expect(loadProto(s)).toEqual({ proto: '', messageType: null })
    s.data.set(PROTO_STORAGE_KEY, '{')
    expect(loadProto(s)).toEqual({ proto: '', messageType: null })
    expect(saveProto(s, { proto: 'x'.repeat(MAX_PROTO_CHARS + 1), messageType: null })).toBe(false)
    expect(loadProto(null)).toEqual({ proto: '', messageType: null })
  })
})
