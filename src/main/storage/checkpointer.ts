import { createRequire } from 'node:module'
import { Worker } from 'node:worker_threads'
import type { Database } from 'better-sqlite3'

/** How often the background connection folds the WAL back into the database file. */
const CHECKPOINT_INTERVAL_MS = 500
/** The writer's own checkpoint stays as a safety net, at a size it should never reach. */
const SAFETY_AUTOCHECKPOINT_PAGES = 20_000

// Plain CommonJS so that it runs as an eval'd worker in every host (no bundler entry of its own);
// better-sqlite3 is required by the absolute path the main thread resolved.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads')
const Database = require(workerData.module)
const db = new Database(workerData.file)
db.pragma('busy_timeout = 2000')
const timer = setInterval(() => {
  try { db.pragma('wal_checkpoint(PASSIVE)') } catch (err) { parentPort.postMessage(String(err && err.message)) }
}, workerData.intervalMs)
parentPort.on('message', () => { clearInterval(timer); db.close(); parentPort.close() })
`

/**
 * Moves WAL checkpoints off the thread that receives messages. SQLite's automatic checkpoint runs
 * inside the writer's commit and copies the whole WAL (tens of ms under heavy ingest), long enough
 * for a broker to start dropping QoS 1 messages to a subscriber that stopped reading. A PASSIVE
 * checkpoint from a second connection never blocks the writer.
 */
export class Checkpointer {
  private readonly worker: Worker

  constructor(db: Database, log: (message: string) => void) {
    db.pragma(`wal_autocheckpoint = ${SAFETY_AUTOCHECKPOINT_PAGES}`)
    const module = createRequire(import.meta.url).resolve('better-sqlite3')
    this.worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { module, file: db.name, intervalMs: CHECKPOINT_INTERVAL_MS },
    })
    this.worker.on('message', (m) => log(`[checkpoint] ${String(m)}`))
    this.worker.on('error', (err) => log(`[checkpoint] worker failed: ${err.message}`))
    this.worker.unref()
  }

  async close(): Promise<void> {
    this.worker.postMessage('close')
    await new Promise<void>((resolve) => {
      const t = setTimeout(() => void this.worker.terminate().then(() => resolve()), 2000)
      this.worker.once('exit', () => {
        clearTimeout(t)
        resolve()
      })
    })
  }
}
