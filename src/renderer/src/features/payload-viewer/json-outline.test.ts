import { describe, expect, it } from 'vitest'
import {
  AUTO_OPEN_ALL,
  containerPaths,
  containerPreview,
  nodeKey,
  nodeKind,
  openFlags,
  parseOutline,
  scalarText,
  visibleRows,
  type JsonOutline,
} from './json-outline'

function outline(text: string): JsonOutline {
  const r = parseOutline(text)
  if (!r.ok) throw new Error(`${r.message} at ${r.offset}`)
  return r.outline
}

/** Rows as "depth key kind value" lines, to compare whole trees at a glance. */
function rows(o: JsonOutline, open = openFlags(o, containerPaths(o), 'open', new Set())): string[] {
  return Array.from(visibleRows(o, open), (i) => {
    const k = nodeKind(o, i)
    const v = k === 'object' || k === 'array' ? `(${o.children[i]})` : scalarText(o, i)
    return `${o.depth[i]} ${String(nodeKey(o, i))} ${k} ${v}`
  })
}

const zigbee =
  '{"battery":90,"temperature":21.4,"device":{"friendlyName":"kitchen","model":"WSDCGQ11LM"},"tags":["a",true,null]}'

describe('parseOutline', () => {
  it('lists every value in document order with its depth, key and children', () => {
    expect(rows(outline(zigbee))).toEqual([
      '0 null object (4)',
      '1 battery number 90',
      '1 temperature number 21.4',
      '1 device object (2)',
      '2 friendlyName string "kitchen"',
      '2 model string "WSDCGQ11LM"',
      '1 tags array (3)',
      '2 0 string "a"',
      '2 1 boolean true',
      '2 2 null null',
    ])
  })

  it('keeps numbers exactly as written, beyond what a double holds', () => {
    const o = outline('{"id": 12345678901234567890123, "x": -1.50e+10}')
    expect(scalarText(o, 1)).toBe('12345678901234567890123')
    expect(scalarText(o, 2)).toBe('-1.50e+10')
  })

  it('decodes escaped keys and keeps string values as literals', () => {
    const o = outline('{"a\\"b\\u00e9": "line\\nnext"}')
    expect(nodeKey(o, 1)).toBe('a"bé')
    expect(scalarText(o, 1)).toBe('"line\\nnext"')
  })

  it('takes scalars, empty containers and whitespace at the top level', () => {
    expect(rows(outline('  42 '))).toEqual(['0 null number 42'])
    expect(rows(outline('{}'))).toEqual(['0 null object (0)'])
    expect(rows(outline('[ [ ], { } ]'))).toEqual(['0 null array (2)', '1 0 array (0)', '1 1 object (0)'])
  })

  it('says where broken JSON breaks', () => {
    expect(parseOutline('{"a": 1,}')).toMatchObject({ ok: false, offset: 8 })
    expect(parseOutline('[1 2]')).toMatchObject({
      ok: false,
      offset: 3,
      message: expect.stringMatching(/","/),
    })
    expect(parseOutline('{"a" 1}')).toMatchObject({ ok: false, message: expect.stringMatching(/":"/) })
    expect(parseOutline('"open')).toMatchObject({ ok: false, message: 'Unterminated string' })
    expect(parseOutline('[1] x')).toMatchObject({ ok: false, offset: 4 })
    expect(parseOutline('[01]')).toMatchObject({ ok: false })
    expect(parseOutline('"\\x"')).toMatchObject({ ok: false, message: 'Bad escape in a string' })
    expect(parseOutline('')).toMatchObject({ ok: false, offset: 0 })
    expect(parseOutline('[')).toMatchObject({ ok: false })
  })

  it('handles deep nesting without recursion', () => {
    const depth = 100_000
    const o = outline('['.repeat(depth) + ']'.repeat(depth))
    expect(o.count).toBe(depth)
    expect(o.depth[depth - 1]).toBe(depth - 1)
    expect(o.end[0]).toBe(depth)
  })

  it('outlines a large document quickly', () => {
    const items = Array.from({ length: 100_000 }, (_, i) => ({ id: i, name: `device ${i}`, on: i % 2 === 0 }))
    const text = JSON.stringify(items)
    const t = performance.now()
    const o = outline(text)
    expect(o.count).toBe(1 + 100_000 * 4)
    expect(performance.now() - t).toBeLessThan(1500)
  })
})

describe('opening and closing', () => {
  const o = outline(zigbee)
  const paths = containerPaths(o)

  it('opens small documents fully and keeps the root open when all are closed', () => {
    expect(rows(o, openFlags(o, paths, 'auto', new Set()))).toHaveLength(10)
    expect(rows(o, openFlags(o, paths, 'closed', new Set()))).toEqual([
      '0 null object (4)',
      '1 battery number 90',
      '1 temperature number 21.4',
      '1 device object (2)',
      '1 tags array (3)',
    ])
  })

  it('flips the nodes the user toggled, by path, so a new message of the same shape keeps them', () => {
    const device = paths.get(3)!
    const closedDevice = rows(o, openFlags(o, paths, 'open', new Set([device])))
    expect(closedDevice).not.toContain('2 friendlyName string "kitchen"')
    expect(closedDevice).toContain('2 0 string "a"')

    const next = outline(zigbee.replace('kitchen', 'hall').replace('90', '89'))
    const nextRows = rows(next, openFlags(next, containerPaths(next), 'open', new Set([device])))
    expect(nextRows).not.toContain('2 friendlyName string "hall"')
    expect(nextRows).toContain('1 battery number 89')
  })

  it('opens only two levels of a large document at first', () => {
    const big = outline(JSON.stringify({ list: Array.from({ length: AUTO_OPEN_ALL }, (_, i) => ({ i })) }))
    const shown = visibleRows(big, openFlags(big, containerPaths(big), 'auto', new Set()))
    // root, "list", and its elements (closed)
    expect(shown.length).toBe(2 + AUTO_OPEN_ALL)
  })

  it('previews a closed container by its first children', () => {
    expect(containerPreview(o, 3)).toBe('{ "friendlyName": "kitchen", "model": "WSDCGQ11LM" }')
    expect(containerPreview(o, 6)).toBe('[ "a", true, null ]')
    expect(containerPreview(o, 0, 30)).toBe('{ "battery": 90, … }')
    expect(containerPreview(outline('[[]]'), 1)).toBe('[]')
  })
})
