import { describe, expect, it } from 'vitest'
import { binarySize, describeSize, exactBytes } from './byte-size'
import { formatOffset, parseOffset } from './hex-offset'
import { hexColumn, hexSections, locateOffset, SECTION_LINES } from './hex-sections'
import { payloadFileName } from './save-name'
import { bytesWindowEnd, lenientText, nextLimit, SHOW_STEP, textWindow } from './text-window'
import { hexDumpLines } from '../../../../shared/codecs/hex'

describe('sizes', () => {
  it('gives the exact count and binary units', () => {
    expect(exactBytes(10_485_760)).toBe(`${(10_485_760).toLocaleString()} bytes`)
    expect(exactBytes(1)).toBe('1 byte')
    expect(binarySize(10_485_760)).toBe('10 MiB')
    expect(binarySize(1536)).toBe('1.5 KiB')
    expect(binarySize(200 * 1024)).toBe('200 KiB')
    expect(binarySize(1023)).toBeNull()
    expect(describeSize(12)).toBe('12 bytes')
    expect(describeSize(2048)).toBe(`${(2048).toLocaleString()} bytes (2 KiB)`)
  })
})

describe('go to offset', () => {
  it('reads hex, decimal and offsets from the end', () => {
    expect(parseOffset('0x9ffc00', 10_485_760)).toEqual({ ok: true, offset: 0x9ffc00 })
    expect(parseOffset('ffc0', 100_000)).toEqual({ ok: true, offset: 0xffc0 })
    expect(parseOffset(' 10,484,736 ', 10_485_760)).toEqual({ ok: true, offset: 10_484_736 })
    expect(parseOffset('1_000', 2000)).toEqual({ ok: true, offset: 1000 })
    expect(parseOffset('-16', 100)).toEqual({ ok: true, offset: 84 })
  })

  it('refuses what is not an offset or lies outside the payload', () => {
    expect(parseOffset('', 10)).toMatchObject({ ok: false })
    expect(parseOffset('12.5', 100)).toMatchObject({
      ok: false,
      error: expect.stringMatching(/not an offset/),
    })
    expect(parseOffset('0x100', 256)).toMatchObject({
      ok: false,
      error: 'Offset 00000100 is outside the payload (0 to 000000ff)',
    })
    expect(parseOffset('-300', 256)).toMatchObject({ ok: false })
    expect(parseOffset('0', 0)).toMatchObject({ ok: false, error: 'The payload is empty' })
  })

  it('formats offsets with eight hex digits at least', () => {
    expect(formatOffset(0x9ffc00)).toBe('009ffc00')
    expect(formatOffset(0x1_0000_0000)).toBe('100000000')
  })
})

describe('hex sections', () => {
  it('keeps a 10 MB payload in one section and splits what a page cannot hold', () => {
    expect(hexSections(10_485_760)).toEqual([{ firstLine: 0, lines: 655_360, start: 0, end: 10_485_760 }])
    const big = hexSections(SECTION_LINES * 16 * 2 + 5)
    expect(big).toHaveLength(3)
    expect(big[2]).toEqual({
      firstLine: SECTION_LINES * 2,
      lines: 1,
      start: SECTION_LINES * 32,
      end: SECTION_LINES * 32 + 5,
    })
    expect(hexSections(0)).toEqual([{ firstLine: 0, lines: 0, start: 0, end: 0 }])
  })

  it('finds the section and line of an offset', () => {
    expect(locateOffset(0x9ffc05)).toEqual({ section: 0, line: 0x9ffc0 })
    expect(locateOffset(SECTION_LINES * 16 + 17)).toEqual({ section: 1, line: 1 })
  })

  it('knows where each byte sits in a line of hexDumpLines', () => {
    const [line] = hexDumpLines(
      new Uint8Array(16).map((_, i) => i * 17),
      0,
      1,
    )
    for (let k = 0; k < 16; k++)
      expect(line!.hex.slice(hexColumn(k), hexColumn(k) + 2)).toBe((k * 17).toString(16).padStart(2, '0'))
  })
})

describe('text windows', () => {
  it('shows the first part of a long text and all of a short one', () => {
    expect(textWindow('short', SHOW_STEP)).toEqual({ text: 'short', shown: 5, total: 5 })
    const long = 'x'.repeat(SHOW_STEP * 3)
    const w = textWindow(long, SHOW_STEP)
    expect(w).toMatchObject({ shown: SHOW_STEP, total: SHOW_STEP * 3 })
    expect(w.text).toHaveLength(SHOW_STEP)
    expect(textWindow(long, nextLimit(SHOW_STEP)).shown).toBe(SHOW_STEP * 3)
  })

  it('never splits a surrogate pair', () => {
    expect(textWindow('a😀b', 2)).toEqual({ text: 'a', shown: 1, total: 4 })
  })

  it('cuts byte windows at whole base64 groups', () => {
    expect(bytesWindowEnd(10, 100, 3)).toBe(10)
    expect(bytesWindowEnd(1000, 100, 3)).toBe(99)
    expect(bytesWindowEnd(1000, 1, 3)).toBe(3)
  })

  it('shows bytes that are not clean text with symbols for control characters', () => {
    expect(lenientText(new Uint8Array([0x54, 0x3d, 0x32, 0x31, 0x00, 0x0a, 0xff, 0x7f]))).toBe(
      'T=21\u2400\n\ufffd\u2421',
    )
  })
})

describe('file names', () => {
  it('names the file after the topic, with an extension for the kind', () => {
    expect(payloadFileName('zigbee2mqtt/kitchen_sensor', 'json')).toBe('zigbee2mqtt-kitchen_sensor.json')
    expect(payloadFileName('pico/camera/jpeg', 'binary')).toBe('pico-camera-jpeg.bin')
    expect(payloadFileName('with space/temp', 'number')).toBe('with_space-temp.txt')
    expect(payloadFileName('/../a:b*?/', 'text')).toBe('ab.txt')
    expect(payloadFileName('', 'binary')).toBe('payload.bin')
    expect(payloadFileName(null, 'json')).toBe('payload.json')
    expect(payloadFileName('ünïcødé/温度', 'text')).toBe('ünïcødé-温度.txt')
  })
})
