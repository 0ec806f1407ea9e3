import { describe, expect, it } from 'vitest'
import { consumerCounters, consumerRunning, consumerTarget, counterParts } from './consumer-text'

describe('a consumer in words', () => {
  it('names the queue, or the tapped exchange and key', () => {
    expect(consumerTarget({ kind: 'consumer', queue: 'orders', exchange: null, bindingKey: null })).toBe(
      'orders',
    )
    expect(consumerTarget({ kind: 'tap', queue: 'amq.gen-1', exchange: 'shop', bindingKey: 'order.#' })).toBe(
      'shop · order.#',
    )
    expect(consumerTarget({ kind: 'tap', queue: 'amq.gen-2', exchange: '', bindingKey: '' })).toBe(
      '(default exchange) · (empty key)',
    )
  })

  it('counts settlements only where the user settles', () => {
    expect(
      consumerCounters({ ackMode: 'manual', delivered: 1200, acked: 1000, nacked: 3, pending: 197 }),
    ).toBe(`${(1200).toLocaleString()} delivered · ${(1000).toLocaleString()} acked · 3 nacked · 197 pending`)
    expect(consumerCounters({ ackMode: 'auto', delivered: 5, acked: 0, nacked: 0, pending: 0 })).toBe(
      '5 delivered',
    )
  })

  it('counts a restoring consumer as running', () => {
    expect(consumerRunning({ state: 'restoring' })).toBe(true)
    expect(consumerRunning({ state: 'failed' })).toBe(false)
  })
})

describe('consumer counters as figures', () => {
  it('pairs each figure with its label', () => {
    expect(counterParts({ ackMode: 'manual', delivered: 3, acked: 2, nacked: 0, pending: 1 })).toEqual([
      ['3', 'delivered'],
      ['2', 'acked'],
      ['0', 'nacked'],
      ['1', 'pending'],
    ])
    expect(counterParts({ ackMode: 'auto', delivered: 3, acked: 0, nacked: 0, pending: 0 })).toEqual([
      ['3', 'delivered'],
    ])
  })
})
