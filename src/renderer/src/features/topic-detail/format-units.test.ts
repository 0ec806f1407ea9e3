import { describe, expect, it } from 'vitest'
import { formatBytes, formatRate, toHex } from './format-units'

describe('format units', () => {
  it('formats sizes', () => {
    expect(formatBytes(0)).toBe('0 B')
    expect(formatBytes(1023)).toBe('1023 B')
    expect(formatBytes(1536)).toBe('1.5 KB')
    expect(formatBytes(10 * 1024 * 1024)).toBe('10 MB')
    expect(formatBytes(200 * 1024)).toBe('200 KB')
  })
  it('formats rates and hex', () => {
    expect(formatRate(0)).toBe('0/s')
    expect(formatRate(0.25)).toBe('0.3/s')
    expect(formatRate(42.4)).toBe('42/s')
    expect(formatRate(10_000)).toBe('10k/s')
    expect(toHex(new Uint8Array([0, 171, 255]))).toBe('00 ab ff')
  })
})
