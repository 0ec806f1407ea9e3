import { describe, expect, it } from 'vitest'
import type { MessageSummary } from '../../../../shared/messages'
import { appendRecords, keyText, matchesFilter, recordTime, valueLine } from './record-rows'

const enc = new TextEncoder()

function record(
  partition: number,
  offset: number,
  p: Partial<MessageSummary> = {},
  key: string | null = null,
) {
  return {
    id: partition * 1000 + offset,
    profileId: 'p',
    protocol: 'kafka',
    direction: 'in',
    topic: `orders/${partition}`,
    receivedAt: 0,
    size: 10,
    preview: '{"n": 1}',
    previewTruncated: false,
    qos: null,
    retain: false,
    dup: false,
    properties: null,
    amqp: null,
    kafka: {
      topic: 'orders',
      partition,
      offset: String(offset),
      key: key === null ? null : enc.encode(key),
      headers: [['trace', enc.encode('abc-123')]],
      timestamp: 0,
      timestampType: 'create',
    },
    ...p,
  } satisfies MessageSummary
}

describe('record rows', () => {
  it('shows a key as text when it is text, else as hex', () => {
    expect(keyText(null)).toEqual({ kind: 'none' })
    expect(keyText(enc.encode('customer-7'))).toEqual({ kind: 'text', text: 'customer-7' })
    expect(keyText(new Uint8Array([0, 1, 0xff]))).toEqual({ kind: 'hex', text: '00 01 ff' })
    expect(keyText(new Uint8Array([0x41, 0x01]))).toEqual({ kind: 'hex', text: '41 01' })
    const long = keyText(new Uint8Array(40).fill(0xfe))
    expect(long.kind === 'hex' && long.text.endsWith(' …')).toBe(true)
  })

  it('gives the time of day to the millisecond today, and the date otherwise', () => {
    const at = new Date(2024, 2, 12, 14, 3, 22, 481).getTime()
    expect(recordTime(at, new Date(2024, 2, 12, 23, 0).getTime())).toBe('14:03:22.481')
    expect(recordTime(at, new Date(2024, 2, 13, 0, 1).getTime())).toBe('2024-03-12 14:03:22')
  })

  it('puts a value on one line and marks a cut preview', () => {
    expect(valueLine({ preview: '{\n  "a": 1\n}', previewTruncated: false })).toBe('{ "a": 1 }')
    expect(valueLine({ preview: 'abc', previewTruncated: true })).toBe('abc…')
    expect(valueLine({ preview: null, previewTruncated: false })).toBeNull()
  })

  it('appends pages without repeating a record, up to the cap', () => {
    const a = [record(0, 1), record(0, 2)]
    const again = { ...record(0, 2), id: 99_999 }
    const r = appendRecords(a, [again, record(1, 1), record(1, 2)], 3)
    expect(r.records.map((x) => x.kafka?.offset + '@' + x.kafka?.partition)).toEqual(['1@0', '2@0', '1@1'])
    expect(r.dropped).toBe(1)
  })

  it('filters live records by key, header and text as reads are filtered', () => {
    const r = record(0, 1, {}, 'customer-7')
    const f = (p: Partial<{ key: string; header: string; text: string }>) =>
      matchesFilter(r, { key: '', header: '', text: '', ...p })
    expect(f({})).toBe(true)
    expect(f({ key: 'tomer' })).toBe(true)
    expect(f({ key: 'nobody' })).toBe(false)
    expect(f({ header: 'trace' })).toBe(true)
    expect(f({ header: 'trace=123' })).toBe(true)
    expect(f({ header: 'trace=999' })).toBe(false)
    expect(f({ header: 'span' })).toBe(false)
    expect(f({ text: '"n"' })).toBe(true)
    expect(f({ text: 'zzz' })).toBe(false)
    expect(matchesFilter(record(0, 1), { key: 'a', header: '', text: '' })).toBe(false)
  })
})
