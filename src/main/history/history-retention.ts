import type { Database } from 'better-sqlite3'
import type { HistoryStats } from '../../shared/history'
import type { HistoryStore } from './history-store'
import type { SearchIndex } from './search-index'
import { type Settings } from '../storage/settings'

/** A sensible default for a desktop: a lot of MQTT traffic, without eating the disk. */
export const DEFAULT_BUDGET_BYTES = 1024 * 1024 * 1024
export const MIN_BUDGET_BYTES = 16 * 1024 * 1024
/** Prune down to this share of the budget, so that pruning runs now and then rather than constantly. */
const PRUNE_TO = 0.9
const PRUNE_CHUNK = 5000
const CHECK_INTERVAL_MS = 2000

/**
 * The disk budget of the history (oldest messages go first, and the UI is told how many and up to
 * when), pausing per connection, and clearing by connection or topic.
 */
export class HistoryRetention {
  private timer: NodeJS.Timeout | null = null
  private pruned = 0
  private prunedUpToAt: number | null = null
  private readonly paused: Set<string>

  constructor(
    private readonly db: Database,
    private readonly store: HistoryStore,
    private readonly index: SearchIndex,
    private readonly settings: Settings,
  ) {
    this.paused = new Set(settings.get<string[]>('history.paused') ?? [])
  }

  get budgetBytes(): number {
    return this.settings.get<number>('history.budgetBytes') ?? DEFAULT_BUDGET_BYTES
  }

  setBudget(bytes: number): void {
    this.settings.set('history.budgetBytes', Math.max(MIN_BUDGET_BYTES, Math.round(bytes)))
    this.enforce()
  }

  isPaused(profileId: string): boolean {
    return this.paused.has(profileId)
  }

  setPaused(profileId: string, paused: boolean): void {
    if (paused) this.paused.add(profileId)
    else this.paused.delete(profileId)
    this.settings.set('history.paused', [...this.paused])
  }

  start(onError: (err: Error) => void = () => undefined): void {
    // A timer that throws takes the app down; a full disk must only delay pruning to the next check.
    this.timer ??= setInterval(() => {
      try {
        this.enforce()
      } catch (err) {
        onError(err as Error)
      }
    }, CHECK_INTERVAL_MS)
    this.timer.unref()
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer)
    this.timer = null
  }

  /** Bytes of the database file in use (free pages are reused before the file grows). */
  usedBytes(): number {
    const pageSize = this.db.pragma('page_size', { simple: true }) as number
    const pages = this.db.pragma('page_count', { simple: true }) as number
    const free = this.db.pragma('freelist_count', { simple: true }) as number
    return (pages - free) * pageSize
  }

  /** Deletes the oldest messages until the database is back under the budget. */
  enforce(): void {
    const budget = this.budgetBytes
    if (this.usedBytes() <= budget) return
    this.store.flush()
    const oldest = this.db.prepare('SELECT MIN(id) AS id FROM messages').pluck()
    const newestBelow = this.db
      .prepare('SELECT received_at FROM messages WHERE id < ? ORDER BY id DESC LIMIT 1')
      .pluck()
    const removeBelow = this.db.prepare('DELETE FROM messages WHERE id < ?')
    const count = this.db.prepare('SELECT COUNT(*) FROM messages').pluck()
    for (let used = this.usedBytes(); used > budget * PRUNE_TO; used = this.usedBytes()) {
      const first = oldest.get() as number | null
      if (first === null) break
      // As many of the oldest as the excess is worth at the average message size, in chunks, so
      // that pruning takes off what it must and little more.
      const perMessage = used / Math.max(1, count.get() as number)
      const chunk = Math.min(PRUNE_CHUNK, Math.max(100, Math.ceil((used - budget * PRUNE_TO) / perMessage)))
      // Ids are handed out in arrival order, so the next ids are the oldest messages.
      const upTo = first + chunk
      const at = newestBelow.get(upTo) as number | undefined
      this.db.transaction(() => {
        this.pruned += removeBelow.run(upTo).changes
        this.index.removeRange(first, upTo)
      })()
      if (at !== undefined) this.prunedUpToAt = at
    }
    this.db.pragma('wal_checkpoint(PASSIVE)')
  }

  /** Clears a profile's history, or one topic's, or a subtree's (topic ids given). */
  clear(topicIds: number[]): number {
    this.store.flush()
    let removed = 0
    const ids = this.db.prepare('SELECT id FROM messages WHERE topic_id = ?').pluck()
    const del = this.db.prepare('DELETE FROM messages WHERE topic_id = ?')
    this.db.transaction(() => {
      for (const topicId of topicIds) {
        this.index.removeIds(ids.all(topicId) as number[])
        removed += del.run(topicId).changes
      }
    })()
    return removed
  }

  stats(writeError: string | null, pendingWrites: number, droppedWrites: number): HistoryStats {
    const row = this.db.prepare('SELECT COUNT(*) AS n, MIN(received_at) AS oldest FROM messages').get() as {
      n: number
      oldest: number | null
    }
    return {
      usedBytes: this.usedBytes(),
      budgetBytes: this.budgetBytes,
      messages: row.n,
      oldestAt: row.oldest,
      prunedMessages: this.pruned,
      prunedUpToAt: this.prunedUpToAt,
      paused: [...this.paused],
      writeError,
      pendingWrites,
      droppedWrites,
    }
  }
}
