import { describe, expect, it } from 'vitest'
import { highlightSegments, oneLine } from './snippet-highlight'

const marked = (text: string, ranges: [number, number][]) =>
  highlightSegments(text, ranges)
    .map((s) => (s.mark ? `[${s.text}]` : s.text))
    .join('')

describe('snippet highlighting', () => {
  it('marks each range once, in order', () => {
    expect(marked('{"temperature":21.4}', [[15, 19]])).toBe('{"temperature":[21.4]}')
    expect(
      marked('on and off', [
        [7, 10],
        [0, 2],
      ]),
    ).toBe('[on] and [off]')
  })

  it('merges overlapping and touching ranges (two words, one inside the other)', () => {
    expect(
      marked('temperature', [
        [0, 4],
        [0, 11],
      ]),
    ).toBe('[temperature]')
    expect(
      marked('abcdef', [
        [0, 2],
        [2, 4],
      ]),
    ).toBe('[abcd]ef')
  })

  it('clamps ranges to the text and drops empty ones', () => {
    expect(
      marked('short', [
        [3, 99],
        [-5, 1],
        [2, 2],
      ]),
    ).toBe('[s]ho[rt]')
    expect(highlightSegments('', [[0, 3]])).toEqual([])
    expect(highlightSegments('plain', [])).toEqual([{ text: 'plain', mark: false }])
  })

  it('puts a snippet on one line', () => {
    expect(oneLine(highlightSegments('a\n  b', [[4, 5]]))).toEqual([
      { text: 'a ', mark: false },
      { text: 'b', mark: true },
    ])
  })
})
