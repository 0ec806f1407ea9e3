import type { Database, Statement } from 'better-sqlite3'
import type { Settings } from '../storage/settings'

/** Only the first part of a payload is indexed: nobody searches the middle of a 10 MB blob by word. */
export const INDEXED_BYTES = 64 * 1024
/** Time the indexer may take per slice, so that it never holds up ingest or the UI for long. */
const SLICE_BUDGET_MS = 8
const SLICE_ROWS = 500
const SETTING = 'search.indexedUpTo'

const decoder = new TextDecoder('utf-8', { fatal: true })

/** The indexable text of a payload, or null for binary. */
export function payloadText(payload: Uint8Array): string | null {
  try {
    return decoder.decode(payload.length > INDEXED_BYTES ? payload.subarray(0, INDEXED_BYTES) : payload)
  } catch {
    // A cut in the middle of a character is still text: retry without the cut-off tail.
    if (payload.length > INDEXED_BYTES) {
      try {
        return decoder.decode(payload.subarray(0, INDEXED_BYTES - 3))
      } catch {
        return null
      }
    }
    return null
  }
}

/**
 * Turns what the user typed into an FTS5 query: every word must occur, each as a prefix, quotes
 * and operators taken literally (a search box is not a query language).
 */
export function ftsQuery(text: string): string | null {
  const words = text
    .split(/\s+/)
    .map((w) => w.trim())
    .filter((w) => /[\p{L}\p{N}]/u.test(w))
  if (words.length === 0) return null
  return words.map((w) => `"${w.replace(/"/g, '""')}"*`).join(' AND ')
}

/**
 * The payload search index (FTS5, contentless). It follows the history writer from behind, in short
 * slices on a timer, and catches up fully before a search so that a search sees every stored message.
 */
export class SearchIndex {
  /** Every message with an id up to this one is indexed. */
  indexedUpTo: number
  private timer: NodeJS.Timeout | null = null
  private readonly stmt: {
    pending: Statement<[number, number], { id: number; payload: Buffer }>
    insert: Statement<[number, string]>
    remove: Statement<[number, number]>
  }

  constructor(
    private readonly db: Database,
    private readonly settings: Settings,
    /** True while messages pour in: the indexer then waits (a search still catches up first). */
    private readonly busy: () => boolean = () => false,
    /** Indexing failed (a full disk, say); the rows stay unindexed and the next slice tries again. */
    private readonly onError: (err: Error) => void = () => undefined,
  ) {
    this.indexedUpTo = settings.get<number>(SETTING) ?? 0
    this.stmt = {
      pending: db.prepare('SELECT id, payload FROM messages WHERE id > ? ORDER BY id LIMIT ?'),
      insert: db.prepare('INSERT INTO messages_fts (rowid, body) VALUES (?, ?)'),
      remove: db.prepare('DELETE FROM messages_fts WHERE rowid >= ? AND rowid < ?'),
    }
  }

  start(): void {
    this.timer ??= setInterval(() => {
      if (!this.busy()) this.tryCatchUp(SLICE_BUDGET_MS)
    }, 100)
    this.timer.unref()
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer)
    this.timer = null
  }

  /** Indexes stored messages not yet indexed, for at most `budgetMs` (Infinity: all of them). */
  /**
   * catchUp that never throws: a timer that throws takes the whole app down, and a search over
   * what is indexed beats no search. A full disk only stops indexing; the rows wait for the next try.
   */
  tryCatchUp(budgetMs = Infinity): void {
    try {
      this.catchUp(budgetMs)
    } catch (err) {
      this.onError(err as Error)
    }
  }

  catchUp(budgetMs = Infinity): number {
    const started = performance.now()
    let total = 0
    for (;;) {
      const rows = this.stmt.pending.all(this.indexedUpTo, SLICE_ROWS)
      if (rows.length === 0) break
      const upTo = rows[rows.length - 1]!.id
      this.db.transaction(() => {
        for (const row of rows) {
          const text = payloadText(row.payload)
          if (text) this.stmt.insert.run(row.id, text)
        }
        this.settings.set(SETTING, upTo)
      })()
      // Only once committed: COMMIT is where a full disk fails, and the rows must be indexed again.
      this.indexedUpTo = upTo
      total += rows.length
      if (rows.length < SLICE_ROWS || performance.now() - started > budgetMs) break
    }
    return total
  }

  /** Drops index rows of messages in [fromId, toId) (pruned or cleared). */
  removeRange(fromId: number, toId: number): void {
    this.stmt.remove.run(fromId, toId)
  }

  /** Drops the index rows of the given message ids. */
  removeIds(ids: Iterable<number>): void {
    const del = this.db.prepare('DELETE FROM messages_fts WHERE rowid = ?')
    for (const id of ids) del.run(id)
  }
}
