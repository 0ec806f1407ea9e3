import { describe, expect, it } from 'vitest'
import {
  buildFilterIndex,
  compileFilter,
  filterMatches,
  mayContainMatches,
  searchAncestors,
} from './tree-filter'

describe('tree filter', () => {
  it('treats text with + or # as an MQTT filter, anything else as a substring', () => {
    expect(compileFilter('')).toEqual({ kind: 'none' })
    expect(compileFilter('Temp')).toEqual({ kind: 'text', needle: 'temp' })
    expect(compileFilter('zigbee2mqtt/+')).toMatchObject({ kind: 'mqtt', levels: ['zigbee2mqtt', '+'] })
    expect(compileFilter('a/#/b')).toMatchObject({ kind: 'invalid' })
    expect(compileFilter('a+')).toMatchObject({ kind: 'invalid' })
  })

  it('matches substrings case-insensitively, and MQTT filters by the protocol’s rules', () => {
    expect(filterMatches(compileFilter('TEMP'), 'pico/temperature/dht22')).toBe(true)
    expect(filterMatches(compileFilter('温度'), 'ünïcødé/温度')).toBe(true)
    const f = compileFilter('zigbee2mqtt/+')
    expect(filterMatches(f, 'zigbee2mqtt/kitchen')).toBe(true)
    expect(filterMatches(f, 'zigbee2mqtt/kitchen/set')).toBe(false)
    expect(filterMatches(compileFilter('#'), '$SYS/broker/uptime')).toBe(false)
    expect(filterMatches(compileFilter('+/+'), '/leading')).toBe(true)
  })

  it('knows which nodes lead towards matches', () => {
    const f = compileFilter('zigbee2mqtt/+/linkquality')
    expect(mayContainMatches(f, 'zigbee2mqtt')).toBe(true)
    expect(mayContainMatches(f, 'zigbee2mqtt/kitchen')).toBe(true)
    expect(mayContainMatches(f, 'zigbee2mqtt/kitchen/linkquality')).toBe(false)
    expect(mayContainMatches(f, 'tasmota')).toBe(false)
    expect(mayContainMatches(compileFilter('+/tele/#'), '$SYS')).toBe(false)
    expect(mayContainMatches(compileFilter('a/#'), 'a')).toBe(false)
    expect(mayContainMatches(compileFilter('a/b/#'), 'a')).toBe(true)
    expect(mayContainMatches(compileFilter('text'), 'text')).toBe(false)
  })

  it('indexes matches, their ancestors, and what to open', () => {
    const paths = [
      'zigbee2mqtt',
      'zigbee2mqtt/kitchen',
      'zigbee2mqtt/bridge',
      'zigbee2mqtt/bridge/state',
      'pico',
    ]
    const idx = buildFilterIndex(compileFilter('zigbee2mqtt/+'), paths, new Map())
    expect([...idx.matches].sort()).toEqual(['zigbee2mqtt/bridge', 'zigbee2mqtt/kitchen'])
    expect([...idx.ancestors]).toEqual(['zigbee2mqtt'])
    expect([...idx.autoExpand]).toEqual(['zigbee2mqtt'])
    expect(idx.truncated).toBe(false)

    const text = buildFilterIndex(compileFilter('state'), paths, new Map())
    expect([...text.matches]).toEqual(['zigbee2mqtt/bridge/state'])
    expect([...text.ancestors].sort()).toEqual(['zigbee2mqtt', 'zigbee2mqtt/bridge'])
  })

  it('matches topics, not bare levels, with an MQTT filter', () => {
    const paths = ['zigbee2mqtt', 'zigbee2mqtt/kitchen', 'zigbee2mqtt/bridge', 'zigbee2mqtt/bridge/state']
    const topics = new Set(['zigbee2mqtt/kitchen', 'zigbee2mqtt/bridge/state'])
    const idx = buildFilterIndex(compileFilter('zigbee2mqtt/+'), paths, new Map(), (p) => topics.has(p))
    expect([...idx.matches]).toEqual(['zigbee2mqtt/kitchen'])
    const text = buildFilterIndex(compileFilter('bridge'), paths, new Map(), (p) => topics.has(p))
    expect(text.matches.has('zigbee2mqtt/bridge')).toBe(true)
  })

  it('stops opening nodes at the limit and says so', () => {
    const paths = Array.from({ length: 50 }, (_, i) => `n${i}`)
    const idx = buildFilterIndex(compileFilter('+/x'), paths, new Map(), () => true, 10)
    expect(idx.autoExpand.size).toBe(10)
    expect(idx.truncated).toBe(true)
  })

  it('reuses cached answers', () => {
    const cache = new Map<string, number>()
    buildFilterIndex(compileFilter('a/+'), ['a', 'a/b'], cache)
    cache.set('a/b', 0) // pretend: the cached answer wins over matching again
    expect(buildFilterIndex(compileFilter('a/+'), ['a', 'a/b'], cache).matches.size).toBe(0)
  })

  it('opens the way to what the core found anywhere in the tree', () => {
    const found = searchAncestors(['pico/temperature/dht22', 'pico/temperature/ds18b20', 'top'])
    expect([...found.open].sort()).toEqual(['pico', 'pico/temperature'])
    expect(found.truncated).toBe(false)
    const many = searchAncestors(
      Array.from({ length: 20 }, (_, i) => `a${i}/b`),
      5,
    )
    expect(many.open.size).toBe(5)
    expect(many.truncated).toBe(true)
  })
})
