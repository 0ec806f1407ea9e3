import { describe, expect, it } from 'vitest'
import {
  activeFilterCount,
  buildHistoryFilter,
  EMPTY_FORM,
  parseLocalDateTime,
  parseSize,
  scopeTopic,
  toLocalDateTime,
} from './history-filter'

describe('history filter', () => {
  it('reads sizes as people type them', () => {
    expect(parseSize('512')).toBe(512)
    expect(parseSize('2 KB')).toBe(2048)
    expect(parseSize('1.5mb')).toBe(1.5 * 1024 * 1024)
    expect(parseSize(' 3 b ')).toBe(3)
    expect(parseSize('1 parsec')).toBeNull()
    expect(parseSize('-4')).toBeNull()
    expect(parseSize('')).toBeNull()
  })

  it('reads the jump-to time as local time, both ways', () => {
    const t = parseLocalDateTime('2024-06-01T03:00')
    expect(t).toBe(new Date(2024, 5, 1, 3, 0, 0).getTime())
    expect(parseLocalDateTime('2024-06-01T03:00:15')).toBe(t! + 15_000)
    expect(toLocalDateTime(t! + 15_000)).toBe('2024-06-01T03:00:15')
    expect(parseLocalDateTime('yesterday')).toBeNull()
  })

  it('scopes to the topic, its subtree or the whole connection', () => {
    expect(scopeTopic('topic', 'home/kitchen')).toBe('home/kitchen')
    expect(scopeTopic('subtree', 'home')).toBe('home/#')
    expect(scopeTopic('all', 'home')).toBeNull()
    expect(scopeTopic('topic', null)).toBeNull()
  })

  it('builds the API filter from the form', () => {
    const built = buildHistoryFilter('p1', 'home', {
      ...EMPTY_FORM,
      scope: 'subtree',
      text: '  alarm on ',
      direction: 'in',
      retain: 'no',
      qos: '1',
      minSize: '1 KB',
      maxSize: '',
      until: '2024-06-01T03:00',
    })
    expect(built).toEqual({
      ok: true,
      filter: {
        profileId: 'p1',
        topic: 'home/#',
        from: null,
        to: new Date(2024, 5, 1, 3, 0).getTime(),
        text: 'alarm on',
        direction: 'in',
        retain: false,
        qos: 1,
        minSize: 1024,
        maxSize: null,
      },
    })
    expect(buildHistoryFilter('p1', null, EMPTY_FORM)).toEqual({
      ok: true,
      filter: {
        profileId: 'p1',
        topic: null,
        from: null,
        to: null,
        text: null,
        direction: null,
        retain: null,
        qos: null,
        minSize: null,
        maxSize: null,
      },
    })
  })

  it('names the wrong fields instead of sending half a filter', () => {
    const built = buildHistoryFilter('p1', null, {
      ...EMPTY_FORM,
      scope: 'topic',
      minSize: '2 KB',
      maxSize: '1 KB',
      until: 'soon',
    })
    expect(built.ok).toBe(false)
    if (built.ok) return
    expect(Object.keys(built.errors).sort()).toEqual(['maxSize', 'scope', 'until'])
    expect(buildHistoryFilter('p1', 'a/+', { ...EMPTY_FORM, scope: 'topic' }).ok).toBe(false)
  })

  it('counts the narrowing fields for the badge', () => {
    expect(activeFilterCount(EMPTY_FORM)).toBe(0)
    expect(activeFilterCount({ ...EMPTY_FORM, text: 'x', scope: 'topic', qos: '2', until: 'x' })).toBe(2)
  })
})
