// The loss check of the soak, on the history file itself: opened read-only once the web host has
// stopped (and so flushed), every received soak message's sequence number read from its payload.
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { SOAK_PREFIX, soakSeq, soakTopic } from './soak-shape.mjs'

export interface HistoryCheck {
  /** Received rows below soak/. */
  stored: number
  /** Distinct sequence numbers among them. */
  distinct: number
  /** Rows whose sequence number was already seen (QoS 1 is at least once: a redelivery). */
  duplicates: number
  /** Acknowledged to the publisher and not in the history. */
  missing: number
  /** The first missing sequence numbers (up to 20), and the gaps they form (up to 20 ranges). */
  missingFirst: number[]
  gaps: [number, number][]
  /** Rows whose payload is not a soak message, or whose topic is not the one its number goes to. */
  malformed: number
  misfiled: number
}

/**
 * `sent` messages were published, numbered 0..sent-1; `unacked` are the ones the broker never
 * acknowledged (not owed to the subscriber). Reads `brokerlens.db` in `dataDir` read-only.
 */
export function checkHistory(dataDir: string, sent: number, unacked: readonly number[], topics: number) {
  const seen = new Uint8Array(sent)
  let stored = 0
  let duplicates = 0
  let malformed = 0
  let misfiled = 0
  const db = new Database(join(dataDir, 'brokerlens.db'), { readonly: true, fileMustExist: true })
  try {
    const topicNames = new Map<number, string>()
    for (const row of db
      .prepare('SELECT id, name FROM topics WHERE substr(name, 1, ?) = ?')
      .iterate(SOAK_PREFIX.length + 1, `${SOAK_PREFIX}/`) as Iterable<{ id: number; name: string }>)
      topicNames.set(row.id, row.name)
    const rows = db
      .prepare('SELECT topic_id, payload FROM messages WHERE direction = 0')
      .raw()
      .iterate() as Iterable<[number, Uint8Array]>
    for (const [topicId, payload] of rows) {
      const topic = topicNames.get(topicId)
      if (topic === undefined) continue
      stored++
      const seq = soakSeq(payload)
      if (seq < 0 || seq >= sent) {
        malformed++
        continue
      }
      if (seen[seq]) duplicates++
      seen[seq] = 1
      if (topic !== soakTopic(seq % topics)) misfiled++
    }
  } finally {
    db.close()
  }
  const notOwed = new Set(unacked)
  let distinct = 0
  let missing = 0
  const missingFirst: number[] = []
  const gaps: [number, number][] = []
  for (let n = 0; n < sent; n++) {
    if (seen[n]) {
      distinct++
      continue
    }
    if (notOwed.has(n)) continue
    missing++
    if (missingFirst.length < 20) missingFirst.push(n)
    const last = gaps.at(-1)
    if (last && last[1] === n - 1) last[1] = n
    else if (gaps.length < 20) gaps.push([n, n])
  }
  return {
    stored,
    distinct,
    duplicates,
    missing,
    missingFirst,
    gaps,
    malformed,
    misfiled,
  } satisfies HistoryCheck
}
