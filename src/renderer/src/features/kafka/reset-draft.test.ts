import { describe, expect, it } from 'vitest'
import type { KafkaGroupOffset } from '../../../../shared/kafka'
import {
  newResetDraft,
  offsetDelta,
  previewTotals,
  resetRequest,
  rowChanges,
  scopedOffsets,
  type PreviewRow,
} from './reset-draft'

const offset = (topic: string, partition: number, committed: string | null): KafkaGroupOffset => ({
  topic,
  partition,
  committed,
  logStart: '0',
  logEnd: '1000',
  lag: committed === null ? null : 1000 - Number(committed),
  metadata: null,
  lastCommitSeenAt: null,
})
const offsets = [offset('orders', 1, '400'), offset('orders', 0, '250'), offset('clicks', 0, null)]
const target = { profileId: 'p', groupId: 'billing', offsets }

describe('the reset-offsets form', () => {
  it('starts at earliest over every topic, with the committed offsets prefilled', () => {
    const d = newResetDraft(offsets)
    expect(d.kind).toBe('earliest')
    expect(d.offsets).toEqual({ 'orders:1': '400', 'orders:0': '250', 'clicks:0': '' })
    expect(resetRequest(d, target)).toEqual({
      ok: true,
      request: { profileId: 'p', groupId: 'billing', topic: null, mode: { kind: 'earliest' } },
    })
    expect(scopedOffsets(offsets, 'orders').map((o) => o.partition)).toEqual([0, 1])
  })

  it('sends the offsets typed for the topic in scope, leaving empty ones alone', () => {
    const d = { ...newResetDraft(offsets, 'orders'), kind: 'offsets' as const }
    d.offsets = { ...d.offsets, 'orders:1': '', 'orders:0': '0010', 'clicks:0': '5' }
    const r = resetRequest(d, target)
    expect(r.ok && r.request).toEqual({
      profileId: 'p',
      groupId: 'billing',
      topic: 'orders',
      mode: { kind: 'offsets', offsets: [{ topic: 'orders', partition: 0, offset: '10' }] },
    })
    d.offsets['orders:0'] = 'x'
    expect(resetRequest(d, target)).toEqual({
      ok: false,
      error: 'orders [0]: an offset is a whole number ≥ 0',
    })
  })

  it('shifts by a signed whole number, and refuses 0 and fractions', () => {
    const d = { ...newResetDraft(offsets), kind: 'shift' as const }
    const by = (shift: string) => {
      const r = resetRequest({ ...d, shift }, target)
      return r.ok ? r.request.mode : r.error
    }
    expect(by('-100')).toEqual({ kind: 'shift', by: -100 })
    expect(by('+25')).toEqual({ kind: 'shift', by: 25 })
    expect(by('0')).toBe('A shift of 0 changes nothing')
    expect(by('1.5')).toBe('Shift by a whole number, e.g. -1000 or 500')
  })

  it('resets to a point in time given as local date and time', () => {
    const d = { ...newResetDraft(offsets), kind: 'timestamp' as const, at: '2024-06-01T08:00' }
    const r = resetRequest(d, target)
    expect(r.ok && r.request.mode).toEqual({ kind: 'timestamp', at: new Date(2024, 5, 1, 8, 0).getTime() })
    expect(resetRequest({ ...d, at: '' }, target).ok).toBe(false)
  })

  it('sums what the preview says: rows that move, the lag before and after', () => {
    const row = (current: string | null, next: string, lagAfter: number): PreviewRow => ({
      topic: 'orders',
      partition: 0,
      current,
      next,
      logStart: '0',
      logEnd: '1000',
      lagAfter,
    })
    const rows = [row('400', '0', 1000), row('1000', '1000', 0), row(null, '0', 1000)]
    expect(rows.map(rowChanges)).toEqual([true, false, true])
    expect(previewTotals(rows)).toEqual({ changed: 2, lagAfter: 2000, lagBefore: 600 })
    expect(offsetDelta('400', '0')).toBe(-400n)
    expect(offsetDelta(null, '0')).toBeNull()
  })
})
