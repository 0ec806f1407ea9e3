import { describe, expect, it } from 'vitest'
import { payloadPreview } from './payload-preview'

const enc = (s: string) => new TextEncoder().encode(s)

describe('payloadPreview', () => {
  it('shows short text whole and says so', () => {
    expect(payloadPreview(enc('21.4'), 64)).toEqual({ preview: '21.4', truncated: false })
    expect(payloadPreview(enc(''), 64)).toEqual({ preview: '', truncated: false })
  })
  it('cuts long text at a character boundary and marks it truncated', () => {
    const r = payloadPreview(enc('aé'.repeat(100)), 10)
    expect(r.truncated).toBe(true)
    expect(r.preview).toBe('aéaéaéa')
    expect(payloadPreview(enc('温度温度'), 4)).toEqual({ preview: '温', truncated: true })
  })
  it('calls invalid UTF-8 and control bytes binary', () => {
    expect(payloadPreview(new Uint8Array([0xff, 0xfe, 0x00]), 64)).toEqual({
      preview: null,
      truncated: false,
    })
    expect(payloadPreview(new Uint8Array([0x01, 0x02, 0x41]), 64).preview).toBeNull()
    expect(payloadPreview(enc('line1\nline2\ttab'), 64).preview).toBe('line1\nline2\ttab')
  })
})
