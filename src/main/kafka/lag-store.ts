import type { Database, Statement } from 'better-sqlite3'
import type { KafkaLagSample } from '../../shared/kafka'

/** Samples kept per group: the newest 100,000 (a day at one a second)… */
export const MAX_SAMPLES_PER_GROUP = 100_000
/** …and none older than 30 days. */
export const MAX_SAMPLE_AGE_MS = 30 * 24 * 3600_000
/** Samples one read returns at most: the newest, in time order. */
export const MAX_SAMPLES_READ = 10_000
/** The count is pruned every this many samples of a group (the age on every one: a cheap range). */
const COUNT_PRUNE_EVERY = 500

interface Row {
  at: number
  total_lag: number | null
  partitions: string
}

/**
 * Consumer group lag samples in SQLite (table `kafka_lag_samples`, migration 5), bounded per group
 * as above so that a watch left running for months cannot fill the disk.
 */
export class LagStore {
  private readonly stmt: {
    insert: Statement<[string, string, number, number | null, string]>
    pruneAge: Statement<[string, string, number]>
    pruneCount: Statement<[string, string, string, string, number]>
    since: Statement<[string, string, number, number], Row>
  }
  private readonly addedSincePrune = new Map<string, number>()

  constructor(private readonly db: Database) {
    this.stmt = {
      insert: db.prepare(
        'INSERT INTO kafka_lag_samples (profile_id, group_id, at, total_lag, partitions) VALUES (?, ?, ?, ?, ?)',
      ),
      pruneAge: db.prepare('DELETE FROM kafka_lag_samples WHERE profile_id = ? AND group_id = ? AND at < ?'),
      pruneCount: db.prepare(
        `DELETE FROM kafka_lag_samples WHERE profile_id = ? AND group_id = ? AND at < (
           SELECT at FROM kafka_lag_samples WHERE profile_id = ? AND group_id = ?
           ORDER BY at DESC LIMIT 1 OFFSET ?)`,
      ),
      since: db.prepare(
        `SELECT at, total_lag, partitions FROM kafka_lag_samples
         WHERE profile_id = ? AND group_id = ? AND at >= ? ORDER BY at DESC LIMIT ?`,
      ),
    }
  }

  add(profileId: string, groupId: string, sample: KafkaLagSample): void {
    const partitions = JSON.stringify(sample.partitions.map((p) => [p.topic, p.partition, p.lag]))
    const total = sample.totalLag === null ? null : Math.round(sample.totalLag)
    this.db.transaction(() => {
      this.stmt.insert.run(profileId, groupId, Math.round(sample.at), total, partitions)
      this.stmt.pruneAge.run(profileId, groupId, sample.at - MAX_SAMPLE_AGE_MS)
      const key = `${profileId}\u0000${groupId}`
      // The first sample of a group after start prunes too: the limit may have been lowered.
      const added = this.addedSincePrune.get(key)
      if (added === undefined || added + 1 >= COUNT_PRUNE_EVERY) {
        this.stmt.pruneCount.run(profileId, groupId, profileId, groupId, MAX_SAMPLES_PER_GROUP - 1)
        this.addedSincePrune.set(key, 0)
      } else this.addedSincePrune.set(key, added + 1)
    })()
  }

  /** Samples at or after `since` (all when null), oldest first; the newest `limit` of them. */
  list(profileId: string, groupId: string, since: number | null, limit = MAX_SAMPLES_READ): KafkaLagSample[] {
    const rows = this.stmt.since.all(profileId, groupId, since ?? Number.MIN_SAFE_INTEGER, limit)
    return rows.reverse().map(toSample)
  }
}

function toSample(row: Row): KafkaLagSample {
  const partitions = JSON.parse(row.partitions) as [string, number, number | null][]
  return {
    at: row.at,
    totalLag: row.total_lag,
    partitions: partitions.map(([topic, partition, lag]) => ({ topic, partition, lag })),
  }
}
