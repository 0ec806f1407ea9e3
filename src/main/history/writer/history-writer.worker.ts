/**
 * The history's writer thread: its own SQLite connection (WAL lets it write while the owner's
 * connection reads), so SQLite's insert work never runs on the thread that receives messages.
 */
import BetterSqlite3, { type Database } from 'better-sqlite3'
import { parentPort, workerData } from 'node:worker_threads'
import { RowWriter } from './row-writer'
import {
  STATUS_CLOSED,
  STATUS_DONE_SEQ,
  STATUS_HELD_KIB,
  STATUS_HELD_ROWS,
  STATUS_READY,
  type WriterCommand,
  type WriterReply,
  type WriterThreadData,
} from './writer-protocol'

/** After a failed write, try again this often even if nothing new arrives (space may come back). */
const RETRY_MS = 1000

const { file, replies, status: statusBuffer } = workerData as WriterThreadData
const status = new Int32Array(statusBuffer)
const { db, writer } = open()
function open(): { db: Database; writer: RowWriter } {
  try {
    const db = new BetterSqlite3(file)
    db.pragma('synchronous = NORMAL')
    db.pragma('foreign_keys = ON')
    db.pragma('busy_timeout = 5000')
    const writer = new RowWriter(db)
    Atomics.store(status, STATUS_READY, 1)
    return { db, writer }
  } catch (err) {
    // The owner writes on its own thread instead; it logs why.
    Atomics.store(status, STATUS_READY, -1)
    throw err
  } finally {
    Atomics.notify(status, STATUS_READY)
  }
}

let retryTimer: NodeJS.Timeout | null = null

function finish(seq: number): void {
  Atomics.store(status, STATUS_HELD_ROWS, writer.heldRows)
  Atomics.store(status, STATUS_HELD_KIB, Math.ceil(writer.heldBytes / 1024))
  if (seq > Atomics.load(status, STATUS_DONE_SEQ)) Atomics.store(status, STATUS_DONE_SEQ, seq)
  Atomics.notify(status, STATUS_DONE_SEQ)
}

function write(command: Extract<WriterCommand, { type: 'write' }> | null): void {
  if (retryTimer) clearTimeout(retryTimer)
  retryTimer = null
  let outcome: WriterReply | null
  try {
    outcome = writer.write(command?.batch ?? null)
  } catch (err) {
    outcome = { ok: 'fatal', error: (err as Error).message }
  }
  if (outcome) replies.postMessage(outcome)
  if (writer.heldRows > 0) retryTimer = setTimeout(() => write(null), RETRY_MS)
  finish(command?.seq ?? 0)
}

parentPort!.on('message', (command: WriterCommand) => {
  if (command.type === 'write') return write(command)
  if (retryTimer) clearTimeout(retryTimer)
  db.close()
  Atomics.store(status, STATUS_CLOSED, 1)
  Atomics.notify(status, STATUS_CLOSED)
  parentPort!.close()
  replies.close()
})
