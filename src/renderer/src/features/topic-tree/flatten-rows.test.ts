import { describe, expect, it } from 'vitest'
import { mergeExpanded, openPaths } from './expansion'
import { flattenRows, sameRows } from './flatten-rows'
import { node, snapshot } from './node-fixture'
import { buildFilterIndex, compileFilter } from './tree-filter'
import { TreeModel } from './tree-model'

function model() {
  const m = new TreeModel()
  m.applySnapshot(
    snapshot([
      {
        parent: null,
        nodes: [
          node('zigbee2mqtt', { children: 2 }),
          node('pico', { children: 1 }),
          node('', { children: 1 }),
        ],
      },
      {
        parent: 'zigbee2mqtt',
        nodes: [node('zigbee2mqtt/kitchen', { children: 1 }), node('zigbee2mqtt/bridge')],
      },
      { parent: 'zigbee2mqtt/kitchen', nodes: [node('zigbee2mqtt/kitchen/set')] },
      { parent: 'pico', nodes: [node('pico/temperature')] },
      { parent: '', nodes: [node('/leading')] },
    ]),
  )
  return m
}
const show = (rows: { path: string; depth: number; dim: boolean }[]) =>
  rows.map((r) => `${'  '.repeat(r.depth)}${r.path}${r.dim ? ' (dim)' : ''}`)

describe('flattenRows', () => {
  it('walks expanded nodes depth first, children sorted', () => {
    const rows = flattenRows(model(), {
      mode: 'name',
      expanded: new Set(['zigbee2mqtt', '']),
      filter: null,
      now: 0,
    })
    expect(show(rows)).toEqual([
      '',
      '  /leading',
      'pico',
      'zigbee2mqtt',
      '  zigbee2mqtt/bridge',
      '  zigbee2mqtt/kitchen',
    ])
  })

  it('shows nothing below a collapsed node even when its children are loaded', () => {
    const rows = flattenRows(model(), {
      mode: 'name',
      expanded: new Set(['zigbee2mqtt/kitchen']),
      filter: null,
      now: 0,
    })
    expect(rows.map((r) => r.path)).toEqual(['', 'pico', 'zigbee2mqtt'])
  })

  it('with an MQTT filter: matches, their ancestors dimmed, everything else hidden', () => {
    const m = model()
    const filter = buildFilterIndex(compileFilter('zigbee2mqtt/+'), m.paths(), new Map())
    const rows = flattenRows(m, {
      mode: 'name',
      expanded: mergeExpanded(new Set(), filter.autoExpand),
      filter,
      now: 0,
    })
    expect(show(rows)).toEqual(['zigbee2mqtt (dim)', '  zigbee2mqtt/bridge', '  zigbee2mqtt/kitchen'])
  })

  it('shows what the user opens below a match, dimmed when it does not match itself', () => {
    const m = model()
    const filter = buildFilterIndex(compileFilter('zigbee2mqtt/+'), m.paths(), new Map())
    const expanded = mergeExpanded(new Set(['zigbee2mqtt/kitchen']), filter.autoExpand)
    const rows = flattenRows(m, { mode: 'name', expanded, filter, now: 0 })
    expect(show(rows)).toContain('    zigbee2mqtt/kitchen/set (dim)')
  })

  it('with a text filter finds loaded matches deep down', () => {
    const m = model()
    const filter = buildFilterIndex(compileFilter('SET'), m.paths(), new Map())
    const rows = flattenRows(m, { mode: 'name', expanded: filter.autoExpand, filter, now: 0 })
    expect(show(rows)).toEqual([
      'zigbee2mqtt (dim)',
      '  zigbee2mqtt/kitchen (dim)',
      '    zigbee2mqtt/kitchen/set',
    ])
  })

  it('handles 100,000 children of one node quickly', () => {
    const m = new TreeModel()
    const many = Array.from({ length: 100_000 }, (_, i) => node(`flat/${i}`))
    m.applySnapshot(
      snapshot([
        { parent: null, nodes: [node('flat', { children: many.length })] },
        { parent: 'flat', nodes: many },
      ]),
    )
    const t = performance.now()
    const rows = flattenRows(m, { mode: 'name', expanded: new Set(['flat']), filter: null, now: 0 })
    expect(rows).toHaveLength(100_001)
    expect(rows[2]?.path).toBe('flat/1')
    expect(rows[11]?.path).toBe('flat/10')
    const again = flattenRows(m, { mode: 'name', expanded: new Set(['flat']), filter: null, now: 0 })
    expect(sameRows(rows, again)).toBe(true)
    expect(performance.now() - t).toBeLessThan(5000)
  })
})

describe('openPaths', () => {
  it('sends only nodes whose ancestors are all open, sorted', () => {
    expect(openPaths(new Set(['b', 'a', 'a/x', 'c/y']), new Set())).toEqual(['a', 'a/x', 'b'])
    expect(openPaths(new Set(['c/y']), new Set(['c']))).toEqual(['c', 'c/y'])
    expect(openPaths(new Set(['/a']), new Set())).toEqual([])
    expect(openPaths(new Set(['', '/a']), new Set())).toEqual(['', '/a'])
  })
})
