import type { Database, Statement } from 'better-sqlite3'
import {
  NUMS,
  N_BROKER_TS,
  N_DIRECTION,
  N_DUP,
  N_ID,
  N_KEY_LENGTH,
  N_PARTITION,
  N_PAYLOAD_LENGTH,
  N_QOS,
  N_RECEIVED_AT,
  N_RETAIN,
  N_TOPIC_ID,
  TEXTS,
  T_META,
  T_OFFSET,
  T_PROFILE,
  T_ROUTING_KEY,
  T_TOPIC,
  type PackedBatch,
} from './batch-layout'

/** What one write attempt did: batches committed (with the topic ids it resolved), or the error. */
export type WriteOutcome =
  | { ok: true; settled: { seq: number; topicIds: Int32Array | null }[] }
  | { ok: false; seqs: number[]; error: string }

/** Lookups of topics are cached up to this many, then the cache starts over. */
const TOPIC_CACHE_LIMIT = 10_000

/**
 * Writes packed batches to the history tables, all that wait in one transaction. A batch that
 * fails (a full disk, a lock held too long) is kept and written with the next attempt, so rows
 * are never dropped for a transient error; the caller decides when to try again.
 */
export class RowWriter {
  private held: { batch: PackedBatch; topicIds: Int32Array | null }[] = []
  private readonly topicIds = new Map<string, number>()
  private readonly stmt: {
    topicId: Statement<[string, string], { id: number }>
    insertTopic: Statement<[string, string]>
    insert: Statement<unknown[]>
  }
  private readonly writeHeld: () => void

  constructor(db: Database) {
    this.stmt = {
      topicId: db.prepare('SELECT id FROM topics WHERE profile_id = ? AND name = ?'),
      insertTopic: db.prepare('INSERT INTO topics (profile_id, name) VALUES (?, ?)'),
      insert: db.prepare(
        `INSERT INTO messages (id, topic_id, direction, received_at, qos, retain, dup, properties, size, payload,
                               routing_key, partition, "offset", msg_key, broker_ts)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
    }
    this.writeHeld = db.transaction(() => {
      for (const entry of this.held) entry.topicIds = this.insertBatch(entry.batch)
    })
  }

  /** Rows kept after a failed attempt, waiting for the next. */
  get heldRows(): number {
    let n = 0
    for (const { batch } of this.held) n += batch.count
    return n
  }

  /** Bytes of payloads (and keys) held after a failed attempt. */
  get heldBytes(): number {
    let n = 0
    for (const { batch } of this.held) n += batch.bytes.byteLength
    return n
  }

  /** Writes what was held and then `batch` (if any), in one transaction. */
  write(batch: PackedBatch | null): WriteOutcome | null {
    if (batch) this.held.push({ batch, topicIds: null })
    if (this.held.length === 0) return null
    try {
      this.writeHeld()
    } catch (err) {
      // The transaction rolled back: topic rows it made are gone, so are the ids it handed out.
      this.topicIds.clear()
      for (const entry of this.held) entry.topicIds = null
      return { ok: false, seqs: this.held.map((e) => e.batch.seq), error: (err as Error).message }
    }
    const settled = this.held.map((e) => ({ seq: e.batch.seq, topicIds: e.topicIds }))
    this.held = []
    return { ok: true, settled }
  }

  /** Returns the topic ids it had to look up (0 where the batch brought one), or null if none. */
  private insertBatch(b: PackedBatch): Int32Array | null {
    const { nums, texts } = b
    const bytes = Buffer.from(b.bytes)
    let resolved: Int32Array | null = null
    let at = 0
    for (let i = 0; i < b.count; i++) {
      const n = i * NUMS
      const t = i * TEXTS
      let topicId = nums[n + N_TOPIC_ID]!
      if (topicId === 0) {
        topicId = this.topicId(texts[t + T_PROFILE]!, texts[t + T_TOPIC]!)
        resolved ??= new Int32Array(b.count)
        resolved[i] = topicId
      }
      const payloadLength = nums[n + N_PAYLOAD_LENGTH]!
      const payload = bytes.subarray(at, at + payloadLength)
      at += payloadLength
      const keyLength = nums[n + N_KEY_LENGTH]!
      let key: Buffer | null = null
      if (keyLength >= 0) {
        key = bytes.subarray(at, at + keyLength)
        at += keyLength
      }
      const qos = nums[n + N_QOS]!
      const partition = nums[n + N_PARTITION]!
      const brokerTs = nums[n + N_BROKER_TS]!
      const offset = texts[t + T_OFFSET]
      this.stmt.insert.run(
        nums[n + N_ID],
        topicId,
        nums[n + N_DIRECTION],
        nums[n + N_RECEIVED_AT],
        qos < 0 ? null : qos,
        nums[n + N_RETAIN],
        nums[n + N_DUP],
        texts[t + T_META],
        payloadLength,
        payload,
        texts[t + T_ROUTING_KEY],
        Number.isNaN(partition) ? null : partition,
        offset == null ? null : BigInt(offset),
        key,
        Number.isNaN(brokerTs) ? null : brokerTs,
      )
    }
    return resolved
  }

  private topicId(profileId: string, topic: string): number {
    const cacheKey = `${profileId}\u0000${topic}`
    let id = this.topicIds.get(cacheKey)
    if (id === undefined) {
      id = this.stmt.topicId.get(profileId, topic)?.id
      if (id === undefined) id = Number(this.stmt.insertTopic.run(profileId, topic).lastInsertRowid)
      if (this.topicIds.size >= TOPIC_CACHE_LIMIT) this.topicIds.clear()
      this.topicIds.set(cacheKey, id)
    }
    return id
  }
}
