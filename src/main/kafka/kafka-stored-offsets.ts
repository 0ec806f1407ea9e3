import type { Database, Statement } from 'better-sqlite3'

export interface StoredRecord {
  id: number
  receivedAt: number
}

type RangeRow = { offset: bigint; id: bigint; received_at: bigint }

/**
 * Which records of a partition the history already holds, by offset: a browse stores a record once,
 * however often its page is read (and a tail does not store again what a browse did). Reads the
 * history's tables directly (`messages.offset`, the Kafka column, through the partial index of
 * migration 5); the caller flushes the history writer first so that queued rows count too.
 */
export class KafkaStoredOffsets {
  private readonly topicId: Statement<[string, string], { id: number }>
  private readonly range: Statement<[number, bigint, bigint], RangeRow>

  constructor(db: Database) {
    this.topicId = db.prepare('SELECT id FROM topics WHERE profile_id = ? AND name = ?')
    // Received rows only: what the app itself published is stored as sent ('out'), and a browse
    // that reads it back is what puts it in the tree.
    this.range = db
      .prepare<[number, bigint, bigint], RangeRow>(
        `SELECT "offset", id, received_at FROM messages
         WHERE topic_id = ? AND "offset" IS NOT NULL AND "offset" BETWEEN ? AND ? AND direction = 0`,
      )
      .safeIntegers(true)
  }

  /** Received records of `treeTopic` (a partition's tree path) with offsets in [from, to], by offset. */
  stored(profileId: string, treeTopic: string, from: bigint, to: bigint): Map<string, StoredRecord> {
    const out = new Map<string, StoredRecord>()
    const topic = this.topicId.get(profileId, treeTopic)
    if (!topic) return out
    for (const row of this.range.iterate(topic.id, from, to)) {
      const offset = String(row.offset)
      if (!out.has(offset)) out.set(offset, { id: Number(row.id), receivedAt: Number(row.received_at) })
    }
    return out
  }
}
