import type { MessagePort } from 'node:worker_threads'
import type { PackedBatch } from './batch-layout'
import type { WriteOutcome } from './row-writer'

/** What the writer thread is started with. */
export interface WriterThreadData {
  file: string
  /** Where replies go: a port of its own, so the owner can read them synchronously. */
  replies: MessagePort
  /** Int32 slots, see STATUS_*. */
  status: SharedArrayBuffer
}

/** Owner → writer thread. `write` with no batch retries what is held. */
export type WriterCommand = { type: 'write'; seq: number; batch: PackedBatch | null } | { type: 'close' }

/** Writer thread → owner, on the replies port. */
export type WriterReply = WriteOutcome | { ok: 'fatal'; error: string }

/** The highest command seq the thread has finished with, written or failed. */
export const STATUS_DONE_SEQ = 0
/** Rows held after a failed write. */
export const STATUS_HELD_ROWS = 1
/** 1 once the thread has closed its connection. */
export const STATUS_CLOSED = 2
/** 1 once the thread's connection is open, -1 if it could not be. */
export const STATUS_READY = 3
/** KiB of payloads held after a failed write. */
export const STATUS_HELD_KIB = 4
export const STATUS_SLOTS = 5
