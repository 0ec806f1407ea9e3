import type { Client } from 'aedes'
import { describe, expect, it } from 'vitest'
import { ForwardDedupe } from './forward-dedupe'

const client = () => ({ duplicates: {} as Record<string, number> }) as unknown as Client

describe('ForwardDedupe', () => {
  it('lets each counter through once per client, in any order', () => {
    const d = new ForwardDedupe()
    const a = client()
    const b = client()
    // A retained publish (counter 1) overtaken by a later QoS 0 one (counter 2): both go out.
    expect(d.first(a, 'broker', 2)).toBe(true)
    expect(d.first(a, 'broker', 1)).toBe(true)
    // The copy for a second matching subscription does not.
    expect(d.first(a, 'broker', 2)).toBe(false)
    expect(d.first(b, 'broker', 2)).toBe(true)
  })

  it('always lets through what has no broker id (retained messages sent on SUBSCRIBE)', () => {
    const d = new ForwardDedupe()
    const a = client()
    expect(d.first(a, null, 5)).toBe(true)
    expect(d.first(a, null, 5)).toBe(true)
  })

  it('remembers a window of counters, not all of them', () => {
    const d = new ForwardDedupe()
    const a = client()
    for (let n = 1; n <= 300; n++) d.first(a, 'broker', n)
    expect(d.first(a, 'broker', 300)).toBe(false)
    expect(d.first(a, 'broker', 1)).toBe(true)
  })

  it('turns aedes’s own highest-counter rule off for the broker’s counters only', () => {
    const d = new ForwardDedupe()
    const a = client()
    d.disable(a, 'broker')
    const duplicates = (a as unknown as { duplicates: Record<string, number> }).duplicates
    duplicates.broker = 99
    expect(duplicates.broker).toBe(0)
    duplicates.other = 5
    expect(duplicates.other).toBe(5)
  })
})
