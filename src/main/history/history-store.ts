import type { Database, Statement } from 'better-sqlite3'
import { ApiError } from '../../shared/api-error'
import type { Qos } from '../../shared/messages'
import type { Protocol } from '../../shared/profiles'
import type { MessageRecord } from './message-record'
import { decodeStoredMeta } from './stored-properties'
import { InlineWriter, ThreadWriter, type HistoryWriter } from './writer/history-writer'
import { packBatch } from './writer/pack-batch'
import type { WriterReply } from './writer/writer-protocol'

/** Flush at least this often, and whenever this many rows wait: a crash loses at most one batch. */
export const FLUSH_INTERVAL_MS = 50
export const FLUSH_ROWS = 2000

/**
 * While writes fail (a full disk), rows wait in memory until this many bytes of payload wait; past
 * it new messages are not stored, and counted: an app that grows until the system kills it would
 * lose everything it holds, and the tree and the UI keep working either way.
 */
export const MAX_WAITING_BYTES = 256 * 1024 * 1024

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
 * rows) and the reads the UI needs. Batches are written on a thread of their own (its own
 * connection: WAL lets it write while this one reads), so SQLite's work never delays the thread
 * that receives messages. Reads flush first and wait for the write, so what was received is always
 * readable. Ids are handed out here, in arrival order, before the row is written.
 */
export class HistoryStore {
  /** The last write failure, until a write succeeds again (shown in the UI: a full disk, say). */
  lastError: string | null = null
  /** Messages not stored since the app started because too much was waiting for a failed write. */
  dropped = 0
  private queueBytes = 0
  private headsStmt: Statement | null = null
  private queue: MessageRecord[] = []
  private slots: (TopicSlot | undefined)[] = []
  /** Slots of batches sent and not yet written, by batch seq: the writer tells their topic ids. */
  private readonly unsettled = new Map<number, (TopicSlot | undefined)[]>()
  private batchSeq = 0
  private timer: NodeJS.Timeout | null = null
  private nextMessageId: number
  private readonly writer: HistoryWriter
  private readonly maxWaitingBytes: number
  private readonly stmt: {
    byTopic: Statement<[string, string, number, number], MessageRow>
    byId: Statement<[number], MessageRow>
    protocolOf: Statement<[string], { protocol: string }>
  }

  constructor(
    private readonly db: Database,
    private readonly onError: (err: Error) => void,
    options: { writerThread?: boolean; maxWaitingBytes?: number } = {},
  ) {
    this.maxWaitingBytes = options.maxWaitingBytes ?? MAX_WAITING_BYTES
    const select = `SELECT ${MESSAGE_COLUMNS} FROM messages m JOIN topics t ON t.id = m.topic_id`
    this.stmt = {
      byTopic: db.prepare(
        `${select} WHERE m.topic_id = (SELECT id FROM topics WHERE profile_id = ? AND name = ?)
                     AND m.id < ? ORDER BY m.id DESC LIMIT ?`,
      ),
      byId: db.prepare(`${select} WHERE m.id = ?`),
      protocolOf: db.prepare('SELECT protocol FROM profiles WHERE id = ?'),
    }
    this.nextMessageId =
      ((db.prepare('SELECT MAX(id) AS id FROM messages').get() as { id: number | null }).id ?? 0) + 1
    const handle = (reply: WriterReply) => this.handleReply(reply)
    const thread = options.writerThread !== false && !db.memory ? ThreadWriter.start(db.name, handle) : null
    if (!thread && options.writerThread !== false && !db.memory) {
      onError(new Error('the history writer thread did not start; writing on the main thread instead'))
    }
    this.writer = thread ?? new InlineWriter(db, handle)
  }

  /** Rows received and not yet written (queued, or kept after a failed write). */
  get pending(): number {
    return this.queue.length + this.writer.heldRows()
  }

  /** Whether batches are written on a thread of their own. */
  get writesOnThread(): boolean {
    return this.writer.onThread
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
    if (this.lastError !== null && this.queueBytes + this.writer.heldBytes() > this.maxWaitingBytes) {
      this.dropped++
      return
    }
    this.queueBytes += record.payload.length
    this.queue.push(record)
    this.slots.push(slot)
    if (this.queue.length >= FLUSH_ROWS) this.send()
    else this.timer ??= setTimeout(() => this.send(), FLUSH_INTERVAL_MS)
  }

  /** Writes what is queued (and what a failed write kept), and waits until it is written. */
  flush(): void {
    this.send()
    if (this.writer.heldRows() > 0) this.writer.send(null)
    this.writer.settle()
  }

  /** Hands the queue to the writer without waiting. */
  private send(): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    if (this.queue.length === 0) return
    const rows = this.queue
    const slots = this.slots
    this.queue = []
    this.slots = []
    this.queueBytes = 0
    const seq = ++this.batchSeq
    const topicIds = new Int32Array(rows.length)
    for (let i = 0; i < slots.length; i++) topicIds[i] = slots[i]?.topicId ?? 0
    this.unsettled.set(seq, slots)
    this.writer.send(packBatch(seq, rows, topicIds))
  }

  private handleReply(reply: WriterReply): void {
    if (reply.ok === true) {
      this.lastError = null
      for (const { seq, topicIds } of reply.settled) {
        const slots = this.unsettled.get(seq)
        this.unsettled.delete(seq)
        if (!slots || !topicIds) continue
        for (let i = 0; i < slots.length; i++) {
          const slot = slots[i]
          if (slot && topicIds[i]! !== 0) slot.topicId = topicIds[i]!
        }
      }
      return
    }
    // Failed rows stay with the writer, which tries again; the UI shows why until then.
    this.lastError = reply.error
    this.onError(new Error(reply.error))
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
    this.writer.close()
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
