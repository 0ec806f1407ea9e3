import { describe, expect, it } from 'vitest'
import {
  browseRequest,
  continueRequest,
  newBrowseDraft,
  parseLocalDateTime,
  toLocalDateTime,
} from './browse-draft'

const target = { profileId: 'p1', topic: 'orders', partitionCount: 3 }

describe('the records browser form', () => {
  it('reads datetime-local values in local time, and refuses impossible dates', () => {
    expect(parseLocalDateTime('2024-03-12T14:03')).toBe(new Date(2024, 2, 12, 14, 3).getTime())
    expect(parseLocalDateTime('2024-03-12T14:03:07.5')).toBe(new Date(2024, 2, 12, 14, 3, 7, 500).getTime())
    expect(parseLocalDateTime('2024-02-31T10:00')).toBeNull()
    expect(parseLocalDateTime('2024-03-12')).toBeNull()
    const ms = new Date(2023, 11, 31, 23, 59, 58).getTime()
    expect(toLocalDateTime(ms)).toBe('2023-12-31T23:59:58')
    expect(parseLocalDateTime(toLocalDateTime(ms))).toBe(ms)
  })

  it('asks for the newest records of every partition by default, with no filter', () => {
    expect(browseRequest(newBrowseDraft(), target)).toEqual({
      ok: true,
      request: {
        profileId: 'p1',
        topic: 'orders',
        from: { kind: 'end' },
        partitions: null,
        limit: 50,
        filter: { key: null, header: null, text: null },
      },
    })
  })

  it('reads from offsets only on the partitions given one', () => {
    const draft = {
      ...newBrowseDraft(),
      from: 'offset' as const,
      offsets: { 0: '', 1: '0100', 2: ' 7 ' },
      key: 'k',
    }
    const r = browseRequest(draft, target)
    expect(r.ok && r.request.from).toEqual({
      kind: 'offset',
      offsets: [
        { partition: 1, offset: '100' },
        { partition: 2, offset: '7' },
      ],
    })
    expect(r.ok && r.request.partitions).toEqual([1, 2])
    expect(r.ok && r.request.filter).toEqual({ key: 'k', header: null, text: null })
    // within the partitions picked
    const only2 = browseRequest({ ...draft, partitions: [2] }, target)
    expect(only2.ok && only2.request.partitions).toEqual([2])
  })

  it('says what is missing', () => {
    expect(browseRequest({ ...newBrowseDraft(), from: 'offset' }, target)).toEqual({
      ok: false,
      error: 'Enter an offset for at least one partition',
    })
    expect(browseRequest({ ...newBrowseDraft(), from: 'offset', offsets: { 1: '-5' } }, target)).toEqual({
      ok: false,
      error: 'Partition 1: an offset is a whole number ≥ 0',
    })
    expect(browseRequest({ ...newBrowseDraft(), from: 'timestamp', at: '' }, target).ok).toBe(false)
    expect(browseRequest({ ...newBrowseDraft(), partitions: [] }, target).ok).toBe(false)
    const at = browseRequest({ ...newBrowseDraft(), from: 'timestamp', at: '2024-03-12T14:03' }, target)
    expect(at.ok && at.request.from).toEqual({
      kind: 'timestamp',
      at: new Date(2024, 2, 12, 14, 3).getTime(),
    })
  })

  it('continues a read where its page stopped', () => {
    const r = browseRequest(newBrowseDraft(), target)
    if (!r.ok) throw new Error('expected a request')
    const next = [
      { partition: 0, offset: '50' },
      { partition: 2, offset: '9' },
    ]
    expect(continueRequest(r.request, next)).toEqual({
      ...r.request,
      from: { kind: 'offset', offsets: next },
      partitions: [0, 2],
    })
    expect(continueRequest(r.request, [])).toBeNull()
  })
})
