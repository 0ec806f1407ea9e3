import { describe, expect, it } from 'vitest'
import { node } from './node-fixture'
import { previewText, rowTitle, visibleLevel } from './row-text'

const last = (over: Partial<NonNullable<ReturnType<typeof node>['last']>>) => ({
  id: 1,
  receivedAt: 0,
  size: 4,
  preview: '21.4',
  previewTruncated: false,
  retain: false,
  ...over,
})

describe('row text', () => {
  it('shows empty levels, spaces, Unicode and control characters faithfully', () => {
    expect(visibleLevel('a//b')).toEqual({ text: 'b', empty: false })
    expect(visibleLevel('a/')).toEqual({ text: '∅', empty: true })
    expect(visibleLevel('')).toEqual({ text: '∅', empty: true })
    expect(visibleLevel('with space/x y ')).toEqual({ text: 'x y ', empty: false })
    expect(visibleLevel('ünïcødé/温度')).toEqual({ text: '温度', empty: false })
    expect(visibleLevel('a\tb').text).toBe('a␉b')
  })

  it('previews the last value on one line', () => {
    expect(previewText(node('t'))).toBe('')
    expect(previewText(node('t', { last: last({}) }))).toBe('21.4')
    expect(previewText(node('t', { last: last({ preview: '{\n  "a": 1\n}' }) }))).toBe('{ "a": 1 }')
    expect(previewText(node('t', { last: last({ preview: 'abc', previewTruncated: true }) }))).toBe('abc…')
    expect(previewText(node('t', { last: last({ preview: null, size: 2048 }) }))).toBe('‹binary 2 KB›')
    expect(previewText(node('t', { last: last({ preview: '', size: 0 }) }))).toBe('‹empty›')
  })

  it('titles a row with the full topic', () => {
    expect(rowTitle(node('a/b', { messages: 3, topics: 2, retained: true }), 'a/b')).toBe(
      'a/b\n3 messages in 2 topics\nretained message on the broker',
    )
    expect(rowTitle(undefined, '')).toBe('')
    const partitions = (n: number) => (n === 1 ? 'partition' : 'partitions')
    expect(rowTitle(node('orders', { messages: 90, topics: 3 }), 'orders', partitions)).toBe(
      'orders\n90 messages in 3 partitions',
    )
  })
})
