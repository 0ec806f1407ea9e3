import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { topicFilterError, topicMatches, topicNameError } from './mqtt-topic'

describe('topicMatches (MQTT §4.7)', () => {
  const cases: [string, string, boolean][] = [
    ['sport/tennis/player1/#', 'sport/tennis/player1', true],
    ['sport/tennis/player1/#', 'sport/tennis/player1/ranking', true],
    ['sport/tennis/player1/#', 'sport/tennis/player1/score/wimbledon', true],
    ['sport/#', 'sport', true],
    ['#', 'a/b/c', true],
    ['#', '/a', true],
    ['sport/tennis/+', 'sport/tennis/player1', true],
    ['sport/tennis/+', 'sport/tennis/player1/ranking', false],
    ['sport/+', 'sport', false],
    ['sport/+', 'sport/', true],
    ['+/+', '/finance', true],
    ['/+', '/finance', true],
    ['+', '/finance', false],
    ['a//b', 'a//b', true],
    ['a/+/b', 'a//b', true],
    ['#', '$SYS/broker/uptime', false],
    ['+/monitor/Clients', '$SYS/monitor/Clients', false],
    ['$SYS/#', '$SYS/broker/uptime', true],
    ['$SYS/monitor/+', '$SYS/monitor/Clients', true],
    ['home/température', 'home/température', true],
    ['home/living room', 'home/living room', true],
  ]
  it.each(cases)('%s ~ %s → %s', (filter, topic, expected) => {
    expect(topicMatches(filter, topic)).toBe(expected)
  })

  it('an exact filter matches only its own topic; # matches every non-$ topic', () => {
    const topic = fc
      .array(
        fc.string({ maxLength: 6 }).filter((s) => !/[+#/]/.test(s)),
        { minLength: 1, maxLength: 6 },
      )
      .map((l) => l.join('/'))
    fc.assert(
      fc.property(topic, topic, (a, b) => {
        expect(topicMatches(a, b)).toBe(a === b)
        expect(topicMatches('#', a)).toBe(!a.startsWith('$'))
      }),
    )
  })
})

describe('topic validation', () => {
  it('refuses wildcards, emptiness and oversize names', () => {
    expect(topicNameError('a/b')).toBeNull()
    expect(topicNameError('/leading/slash')).toBeNull()
    expect(topicNameError('')).toMatch(/empty/)
    expect(topicNameError('a/+/b')).toMatch(/wildcards/)
    expect(topicNameError('x'.repeat(65535))).toBeNull()
    expect(topicNameError('é'.repeat(40000))).toMatch(/longer than 65535 bytes/)
  })
  it('checks filters level by level', () => {
    for (const ok of ['#', '+', 'a/#', 'a/+/b', '+/+', '/#', '$SYS/#'])
      expect(topicFilterError(ok)).toBeNull()
    expect(topicFilterError('a/#/b')).toMatch(/last/)
    expect(topicFilterError('a#')).toMatch(/whole level/)
    expect(topicFilterError('a/b+')).toMatch(/whole level/)
  })
})
