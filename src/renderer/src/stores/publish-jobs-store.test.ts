import { describe, expect, it } from 'vitest'
import type { PublishJobStatus } from '../../../shared/publish'
import { latestJobOf, newerJob } from './publish-jobs-store'

const job = (p: Partial<PublishJobStatus>): PublishJobStatus => ({
  id: 'publish-1',
  profileId: 'p',
  state: 'running',
  count: 10,
  intervalMs: 100,
  sent: 0,
  failed: 0,
  startedAt: 0,
  updatedAt: 0,
  lastError: null,
  logId: 1,
  ...p,
})

describe('publish jobs', () => {
  it('never lets an older status replace a newer one', () => {
    const now = job({ sent: 5, updatedAt: 200 })
    expect(newerJob(now, job({ sent: 4, updatedAt: 100 }))).toBe(false)
    expect(newerJob(now, job({ sent: 6, updatedAt: 300 }))).toBe(true)
    // same instant: the final state wins over running, not the other way round
    const done = job({ state: 'done', sent: 10, updatedAt: 200 })
    expect(newerJob(job({ sent: 10, updatedAt: 200 }), done)).toBe(true)
    expect(newerJob(done, job({ sent: 10, updatedAt: 200 }))).toBe(false)
    expect(newerJob(undefined, now)).toBe(true)
  })

  it("shows a profile's running job, else the one started last", () => {
    const byId = {
      a: job({ id: 'a', state: 'done', startedAt: 300 }),
      b: job({ id: 'b', state: 'running', startedAt: 100 }),
      c: job({ id: 'c', profileId: 'other', state: 'running', startedAt: 900 }),
    }
    expect(latestJobOf(byId, 'p')?.id).toBe('b')
    expect(latestJobOf({ a: byId.a, d: job({ id: 'd', state: 'stopped', startedAt: 400 }) }, 'p')?.id).toBe(
      'd',
    )
    expect(latestJobOf(byId, 'nobody')).toBeNull()
  })
})
