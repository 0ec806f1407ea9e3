import type { Database, Statement } from 'better-sqlite3'
import { ApiError } from '../../shared/api-error'
import type { Qos } from '../../shared/messages'
import type { Protocol } from '../../shared/profiles'
import type { MessageRecord } from './message-record'
import { decodeStoredMeta, encodeStoredMeta, metaColumns } from './stored-properties'

/** Flush at least this often, and whenever this many rows wait: a crash loses at most one batch. */
export const FLUSH_INTERVAL_MS = 50
export const FLUSH_ROWS = 2000

/**
 * Where the history may keep a topic's row id between messages: the topic tree's node of that
 * topic, so that a busy topic costs no lookup and the history keeps no map of its own.
 */
export interface TopicSlot {
  topicId: number
}

/** Bytes of the newest payload read back per topic when the tree is rebuilt. */
const HEAD_BYTES = 64

export interface TopicLast {
  topic: string
  topicId: number
  count: number
  lastId: number
  receivedAt: number
  retain: number
  size: number
  head: Buffer
}

/** Lookups of topics without a slot are cached up to this many, then the cache starts over. */
const TOPIC_CACHE_LIMIT = 10_000

/** The columns every history read selects, joined with the topic's name and profile. */
export const MESSAGE_COLUMNS = `m.id, t.name AS topic, t.profile_id, m.direction, m.received_at, m.qos, m.retain,
  m.dup, m.properties, m.payload`

export interface MessageRow {
  id: number
  topic: string
  profile_id: string
  direction: number
  received_at: number
  qos: number | null
  retain: number
  dup: number
  properties: string | null
  payload: Buffer
}

/**
 * The message history: a batch writer (one transaction per batch, flushed every ≤ 50 ms or 2,000
 * rows) and the reads the UI needs. Reads flush first, so what was received is always readable.
 * Ids are handed out here, in arrival order, before the row is written.
 */
export class HistoryStore {
  /** The last write failure, until a write succeeds again (shown in the UI: a full disk, say). */
  lastError: string | null = null
  private headsStmt: Statement | null = null
  private queue: MessageRecord[] = []
  private slots: (TopicSlot | undefined)[] = []
  private timer: NodeJS.Timeout | null = null
  private nextMessageId: number
  private readonly topicIds = new Map<string, number>()
  private readonly stmt: {
    topicId: Statement<[string, string], { id: number }>
    insertTopic: Statement<[string, string]>
    insert: Statement<unknown[]>
    byTopic: Statement<[string, string, number, number], MessageRow>
    byId: Statement<[number], MessageRow>
    protocolOf: Statement<[string], { protocol: string }>
  }
  private readonly writeBatch: (rows: MessageRecord[], slots: (TopicSlot | undefined)[]) => void

