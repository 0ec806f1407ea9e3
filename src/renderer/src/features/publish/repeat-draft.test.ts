import { describe, expect, it } from 'vitest'
import type { PublishJobStatus } from '../../../../shared/publish'
import { jobProgress, repeatOf } from './repeat-draft'

const job = (p: Partial<PublishJobStatus>): PublishJobStatus => ({
  id: 'publish-1',
  profileId: 'p',
  state: 'running',
  count: 200,
  intervalMs: 100,
  sent: 0,
  failed: 0,
  startedAt: 0,
  updatedAt: 0,
  lastError: null,
  logId: 1,
  ...p,
})

describe('send N times', () => {
  it('checks the count and interval as typed', () => {
    expect(repeatOf(5, 0)).toEqual({ ok: true, count: 5, intervalMs: 0 })
    expect(repeatOf('12', '250')).toEqual({ ok: true, count: 12, intervalMs: 250 })
    expect(repeatOf('', 1000)).toEqual({ ok: false, errors: { count: '1 to 10,000,000' } })
    expect(repeatOf(0, -1)).toEqual({
      ok: false,
      errors: { count: '1 to 10,000,000', intervalMs: '0 to 3,600,000 ms' },
    })
    expect(repeatOf(2.5, 10).ok).toBe(false)
  })

  it('turns a job status into a bar and words', () => {
    expect(jobProgress(job({ sent: 50, failed: 10 }))).toEqual({
      percent: 30,
      sentPercent: 25,
      failedPercent: 5,
      text: '50 of 200 sent · 10 failed · sending',
      tone: 'running',
    })
    expect(jobProgress(job({ state: 'done', sent: 200 }))).toMatchObject({
      percent: 100,
      tone: 'ok',
      text: '200 of 200 sent · done',
    })
    expect(jobProgress(job({ state: 'stopped', sent: 3 })).tone).toBe('warn')
    expect(
      jobProgress(job({ state: 'failed', sent: 3, failed: 1, lastError: 'p is not connected' })),
    ).toMatchObject({
      tone: 'error',
      text: '3 of 200 sent · 1 failed · failed: p is not connected',
    })
  })
})
