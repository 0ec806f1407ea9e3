import type { Database } from 'better-sqlite3'
import type { HistoryFilter, HistoryHit, HistoryPage } from '../../shared/history'
import { isWildcardFilter, topicMatches } from '../../shared/mqtt-topic'
import { MESSAGE_COLUMNS, type HistoryStore, type MessageRow } from './history-store'
import { summarize, type MessageRecord } from './message-record'
import { ftsQuery, payloadText, type SearchIndex } from './search-index'

/** Candidates fetched from the search index per round while filling a page of text hits. */
const FTS_BATCH = 500
const SNIPPET_CONTEXT = 60

/**
 * The history panel's queries: by topic, subtree (MQTT filter), time, direction, retain, QoS,
 * size and payload text, newest first, with keyset pagination on the message id (never OFFSET).
 */
export class HistoryQuery {
  constructor(
    private readonly db: Database,
    private readonly store: HistoryStore,
    private readonly index: SearchIndex,
  ) {}

  /**
   * One page, newest first from `cursor` down (`id < cursor`), or with `ascending` oldest first
   * from `cursor` up (`id > cursor`), as an export reads. `nextBeforeId` is the next cursor.
   */
  page(filter: HistoryFilter, cursor: number | null, limit: number, ascending = false): HistoryPage {
    const { records, next } = this.records(filter, cursor, limit, ascending)
    const terms = filter.text?.split(/\s+/).filter(Boolean) ?? []
    const hits: HistoryHit[] = records.map((record) => ({
      ...summarize(record),
      snippet: terms.length > 0 ? snippet(payloadText(record.payload) ?? '', terms) : null,
    }))
    return { hits, nextBeforeId: next }
  }

  /** The whole records of a page (exports need every byte); `next` is the cursor to go on from. */
  records(
    filter: HistoryFilter,
    cursor: number | null,
    limit: number,
    ascending = false,
  ): { records: MessageRecord[]; next: number | null } {
    const conditions = this.conditions(filter)
    if (!conditions) return { records: [], next: null }
    const { where, args } = conditions
    const select = `SELECT ${MESSAGE_COLUMNS} FROM messages m JOIN topics t ON t.id = m.topic_id`
    const start = cursor ?? (ascending ? 0 : Number.MAX_SAFE_INTEGER)
    const cmp = ascending ? '>' : '<'
    const order = ascending ? 'ASC' : 'DESC'

    const match = filter.text === null ? null : ftsQuery(filter.text)
    if (match === null) {
      const rows = this.db
        .prepare(`${select} WHERE ${where.join(' AND ')} AND m.id ${cmp} ? ORDER BY m.id ${order} LIMIT ?`)
        .all(...args, start, limit + 1) as MessageRow[]
      // One row more than asked says whether there is a next page, so the last page says "end".
      const more = rows.length > limit
      const records = rows.slice(0, limit).map((r) => this.store.toRecord(r))
      return { records, next: more ? records[records.length - 1]!.id : null }
    }

    // Text: walk the index newest first and keep the candidates that pass the other filters.
    this.index.tryCatchUp()
    const candidates = this.db.prepare(
      `SELECT rowid AS id FROM messages_fts WHERE messages_fts MATCH ? AND rowid ${cmp} ? ORDER BY rowid ${order} LIMIT ?`,
    )
    const rowsOf = this.db.prepare(
      `${select} WHERE ${where.join(' AND ')} AND m.id IN (SELECT value FROM json_each(?)) ORDER BY m.id ${order}`,
    )
    const records: MessageRecord[] = []
    let at = start
    for (;;) {
      const ids = (candidates.all(match, at, FTS_BATCH) as { id: number }[]).map((r) => r.id)
      if (ids.length === 0) return { records, next: null }
      for (const row of rowsOf.all(...args, JSON.stringify(ids)) as MessageRow[]) {
        const record = this.store.toRecord(row)
        records.push(record)
        if (records.length === limit) return { records, next: record.id }
      }
      at = ids[ids.length - 1]!
      if (ids.length < FTS_BATCH) return { records, next: null }
    }
  }

  /** How many messages the filter covers (for an export's progress bar). */
  count(filter: HistoryFilter): number {
    const conditions = this.conditions(filter)
    if (!conditions) return 0
    const { where, args } = conditions
    const match = filter.text === null ? null : ftsQuery(filter.text)
    if (match !== null) {
      this.index.tryCatchUp()
      where.push('m.id IN (SELECT rowid FROM messages_fts WHERE messages_fts MATCH ?)')
      args.push(match)
    }
    return this.db
      .prepare(`SELECT COUNT(*) FROM messages m WHERE ${where.join(' AND ')}`)
      .pluck()
      .get(...args) as number
  }

  /** The SQL conditions of a filter, or null when no topic matches it at all. */
  private conditions(filter: HistoryFilter): { where: string[]; args: unknown[] } | null {
    this.store.flush()
    const topicIds = this.topicIds(filter)
    if (topicIds.length === 0) return null
    const where: string[] = ['m.topic_id IN (SELECT value FROM json_each(?))']
    const args: unknown[] = [JSON.stringify(topicIds)]
    const add = (condition: string, value: unknown) => {
      where.push(condition)
      args.push(value)
    }
    if (filter.from !== null) add('m.received_at >= ?', filter.from)
    if (filter.to !== null) add('m.received_at <= ?', filter.to)
    if (filter.direction !== null) add('m.direction = ?', filter.direction === 'in' ? 0 : 1)
    if (filter.retain !== null) add('m.retain = ?', filter.retain ? 1 : 0)
    if (filter.qos !== null) add('m.qos = ?', filter.qos)
    if (filter.minSize !== null) add('m.size >= ?', filter.minSize)
    if (filter.maxSize !== null) add('m.size <= ?', filter.maxSize)
    return { where, args }
  }

  private topicIds(filter: HistoryFilter): number[] {
    return this.topicIdsOf(filter.profileId, filter.topic)
  }

  /** The topic rows a topic or filter covers; an MQTT filter is matched here, against the (small) topics table. */
  topicIdsOf(profileId: string, topic: string | null): number[] {
    const rows = this.db.prepare('SELECT id, name FROM topics WHERE profile_id = ?').all(profileId) as {
      id: number
      name: string
    }[]
    if (topic === null || topic === '#')
      return rows.filter((r) => topic === null || !r.name.startsWith('$')).map((r) => r.id)
    if (!isWildcardFilter(topic)) return rows.filter((r) => r.name === topic).map((r) => r.id)
    return rows.filter((r) => topicMatches(topic, r.name)).map((r) => r.id)
  }
}

/** A stretch of text around the first match, with every match of every term marked. */
export function snippet(text: string, terms: string[]): { text: string; ranges: [number, number][] } {
  const lower = text.toLowerCase()
  const needles = terms.map((t) => t.toLowerCase()).filter(Boolean)
  let first = -1
  for (const n of needles) {
    const i = lower.indexOf(n)
    if (i >= 0 && (first < 0 || i < first)) first = i
  }
  const start = Math.max(0, first - SNIPPET_CONTEXT)
  const end = Math.min(text.length, (first < 0 ? 0 : first) + SNIPPET_CONTEXT * 2)
  const cut = text.slice(start, end)
  const cutLower = cut.toLowerCase()
  const ranges: [number, number][] = []
  for (const n of needles) {
    for (let i = cutLower.indexOf(n); i >= 0; i = cutLower.indexOf(n, i + n.length))
      ranges.push([i, i + n.length])
  }
  ranges.sort((a, b) => a[0] - b[0])
  return { text: cut, ranges }
}