  constructor(
    private readonly db: Database,
    private readonly onError: (err: Error) => void,
  ) {
    const select = `SELECT ${MESSAGE_COLUMNS} FROM messages m JOIN topics t ON t.id = m.topic_id`
    this.stmt = {
      topicId: db.prepare('SELECT id FROM topics WHERE profile_id = ? AND name = ?'),
      insertTopic: db.prepare('INSERT INTO topics (profile_id, name) VALUES (?, ?)'),
      insert: db.prepare(
        `INSERT INTO messages (id, topic_id, direction, received_at, qos, retain, dup, properties, size, payload,
                               routing_key, partition, "offset", msg_key, broker_ts)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      byTopic: db.prepare(
        `${select} WHERE m.topic_id = (SELECT id FROM topics WHERE profile_id = ? AND name = ?)
                     AND m.id < ? ORDER BY m.id DESC LIMIT ?`,
      ),
      byId: db.prepare(`${select} WHERE m.id = ?`),
      protocolOf: db.prepare('SELECT protocol FROM profiles WHERE id = ?'),
    }
    this.nextMessageId =
      ((db.prepare('SELECT MAX(id) AS id FROM messages').get() as { id: number | null }).id ?? 0) + 1
    this.writeBatch = db.transaction((rows: MessageRecord[], slots: (TopicSlot | undefined)[]) => {
      for (let i = 0; i < rows.length; i++) {
        const r = rows[i]!
        const slot = slots[i]
        let topicId = slot?.topicId ?? 0
        if (topicId === 0) {
          topicId = this.topicId(r.profileId, r.topic)
          if (slot) slot.topicId = topicId
        }
        this.stmt.insert.run(
          r.id,
          topicId,
          r.direction === 'in' ? 0 : 1,
          r.receivedAt,
          r.qos,
          r.retain ? 1 : 0,
          r.dup ? 1 : 0,
          encodeStoredMeta(r),
          r.payload.length,
          r.payload,
          ...metaColumns(r),
        )
      }
    })
  }

  get pending(): number {
    return this.queue.length
  }

  /** The id the next message will get. */
  peekNextId(): number {
    return this.nextMessageId
  }

  nextId(): number {
    return this.nextMessageId++
  }

  /** Rows appended since the app started (the search indexer watches it to stay out of bursts). */
  appended = 0

  append(record: MessageRecord, slot?: TopicSlot): void {
    this.appended++
    this.queue.push(record)
    this.slots.push(slot)
    if (this.queue.length >= FLUSH_ROWS) this.flush()
    else this.timer ??= setTimeout(() => this.flush(), FLUSH_INTERVAL_MS)
  }

  /** Writes what is queued, in one transaction. */
  flush(): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    if (this.queue.length === 0) return
    const rows = this.queue
    const slots = this.slots
    this.queue = []
    this.slots = []
    try {
      this.writeBatch(rows, slots)
      this.lastError = null
    } catch (err) {
      this.lastError = (err as Error).message
      // The transaction rolled back, so topic rows it made are gone: forget their ids.
      for (const slot of slots) if (slot) slot.topicId = 0
      this.topicIds.clear()
      // Keep the rows: a full disk may get space back, and the next flush tries again.
      this.queue = rows.concat(this.queue)
      this.slots = slots.concat(this.slots)
      this.onError(err as Error)
    }
  }

  /** Messages of one topic, newest first, older than `beforeId`. */
  topicMessages(profileId: string, topic: string, beforeId: number | null, limit: number): MessageRecord[] {
    this.flush()
    return this.stmt.byTopic
      .all(profileId, topic, beforeId ?? Number.MAX_SAFE_INTEGER, limit)
      .map((r) => this.toRecord(r))
  }

  message(id: number): MessageRecord {
    this.flush()
    const row = this.stmt.byId.get(id)
    if (!row) throw new ApiError('not_found', `No message with id ${id} in the history`)
    return this.toRecord(row)
  }

  /** The first `bytes` bytes of each stored message of `ids` (tree previews); missing ids are absent. */
  heads(ids: number[], bytes: number): Map<number, Buffer> {
    const out = new Map<number, Buffer>()
    if (ids.length === 0) return out
    this.flush()
    const rows = this.db
      .prepare(
        'SELECT id, substr(payload, 1, ?) AS head FROM messages WHERE id IN (SELECT value FROM json_each(?))',
      )
      .all(bytes, JSON.stringify(ids)) as { id: number; head: Buffer }[]
    for (const r of rows) out.set(r.id, r.head)
    return out
  }

  /**
   * Per stored topic of a profile: how many messages it received and its newest one, for the topic
   * tree to be rebuilt at start (yesterday's topics are still there, marked as not seen live).
   */
  topicLasts(profileId: string): TopicLast[] {
    this.flush()
    return this.db
      .prepare(
        `WITH last AS (
           SELECT topic_id, COUNT(*) AS count, MAX(id) AS last_id FROM messages
           WHERE direction = 0 AND topic_id IN (SELECT id FROM topics WHERE profile_id = ?)
           GROUP BY topic_id)
         SELECT t.name AS topic, t.id AS topicId, last.count, m.id AS lastId, m.received_at AS receivedAt,
                m.retain, m.size, substr(m.payload, 1, ?) AS head
         FROM last JOIN topics t ON t.id = last.topic_id JOIN messages m ON m.id = last.last_id`,
      )
      .all(profileId, HEAD_BYTES) as TopicLast[]
  }

  close(): void {
    this.flush()
  }

  private topicId(profileId: string, topic: string): number {
    const key = `${profileId}\u0000${topic}`
    let id = this.topicIds.get(key)
    if (id === undefined) {
      id = this.stmt.topicId.get(profileId, topic)?.id
      if (id === undefined) id = Number(this.stmt.insertTopic.run(profileId, topic).lastInsertRowid)
      if (this.topicIds.size >= TOPIC_CACHE_LIMIT) this.topicIds.clear()
      this.topicIds.set(key, id)
    }
    return id
  }

  toRecord(row: MessageRow): MessageRecord {
    return {
      id: row.id,
      profileId: row.profile_id,
      protocol: (this.stmt.protocolOf.get(row.profile_id)?.protocol ?? 'mqtt') as Protocol,
      direction: row.direction === 0 ? 'in' : 'out',
      topic: row.topic,
      receivedAt: row.received_at,
      qos: row.qos as Qos | null,
      retain: row.retain === 1,
      dup: row.dup === 1,
      ...decodeStoredMeta(row.properties),
      payload: new Uint8Array(row.payload.buffer, row.payload.byteOffset, row.payload.byteLength),
    }
  }
}
