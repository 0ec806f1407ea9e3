import { describe, expect, it } from 'vitest'
import { ApiError } from '../../shared/api-error'
import type { KafkaResetMode } from '../../shared/kafka'
import { planReset, resetRefusal, resetScope, topicPartitionKey, type PartitionState } from './reset-plan'

// Topic "a": 3 partitions, the group committed 0 and 1; "b": 1 partition, no commit; "c": committed.
const states: PartitionState[] = [
  { topic: 'c', partition: 0, committed: 4n, logStart: 0n, logEnd: 4n },
  { topic: 'a', partition: 2, committed: null, logStart: 0n, logEnd: 30n },
  { topic: 'a', partition: 0, committed: 5n, logStart: 2n, logEnd: 10n },
  { topic: 'a', partition: 1, committed: 20n, logStart: 0n, logEnd: 20n },
  { topic: 'b', partition: 0, committed: null, logStart: 0n, logEnd: 7n },
]
const keys = (scope: PartitionState[]) => scope.map((s) => `${s.topic}-${s.partition}`)
const plan = (topic: string | null, mode: KafkaResetMode, byTime?: Map<string, bigint>) =>
  planReset(resetScope(states, topic, mode, 'g'), mode, byTime)
const nexts = (rows: ReturnType<typeof planReset>) => rows.map((r) => `${r.topic}-${r.partition}=${r.next}`)
const apiError = (fn: () => unknown) => {
  try {
    fn()
  } catch (error) {
    if (error instanceof ApiError) return { code: error.code, message: error.message }
    throw error
  }
  throw new Error('no error')
}

describe('resetScope', () => {
  it('covers every partition of a named topic, commit or not, in partition order', () => {
    expect(keys(resetScope(states, 'a', { kind: 'earliest' }, 'g'))).toEqual(['a-0', 'a-1', 'a-2'])
    expect(keys(resetScope(states, 'b', { kind: 'latest' }, 'g'))).toEqual(['b-0'])
  })
  it('covers all partitions of the topics the group committed on when no topic is named', () => {
    expect(keys(resetScope(states, null, { kind: 'earliest' }, 'g'))).toEqual(['a-0', 'a-1', 'a-2', 'c-0'])
  })
  it('shifts only partitions with a commit, in either scope', () => {
    expect(keys(resetScope(states, 'a', { kind: 'shift', by: -1 }, 'g'))).toEqual(['a-0', 'a-1'])
    expect(keys(resetScope(states, null, { kind: 'shift', by: 1 }, 'g'))).toEqual(['a-0', 'a-1', 'c-0'])
  })
  it('refuses a shift where nothing has a commit', () => {
    expect(apiError(() => resetScope(states, 'b', { kind: 'shift', by: 1 }, 'g'))).toMatchObject({
      code: 'invalid_input',
      message: expect.stringMatching(/no committed offset on b/),
    })
  })
  it('refuses "all topics" for a group without commits, and an unknown topic', () => {
    const none = states.map((s) => ({ ...s, committed: null }))
    expect(apiError(() => resetScope(none, null, { kind: 'latest' }, 'g'))).toMatchObject({
      code: 'invalid_input',
      message: 'Group g has no committed offsets: choose a topic to reset it on',
    })
    expect(apiError(() => resetScope(states, 'zz', { kind: 'latest' }, 'g')).code).toBe('not_found')
  })
  it('takes exactly the partitions of explicit offsets, and checks them', () => {
    const mode = (offsets: { topic: string; partition: number; offset: string }[]): KafkaResetMode => ({
      kind: 'offsets',
      offsets,
    })
    expect(
      keys(
        resetScope(
          states,
          null,
          mode([
            { topic: 'b', partition: 0, offset: '1' },
            { topic: 'a', partition: 2, offset: '3' },
          ]),
          'g',
        ),
      ),
    ).toEqual(['a-2', 'b-0'])
    expect(
      apiError(() => resetScope(states, null, mode([{ topic: 'a', partition: 9, offset: '1' }]), 'g')),
    ).toEqual({
      code: 'invalid_input',
      message: 'Topic a has no partition 9',
    })
    expect(
      apiError(() => resetScope(states, 'a', mode([{ topic: 'b', partition: 0, offset: '1' }]), 'g')).code,
    ).toBe('invalid_input')
    const twice = mode([
      { topic: 'a', partition: 0, offset: '1' },
      { topic: 'a', partition: 0, offset: '2' },
    ])
    expect(apiError(() => resetScope(states, null, twice, 'g')).message).toBe('a-0 is listed twice')
  })
})

describe('planReset', () => {
  it('earliest and latest go to logStart and logEnd, with the lag that leaves', () => {
    const rows = plan('a', { kind: 'earliest' })
    expect(rows).toEqual([
      { topic: 'a', partition: 0, current: '5', next: '2', logStart: '2', logEnd: '10', lagAfter: 8 },
      { topic: 'a', partition: 1, current: '20', next: '0', logStart: '0', logEnd: '20', lagAfter: 20 },
      { topic: 'a', partition: 2, current: null, next: '0', logStart: '0', logEnd: '30', lagAfter: 30 },
    ])
    expect(plan('a', { kind: 'latest' }).map((r) => [r.next, r.lagAfter])).toEqual([
      ['10', 0],
      ['20', 0],
      ['30', 0],
    ])
  })
  it('timestamp takes the offsets found by time, logEnd where none was found, clamped', () => {
    const byTime = new Map([
      [topicPartitionKey('a', 0), 0n], // below logStart 2: clamped
      [topicPartitionKey('a', 1), 12n],
    ])
    expect(nexts(plan('a', { kind: 'timestamp', at: 1 }, byTime))).toEqual(['a-0=2', 'a-1=12', 'a-2=30'])
  })
  it('explicit offsets are clamped into the log', () => {
    const rows = plan(null, {
      kind: 'offsets',
      offsets: [
        { topic: 'a', partition: 0, offset: '0' },
        { topic: 'a', partition: 1, offset: '7' },
        { topic: 'a', partition: 2, offset: '99' },
      ],
    })
    expect(nexts(rows)).toEqual(['a-0=2', 'a-1=7', 'a-2=30'])
  })
  it('shift moves from the commit and stops at the log bounds', () => {
    expect(nexts(plan(null, { kind: 'shift', by: -3 }))).toEqual(['a-0=2', 'a-1=17', 'c-0=1'])
    expect(nexts(plan(null, { kind: 'shift', by: 3 }))).toEqual(['a-0=8', 'a-1=20', 'c-0=4'])
    expect(plan('a', { kind: 'shift', by: -3 }).map((r) => r.lagAfter)).toEqual([8, 3])
  })
})

describe('resetRefusal', () => {
  it('allows Empty and Dead groups', () => {
    expect(resetRefusal('g', 'Empty', 0)).toBeNull()
    expect(resetRefusal('g', 'Dead', 0)).toBeNull()
  })
  it('refuses groups with members, naming how many', () => {
    expect(resetRefusal('g', 'Stable', 2)).toBe(
      'Group g has 2 active members: stop them before resetting offsets',
    )
    expect(resetRefusal('g', 'PreparingRebalance', 1)).toBe(
      'Group g has 1 active member: stop it before resetting offsets',
    )
    expect(resetRefusal('g', 'PreparingRebalance', 0)).toMatch(/is PreparingRebalance, not Empty/)
  })
})
