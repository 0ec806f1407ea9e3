import type { Database } from 'better-sqlite3'
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads'
import writerScript from './history-writer.worker?modulePath'
import type { PackedBatch } from './batch-layout'
import { RowWriter } from './row-writer'
import {
  STATUS_CLOSED,
  STATUS_DONE_SEQ,
  STATUS_HELD_KIB,
  STATUS_HELD_ROWS,
  STATUS_READY,
  STATUS_SLOTS,
  type WriterCommand,
  type WriterReply,
  type WriterThreadData,
} from './writer-protocol'

/**
 * Where the history store hands its batches. `send` returns at once; `settle` returns when every
 * batch sent so far is written or has failed, with every reply handed to the store's handler.
 */
export interface HistoryWriter {
  readonly onThread: boolean
  send(batch: PackedBatch | null): void
  settle(): void
  /** Rows kept after a failed write, to be tried again. */
  heldRows(): number
  /** Bytes of their payloads. */
  heldBytes(): number
  close(): void
}

/** How long the owner waits for the thread to start, or to finish what it was sent, at most. */
const START_TIMEOUT_MS = 15_000
const SETTLE_TIMEOUT_MS = 30_000

/**
 * The writer thread's owner side. Replies come on a port of their own: `settle` reads them
 * synchronously (reads must see what was received), the port's listener reads the rest.
 */
export class ThreadWriter implements HistoryWriter {
  readonly onThread = true
  private readonly worker: Worker
  private readonly replies: MessagePort
  private readonly status: Int32Array
  private sentSeq = 0

  private constructor(
    file: string,
    private readonly handle: (reply: WriterReply) => void,
  ) {
    const channel = new MessageChannel()
    const statusBuffer = new SharedArrayBuffer(STATUS_SLOTS * Int32Array.BYTES_PER_ELEMENT)
    this.status = new Int32Array(statusBuffer)
    const data: WriterThreadData = { file, replies: channel.port2, status: statusBuffer }
    this.worker = new Worker(writerScript, { workerData: data, transferList: [channel.port2] })
    // Neither the thread nor its replies keep the process alive: close() is what ends them.
    this.worker.unref()
    this.replies = channel.port1
    this.replies.on('message', (reply: WriterReply) => this.handle(reply))
    this.replies.unref()
  }

  /** Starts the thread and waits until its connection is open; null if it could not start. */
  static start(file: string, handle: (reply: WriterReply) => void): ThreadWriter | null {
    const writer = new ThreadWriter(file, handle)
    if (Atomics.wait(writer.status, STATUS_READY, 0, START_TIMEOUT_MS) === 'timed-out') {
      void writer.worker.terminate()
      return null
    }
    if (Atomics.load(writer.status, STATUS_READY) !== 1) {
      void writer.worker.terminate()
      return null
    }
    return writer
  }

  send(batch: PackedBatch | null): void {
    const command: WriterCommand = { type: 'write', seq: ++this.sentSeq, batch }
    this.worker.postMessage(command, batch ? [batch.bytes] : [])
  }

  settle(): void {
    const deadline = Date.now() + SETTLE_TIMEOUT_MS
    for (;;) {
      const done = Atomics.load(this.status, STATUS_DONE_SEQ)
      if (done >= this.sentSeq) break
      const left = deadline - Date.now()
      if (left <= 0) break
      Atomics.wait(this.status, STATUS_DONE_SEQ, done, left)
    }
    for (let m = receiveMessageOnPort(this.replies); m; m = receiveMessageOnPort(this.replies)) {
      this.handle(m.message as WriterReply)
    }
  }

  heldRows(): number {
    return Atomics.load(this.status, STATUS_HELD_ROWS)
  }

  heldBytes(): number {
    return Atomics.load(this.status, STATUS_HELD_KIB) * 1024
  }

  close(): void {
    this.settle()
    this.worker.postMessage({ type: 'close' } satisfies WriterCommand)
    Atomics.wait(this.status, STATUS_CLOSED, 0, SETTLE_TIMEOUT_MS)
    void this.worker.terminate()
  }
}

/** Writes on the calling thread, through the owner's connection (an in-memory database, say). */
export class InlineWriter implements HistoryWriter {
  readonly onThread = false
  private readonly writer: RowWriter

  constructor(
    db: Database,
    private readonly handle: (reply: WriterReply) => void,
  ) {
    this.writer = new RowWriter(db)
  }

  send(batch: PackedBatch | null): void {
    const outcome = this.writer.write(batch)
    if (outcome) this.handle(outcome)
  }

  settle(): void {}

  heldRows(): number {
    return this.writer.heldRows
  }

  heldBytes(): number {
    return this.writer.heldBytes
  }

  close(): void {}
}
