import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { BrokerEvent } from '../../shared/built-in-broker'
import { BrokerTimeline } from './broker-timeline'

const line = (clientId: string, text = 'x') =>
  ({ connectionId: `c-${clientId}`, clientId, kind: 'publish', text }) as const

describe('BrokerTimeline', () => {
  let batches: BrokerEvent[][]
  beforeEach(() => {
    vi.useFakeTimers()
    batches = []
  })
  afterEach(() => vi.useRealTimers())

  it('numbers lines in order and fills the fields a kind leaves out', () => {
    const t = new BrokerTimeline((b) => batches.push(b))
    const a = t.add(line('a'))
    const b = t.add({ ...line('b'), topic: 't', qos: 1, retain: true, preview: '1', size: 1 })
    expect(b.id).toBe(a.id + 1)
    expect(a).toMatchObject({ topic: null, qos: null, retain: null, preview: null, size: null, reason: null })
    expect(b).toMatchObject({ topic: 't', qos: 1, retain: true })
  })

  it('keeps a quiet client’s lines when a chatty one floods the overall ring', () => {
    const t = new BrokerTimeline(() => undefined, { total: 10, perClient: 5 })
    t.add(line('quiet', 'connected'))
    for (let i = 0; i < 50; i++) t.add(line('chatty', `p${i}`))
    expect(t.list(null, 100)).toHaveLength(10)
    expect(t.list(null, 100).every((e) => e.clientId === 'chatty')).toBe(true)
    expect(t.list('quiet', 100).map((e) => e.text)).toEqual(['connected'])
    expect(t.list('chatty', 100).map((e) => e.text)).toEqual(['p45', 'p46', 'p47', 'p48', 'p49'])
    expect(t.list('chatty', 2).map((e) => e.text)).toEqual(['p48', 'p49'])
    expect(t.list('nobody', 10)).toEqual([])
  })

  it('forgets the client id silent the longest when there are too many', () => {
    const t = new BrokerTimeline(() => undefined, { clients: 2 })
    t.add(line('a'))
    t.add(line('b'))
    t.add(line('a'))
    t.add(line('c'))
    expect(t.list('b', 10)).toEqual([])
    expect(t.list('a', 10)).toHaveLength(2)
    expect(t.list('c', 10)).toHaveLength(1)
  })

  it('sends lines in batches, at most one per 250 ms', () => {
    const t = new BrokerTimeline((b) => batches.push(b))
    for (let i = 0; i < 30; i++) t.add(line('a'))
    expect(batches).toHaveLength(0)
    vi.advanceTimersByTime(250)
    expect(batches.map((b) => b.length)).toEqual([30])
    for (let i = 0; i < 1000; i++) {
      t.add(line('a'))
      vi.advanceTimersByTime(1)
    }
    vi.advanceTimersByTime(250)
    // 1,000 lines over a second: four or five batches, every line in one of them.
    expect(batches.length).toBeLessThanOrEqual(6)
    expect(batches.slice(1).reduce((n, b) => n + b.length, 0)).toBe(1000)
  })

  it('sends what is pending when closed', () => {
    const t = new BrokerTimeline((b) => batches.push(b))
    t.add(line('a'))
    t.close()
    expect(batches).toHaveLength(1)
  })
})
