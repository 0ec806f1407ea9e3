import { describe, expect, it } from 'vitest'
import { TopicTree } from './topic-tree'

const msg = (id: number, payload = '1', retain = false, at = 1000 + id) => ({
  id,
  receivedAt: at,
  payload: new TextEncoder().encode(payload),
  retain,
  live: true,
})

describe('TopicTree', () => {
  it('counts messages and topics per subtree', () => {
    const t = new TopicTree()
    t.record('home/kitchen/temp', msg(1))
    t.record('home/kitchen/temp', msg(2))
    t.record('home/kitchen/hum', msg(3))
    t.record('home', msg(4))
    t.record('garden/temp', msg(5))
    const home = t.nodeFor('home')!
    expect([home.messages, home.own, home.topics]).toEqual([4, 1, 3])
    expect([t.nodeFor('home/kitchen')!.messages, t.nodeFor('home/kitchen')!.topics]).toEqual([3, 2])
    expect(t.totals(2000)).toMatchObject({ messages: 5, topics: 4, nodes: 6 })
    expect(t.nodeFor('home/kitchen/none')).toBeNull()
  })

  it('keeps empty levels and leading slashes as real levels', () => {
    const t = new TopicTree()
    t.record('/a', msg(1))
    t.record('a//b', msg(2))
    expect(
      t
        .childEntries(t.root, null)
        .map(([, path]) => path)
        .sort(),
    ).toEqual(['', 'a'])
    expect(t.childEntries(t.nodeFor('a')!, 'a').map(([, path]) => path)).toEqual(['a/'])
    expect(t.pathOf(t.nodeFor('a//b')!)).toBe('a//b')
    expect(t.pathOf(t.nodeFor('/a')!)).toBe('/a')
  })

  it('summarizes the last message with a cut preview and the retain flags', () => {
    const t = new TopicTree()
    t.record('plain', msg(9, 'kept in the history'))
    expect(t.needsPreview(t.nodeFor('plain')!)).toBe(true) // read from the history when shown
    expect(t.nodeFor('plain')!.preview).toBeNull()
    t.record('cfg', { ...msg(1, 'x'.repeat(100), true), keepPreview: true })
    expect(t.needsPreview(t.nodeFor('cfg')!)).toBe(false)
    const s = t.summarize(t.nodeFor('cfg')!, 'cfg', 2000)
    expect(s).toMatchObject({
      retained: true,
      live: true,
      last: { id: 1, size: 100, previewTruncated: true, retain: true },
    })
    expect(s.last!.preview).toHaveLength(64)
    t.record('cfg', msg(2, '', true)) // an empty retained message deletes it at the broker
    expect(t.nodeFor('cfg')!.retained).toBe(false)
  })

  it('lists each changed node once per tick, ancestors included', () => {
    const t = new TopicTree()
    t.record('a/b/c', msg(1))
    t.record('a/b/c', msg(2))
    t.record('a/x', msg(3))
    const dirty = t.takeDirty().map((n) => (n.parent ? t.pathOf(n) : '<root>'))
    expect(dirty.sort()).toEqual(['<root>', 'a', 'a/b', 'a/b/c', 'a/x'])
    expect(t.takeDirty()).toEqual([])
    t.record('a/x', msg(4))
    expect(
      t
        .takeDirty()
        .map((n) => (n.parent ? t.pathOf(n) : '<root>'))
        .sort(),
    ).toEqual(['<root>', 'a', 'a/x'])
  })

  it('finds retained topics in a subtree, however deep, and forgets one the app cleared', () => {
    const t = new TopicTree()
    const deep = Array.from({ length: 20_000 }, (_, i) => `l${i}`).join('/')
    t.record(deep, msg(1, 'v', true))
    t.record('l0/r', msg(2, 'v', true))
    t.record('l0/n', msg(3, 'v', false))
    const found = t.retainedTopics(t.nodeFor('l0')!, 'l0', 10)
    expect(found.count).toBe(2)
    expect(found.topics.sort()).toEqual([deep, 'l0/r'].sort())
    t.clearRetained('l0/r')
    expect(t.retainedTopics(t.root, null).count).toBe(1)
  })

  it('smooths the rate and lets it decay when traffic stops', () => {
    const t = new TopicTree()
    for (let i = 0; i < 200; i++) t.record('busy', msg(i, '1', false, 1000 + i * 100)) // 10 msg/s for 20 s
    const now = 1000 + 200 * 100
    const rate = t.summarize(t.nodeFor('busy')!, 'busy', now).rate
    expect(rate).toBeGreaterThan(7)
    expect(rate).toBeLessThan(11)
    expect(t.summarize(t.nodeFor('busy')!, 'busy', now + 120_000).rate).toBe(0)
  })
})
