import { describe, expect, it } from 'vitest'
import { prepareDiff } from './diff-prep'

const pretty = (o: unknown) => JSON.stringify(o, null, 2)

describe('prepareDiff', () => {
  it('marks the changed line of two JSON payloads', () => {
    const d = prepareDiff(
      pretty({ temperature: 21.4, humidity: 48 }),
      pretty({ temperature: 21.9, humidity: 48 }),
    )
    expect(d.added).toBe(1)
    expect(d.removed).toBe(1)
    expect(d.lines).toEqual([
      { kind: 'same', text: '{' },
      { kind: 'removed', text: '  "temperature": 21.4,' },
      { kind: 'added', text: '  "temperature": 21.9,' },
      { kind: 'same', text: '  "humidity": 48' },
      { kind: 'same', text: '}' },
    ])
  })

  it('folds long unchanged stretches, keeping context', () => {
    const a = Array.from({ length: 40 }, (_, i) => `line ${i}`)
    const b = [...a]
    b[20] = 'changed'
    const d = prepareDiff(a.join('\n'), b.join('\n'), 2)
    const kinds = d.lines.map((l) => l.kind)
    expect(kinds).toEqual(['fold', 'same', 'same', 'removed', 'added', 'same', 'same', 'fold'])
    expect(d.lines[0]?.text).toBe('18 unchanged lines')
  })

  it('says when nothing changed', () => {
    const d = prepareDiff('same\n', 'same\n')
    expect(d.added + d.removed).toBe(0)
    expect(d.lines).toEqual([{ kind: 'same', text: 'same' }])
  })
})
