import { afterEach, describe, expect, it } from 'vitest'
import type { Database } from 'better-sqlite3'
import { openDatabase } from '../storage/database'
import { tempDir } from '../../../test/support/temp-dir'
import { LagStore, MAX_SAMPLE_AGE_MS, MAX_SAMPLES_PER_GROUP } from './lag-store'

let cleanup: (() => void)[] = []
afterEach(() => {
  for (const c of cleanup.reverse()) c()
  cleanup = []
})

function open(): { db: Database; store: LagStore } {
  const dir = tempDir('brokerlens-lag-')
  const db = openDatabase(dir.path)
  cleanup.push(
    () => dir.remove(),
    () => db.close(),
  )
  db.prepare(
    `INSERT INTO profiles (id, protocol, name, config, position, created_at, updated_at)
     VALUES ('p1', 'kafka', 'k', '{}', 0, 0, 0), ('p2', 'kafka', 'k2', '{}', 1, 0, 0)`,
  ).run()
  return { db, store: new LagStore(db) }
}

const sample = (at: number, totalLag: number | null) => ({
  at,
  totalLag,
  partitions: [
    { topic: 't', partition: 0, lag: totalLag },
    { topic: 't', partition: 1, lag: null },
  ],
})

describe('LagStore', () => {
  it('returns the samples of one group in time order, since a time, newest when limited', () => {
    const { store } = open()
    const now = Date.now()
    for (let i = 0; i < 5; i++) store.add('p1', 'g', sample(now + i * 1000, 100 - i))
    store.add('p1', 'other', sample(now, 1))
    store.add('p2', 'g', sample(now, 2))
    expect(store.list('p1', 'g', null).map((s) => s.totalLag)).toEqual([100, 99, 98, 97, 96])
    expect(store.list('p1', 'g', now + 3000).map((s) => s.totalLag)).toEqual([97, 96])
    expect(store.list('p1', 'g', null, 2).map((s) => s.totalLag)).toEqual([97, 96])
    expect(store.list('p1', 'g', null)[0]).toEqual(sample(now, 100))
    expect(store.list('p1', 'nothing', null)).toEqual([])
  })

  it('drops samples older than 30 days and keeps the newest per group', () => {
    const { db, store } = open()
    const now = Date.now()
    store.add('p1', 'g', sample(now - MAX_SAMPLE_AGE_MS - 1000, 1))
    store.add('p1', 'g', sample(now - MAX_SAMPLE_AGE_MS + 60_000, 2))
    store.add('p1', 'g', sample(now, 3))
    expect(store.list('p1', 'g', null).map((s) => s.totalLag)).toEqual([2, 3])

    // Over the count: fill directly (fast), then one more sample from a fresh store prunes.
    const insert = db.prepare(
      "INSERT INTO kafka_lag_samples (profile_id, group_id, at, total_lag, partitions) VALUES ('p1', 'h', ?, 0, '[]')",
    )
    db.transaction(() => {
      for (let i = 0; i < MAX_SAMPLES_PER_GROUP + 50; i++) insert.run(now - 1_000_000 + i)
    })()
    new LagStore(db).add('p1', 'h', sample(now, 7))
    const count = (
      db.prepare("SELECT COUNT(*) AS n FROM kafka_lag_samples WHERE group_id = 'h'").get() as { n: number }
    ).n
    expect(count).toBe(MAX_SAMPLES_PER_GROUP)
    expect(store.list('p1', 'h', null, 1)[0]!.totalLag).toBe(7)
    // The other group is untouched.
    expect(store.list('p1', 'g', null)).toHaveLength(2)
  })

  it('goes with its profile', () => {
    const { db, store } = open()
    store.add('p1', 'g', sample(Date.now(), 5))
    db.prepare("DELETE FROM profiles WHERE id = 'p1'").run()
    expect(store.list('p1', 'g', null)).toEqual([])
  })
})
