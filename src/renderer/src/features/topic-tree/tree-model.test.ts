import { describe, expect, it } from 'vitest'
import { BIG_LIST, BIG_LIST_RESORT_MS, TreeModel } from './tree-model'
import { delta, node, snapshot } from './node-fixture'

describe('TreeModel', () => {
  it('takes the snapshot’s children per parent, with the empty level as a real node', () => {
    const m = new TreeModel()
    m.applySnapshot(
      snapshot([
        { parent: null, nodes: [node('b'), node('a'), node('')] },
        { parent: '', nodes: [node('/leading')] },
      ]),
    )
    expect(m.children(null, 'name', 0)).toEqual(['', 'a', 'b'])
    expect(m.children('', 'name', 0)).toEqual(['/leading'])
    expect(m.hasChildrenLoaded('a')).toBe(false)
  })

  it('a snapshot replaces the children of the parents it names and forgets the vanished subtrees', () => {
    const m = new TreeModel()
    m.applySnapshot(
      snapshot([
        { parent: null, nodes: [node('a'), node('b')] },
        { parent: 'a', nodes: [node('a/x')] },
      ]),
    )
    m.applySnapshot(snapshot([{ parent: null, nodes: [node('b'), node('c')] }]))
    expect(m.children(null, 'name', 0)).toEqual(['b', 'c'])
    expect(m.nodes.has('a')).toBe(false)
    expect(m.nodes.has('a/x')).toBe(false)
    expect(m.hasChildrenLoaded('a')).toBe(false)
  })

  it('keeps the children of parents a snapshot does not name (collapsed ones)', () => {
    const m = new TreeModel()
    m.applySnapshot(
      snapshot([
        { parent: null, nodes: [node('a')] },
        { parent: 'a', nodes: [node('a/x')] },
      ]),
    )
    m.applySnapshot(snapshot([{ parent: null, nodes: [node('a')] }]))
    expect(m.children('a', 'name', 0)).toEqual(['a/x'])
  })

  it('applies a delta: new nodes join their parent, changed ones are replaced and marked', () => {
    const m = new TreeModel()
    m.applySnapshot(snapshot([{ parent: null, nodes: [node('a', { messages: 5 })] }]))
    const changed = m.applyDelta(delta([node('a', { messages: 6 }), node('z')]), 500)
    expect(changed).toEqual(['a', 'z'])
    expect(m.nodes.get('a')?.messages).toBe(6)
    expect(m.children(null, 'name', 0)).toEqual(['a', 'z'])
    expect(m.changedSeq.get('a')).toBe(1)
    expect(m.changedAt.get('z')).toBe(500)
  })

  it('removes what a delta says is gone, with its subtree', () => {
    const m = new TreeModel()
    m.applySnapshot(
      snapshot([
        { parent: null, nodes: [node('a'), node('b')] },
        { parent: 'a', nodes: [node('a/x')] },
      ]),
    )
    m.applyDelta(delta([], ['a', 'never-seen']), 0)
    expect(m.children(null, 'name', 0)).toEqual(['b'])
    expect([...m.paths()]).toEqual(['b'])
  })

  it('sorts by messages and by recency, ties by name', () => {
    const m = new TreeModel()
    m.applySnapshot(
      snapshot([
        {
          parent: null,
          nodes: [
            node('a', { messages: 1, lastAt: 30 }),
            node('b', { messages: 9, lastAt: 10 }),
            node('c', { messages: 9, lastAt: null }),
          ],
        },
      ]),
    )
    expect(m.children(null, 'messages', 0)).toEqual(['b', 'c', 'a'])
    expect(m.children(null, 'recency', 0)).toEqual(['a', 'b', 'c'])
    m.applyDelta(delta([node('a', { messages: 20, lastAt: 30 })]), 0)
    expect(m.children(null, 'messages', 0)).toEqual(['a', 'b', 'c'])
  })

  it('does not re-sort a parent by name when only counts changed', () => {
    const m = new TreeModel()
    m.applySnapshot(snapshot([{ parent: null, nodes: [node('b'), node('a')] }]))
    const first = m.children(null, 'name', 0)
    m.applyDelta(delta([node('a', { messages: 100 })]), 0)
    expect(m.children(null, 'name', 0)).toBe(first)
  })

  it('re-orders a huge level by counts at most every couple of seconds, new children at once', () => {
    const m = new TreeModel()
    const many = Array.from({ length: BIG_LIST + 10 }, (_, i) => node(`d${i}`, { messages: 1 }))
    m.applySnapshot(snapshot([{ parent: null, nodes: many }]))
    expect(m.children(null, 'messages', 0)[0]).toBe('d0')
    m.applyDelta(delta([node(`d${BIG_LIST}`, { messages: 50 })]), 100)
    expect(m.children(null, 'messages', 100)[0]).toBe('d0')
    expect(m.children(null, 'messages', BIG_LIST_RESORT_MS + 1)[0]).toBe(`d${BIG_LIST}`)
    m.applyDelta(delta([node('zz-new', { messages: 999 })]), BIG_LIST_RESORT_MS + 2)
    expect(m.children(null, 'messages', BIG_LIST_RESORT_MS + 2)[0]).toBe('zz-new')
  })
})
