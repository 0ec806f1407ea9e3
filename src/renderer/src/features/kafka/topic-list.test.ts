import { describe, expect, it } from 'vitest'
import type { KafkaTopicSummary } from '../../../../shared/kafka'
import { nextSort, topicLag, visibleTopics } from './topic-list'

const topic = (
  name: string,
  messages: number,
  groups: [string, number | null][] = [],
  internal = false,
  sizeBytes: number | null = null,
): KafkaTopicSummary => ({
  name,
  internal,
  partitions: 3,
  replicationFactor: 1,
  messages,
  sizeBytes,
  groups: groups.map(([groupId, lag]) => ({ groupId, lag })),
})

const topics = [
  topic('orders', 3000, [
    ['billing', 1200],
    ['audit', null],
  ]),
  topic('payments', 10, [['billing', 0]], false, 2048),
  topic('__consumer_offsets', 50, [], true),
  topic('clicks', 99_000),
]

describe('the topic list', () => {
  it('adds the lag of the groups with a commit, and has none when no group committed', () => {
    expect(topicLag(topics[0]!)).toBe(1200)
    expect(topicLag(topic('x', 0, [['a', null]]))).toBeNull()
    expect(topicLag(topic('x', 0, [['a', 0]]))).toBe(0)
  })

  it('searches names and hides internal topics', () => {
    const names = (opts: { search: string; hideInternal: boolean }) =>
      visibleTopics(topics, { ...opts, sort: { key: 'name', desc: false } }).map((t) => t.name)
    expect(names({ search: '', hideInternal: false })).toEqual([
      '__consumer_offsets',
      'clicks',
      'orders',
      'payments',
    ])
    expect(names({ search: '', hideInternal: true })).toEqual(['clicks', 'orders', 'payments'])
    expect(names({ search: 'PAY', hideInternal: true })).toEqual(['payments'])
  })

  it('sorts by a figure, a missing figure last either way', () => {
    const by = (key: 'lag' | 'size' | 'messages', desc: boolean) =>
      visibleTopics(topics, { search: '', hideInternal: true, sort: { key, desc } }).map((t) => t.name)
    expect(by('messages', true)).toEqual(['clicks', 'orders', 'payments'])
    expect(by('lag', true)).toEqual(['orders', 'payments', 'clicks'])
    expect(by('lag', false)).toEqual(['payments', 'orders', 'clicks'])
    expect(by('size', false)).toEqual(['payments', 'clicks', 'orders'])
  })

  it('flips a column clicked again; a new figure column starts with the largest', () => {
    expect(nextSort({ key: 'name', desc: false }, 'name', ['name'])).toEqual({ key: 'name', desc: true })
    expect(nextSort({ key: 'name', desc: false }, 'lag', ['name'])).toEqual({ key: 'lag', desc: true })
    expect(nextSort({ key: 'lag', desc: true }, 'name', ['name'])).toEqual({ key: 'name', desc: false })
  })
})
