import { describe, expect, it } from 'vitest'
import type { MessageSummary } from '../../../shared/messages'
import { delta, node, snapshot } from '../features/topic-tree/node-fixture'
import { createTreeViewStore, preferredField } from './tree-view-store'

const paths = (store: ReturnType<typeof createTreeViewStore>) => store.getState().rows.map((r) => r.path)

function msg(id: number, topic: string): MessageSummary {
  return {
    id,
    profileId: 'p1',
    protocol: 'mqtt',
    direction: 'in',
    topic,
    receivedAt: id,
    size: 2,
    preview: '{}',
    previewTruncated: false,
    qos: 0,
    retain: false,
    dup: false,
    properties: null,
    amqp: null,
    kafka: null,
  }
}

describe('tree view store', () => {
  it('draws the snapshot, then grows with deltas for its nodes', () => {
    const store = createTreeViewStore('p1', 'v1')
    store
      .getState()
      .applySnapshot(snapshot([{ parent: null, nodes: [node('b'), node('a', { children: 1 })] }]))
    expect(paths(store)).toEqual(['a', 'b'])
    expect(store.getState().loaded).toBe(true)

    const before = store.getState().rows
    store.getState().applyDelta(delta([node('a', { messages: 7, children: 1 })]))
    expect(store.getState().rows).toBe(before) // same lines: React keeps its work
    expect(store.getState().model.nodes.get('a')?.messages).toBe(7)

    store.getState().applyDelta(delta([node('c')]))
    expect(paths(store)).toEqual(['a', 'b', 'c'])
  })

  it('asks the core for open nodes only, and shows children once they arrive', () => {
    const store = createTreeViewStore('p1', 'v1')
    store.getState().applySnapshot(snapshot([{ parent: null, nodes: [node('a', { children: 1 })] }]))
    store.getState().setExpanded('a', true)
    store.getState().setExpanded('a/x', true)
    expect(store.getState().request().expanded).toEqual(['a', 'a/x'])
    store.getState().setExpanded('a', false)
    expect(store.getState().request().expanded).toEqual([])
    store.getState().toggle('a')
    store.getState().applySnapshot(
      snapshot([
        { parent: null, nodes: [node('a', { children: 1 })] },
        { parent: 'a', nodes: [node('a/x')] },
      ]),
    )
    expect(paths(store)).toEqual(['a', 'a/x'])
  })

  it('sorts by messages on request', () => {
    const store = createTreeViewStore('p1', 'v1')
    store
      .getState()
      .applySnapshot(
        snapshot([{ parent: null, nodes: [node('a', { messages: 1 }), node('b', { messages: 5 })] }]),
      )
    store.getState().setSort('messages')
    expect(paths(store)).toEqual(['b', 'a'])
  })

  it('filters with an MQTT filter, opening the way and asking the core for it', () => {
    const store = createTreeViewStore('p1', 'v1')
    store
      .getState()
      .applySnapshot(
        snapshot([
          { parent: null, nodes: [node('zigbee2mqtt', { children: 2 }), node('pico', { children: 1 })] },
        ]),
      )
    store.getState().setFilter('zigbee2mqtt/+')
    expect(store.getState().request().expanded).toEqual(['zigbee2mqtt'])
    expect(paths(store)).toEqual([]) // nothing matches until the children arrive
    store.getState().applySnapshot(
      snapshot([
        { parent: null, nodes: [node('zigbee2mqtt', { children: 2 }), node('pico', { children: 1 })] },
        { parent: 'zigbee2mqtt', nodes: [node('zigbee2mqtt/kitchen'), node('zigbee2mqtt/bridge')] },
      ]),
    )
    expect(paths(store)).toEqual(['zigbee2mqtt', 'zigbee2mqtt/bridge', 'zigbee2mqtt/kitchen'])
    // closing what the filter opened sticks, until the filter changes
    store.getState().setExpanded('zigbee2mqtt', false)
    expect(paths(store)).toEqual(['zigbee2mqtt'])
    store.getState().setFilter('')
    expect(paths(store)).toEqual(['pico', 'zigbee2mqtt'])
    expect(store.getState().request().expanded).toEqual([])
  })

  it('opens the way to the core’s matches of the filter, loaded or not', () => {
    const store = createTreeViewStore('p1', 'v1')
    store
      .getState()
      .applySnapshot(snapshot([{ parent: null, nodes: [node('pico', { children: 1 }), node('tasmota')] }]))
    store.getState().setFilter('dht22')
    expect(store.getState().request().expanded).toEqual([]) // nothing loaded matches yet
    store.getState().setSearch({ text: 'other', paths: ['x/y'], truncated: false }) // stale: ignored
    expect(store.getState().search).toBeNull()
    store.getState().setSearch({ text: 'dht22', paths: ['pico/temperature/dht22'], truncated: false })
    expect(store.getState().request().expanded).toEqual(['pico', 'pico/temperature'])
    store.getState().applySnapshot(
      snapshot([
        { parent: null, nodes: [node('pico', { children: 1 }), node('tasmota')] },
        { parent: 'pico', nodes: [node('pico/temperature', { children: 1 })] },
        { parent: 'pico/temperature', nodes: [node('pico/temperature/dht22')] },
      ]),
    )
    expect(paths(store)).toEqual(['pico', 'pico/temperature', 'pico/temperature/dht22'])
    store.getState().setFilter('')
    expect(store.getState().search).toBeNull()
    expect(store.getState().request().expanded).toEqual([])
  })

  it('keeps the selected topic’s detail: snapshot, then deltas, never another topic’s', () => {
    const store = createTreeViewStore('p1', 'v1')
    store.getState().applySnapshot(snapshot([{ parent: null, nodes: [node('t', { messages: 3 })] }]))
    store.getState().select('t')
    expect(store.getState().detail?.node?.messages).toBe(3) // at once, from the tree
    expect(store.getState().request().selected).toBe('t')
    store.getState().applySnapshot({
      ...snapshot([{ parent: null, nodes: [node('t')] }]),
      detail: {
        path: 't',
        node: node('t'),
        messages: [msg(1, 't')],
        skipped: 0,
        series: [],
        numericFields: ['a', 'temperature'],
        olderAvailable: false,
      },
    })
    expect(store.getState().detail?.messages).toHaveLength(1)
    expect(store.getState().chartField).toBe('temperature')
    store.getState().applyDelta({
      ...delta([]),
      detail: {
        path: 't',
        node: null,
        messages: [msg(2, 't')],
        skipped: 0,
        series: [[2, 21.5]],
        numericFields: [],
        olderAvailable: false,
      },
    })
    expect(store.getState().detail?.messages.map((m) => m.id)).toEqual([2, 1])
    expect(store.getState().detail?.series).toEqual([[2, 21.5]])
    store.getState().applyDelta({
      ...delta([]),
      detail: {
        path: 'other',
        node: null,
        messages: [msg(3, 'other')],
        skipped: 0,
        series: [],
        numericFields: [],
        olderAvailable: false,
      },
    })
    expect(store.getState().detail?.messages).toHaveLength(2)
  })

  it('remembers the chart field per topic', () => {
    const store = createTreeViewStore('p1', 'v1')
    store.getState().select('a')
    store.getState().setChartField('humidity')
    store.getState().select('b')
    expect(store.getState().chartField).toBeNull()
    store.getState().select('a')
    expect(store.getState().chartField).toBe('humidity')
  })

  it('prefers telling fields for the chart', () => {
    expect(preferredField(['battery', 'linkquality', 'temperature'])).toBe('temperature')
    expect(preferredField(['ENERGY.Power', 'ENERGY.Total'])).toBe('ENERGY.Power')
    expect(preferredField(['battery'])).toBe('battery')
    expect(preferredField([])).toBeNull()
  })
})
