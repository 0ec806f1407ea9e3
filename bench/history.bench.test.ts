// History figures (issue: message history): the writer's insert rate against a bare better-sqlite3
// batched insert of the same rows in the same run, a topic's newest 1,000 messages and a payload
// search over 1,000,000 stored messages, in milliseconds. Figures only: no timed assertions.
import { expect, it } from 'vitest'
import { HistoryQuery } from '../src/main/history/history-query'
import { HistoryStore, type TopicSlot } from '../src/main/history/history-store'
import type { MessageRecord } from '../src/main/history/message-record'
import { SearchIndex } from '../src/main/history/search-index'
import { openDatabase } from '../src/main/storage/database'
import { Settings } from '../src/main/storage/settings'
import { HistoryFilter } from '../src/shared/history'
import { tempDir } from '../test/support/temp-dir'
import { median, progress, setting, writePart } from './support/bench-env'

const INSERT_ROWS = setting('HISTORY_INSERT_ROWS', 200_000)
const STORED = setting('HISTORY_STORED', 1_000_000)
const TOPICS = 1000
const ROOMS = ['kitchen', 'hall', 'garage', 'attic', 'cellar', 'porch', 'office', 'garden']

function payloadOf(i: number): Uint8Array {
  const room = ROOMS[i % ROOMS.length]
  // One message in 10,000 carries a rare word, so a search for it has few, scattered hits.
  const rare = i % 10_000 === 4321 ? ',"alarm":"smoke detected"' : ''
  return new TextEncoder().encode(
    `{"room":"${room}","temperature":${(18 + (i % 70) / 10).toFixed(1)},"humidity":${40 + (i % 30)},"seq":${i}${rare}}`,
  )
}

function record(i: number, id: number, profileId: string): MessageRecord {
  return {
    id,
    profileId,
    protocol: 'mqtt',
    direction: 'in',
    topic: `home/${ROOMS[i % ROOMS.length]}/sensor${i % TOPICS}`,
    receivedAt: 1_700_000_000_000 + i,
    qos: 1,
    retain: false,
    dup: false,
    properties: null,
    amqp: null,
    kafka: null,
    payload: payloadOf(i),
  }
}

it('history: insert rate against bare better-sqlite3, newest 1,000, search over 1,000,000', () => {
  const runs: { bare: number; history: number }[] = []
  for (let run = 0; run < 3; run++) {
    // Bare: the same rows into the same table shape, prepared statement, 2,000 rows a transaction.
    const bareDir = tempDir('brokerlens-bench-bare-')
    const bare = openDatabase(bareDir.path)
    bare
      .prepare("INSERT INTO topics (profile_id, name) SELECT 'p', 'home/x/sensor' || value FROM json_each(?)")
      .run(JSON.stringify(Array.from({ length: TOPICS }, (_, i) => i)))
    const insert = bare.prepare(
      `INSERT INTO messages (id, topic_id, direction, received_at, qos, retain, dup, properties, size, payload)
       VALUES (?, ?, 0, ?, 1, 0, 0, NULL, ?, ?)`,
    )
    const rows = Array.from({ length: INSERT_ROWS }, (_, i) => record(i, i + 1, 'p'))
    const batch = bare.transaction((from: number, to: number) => {
      for (let i = from; i < to; i++) {
        const r = rows[i]!
        insert.run(r.id, (i % TOPICS) + 1, r.receivedAt, r.payload.length, r.payload)
      }
    })
    let t = performance.now()
    for (let i = 0; i < INSERT_ROWS; i += 2000) batch(i, Math.min(INSERT_ROWS, i + 2000))
    const bareRate = INSERT_ROWS / ((performance.now() - t) / 1000)
    bare.close()
    bareDir.remove()

    // The history writer: the same rows through append (topic slots as the tree gives them) + flush.
    const dir = tempDir('brokerlens-bench-history-')
    const db = openDatabase(dir.path)
    db.prepare(
      "INSERT INTO profiles (id, protocol, name, config, position, created_at, updated_at) VALUES ('p', 'mqtt', 'p', '{}', 1, 0, 0)",
    ).run()
    const store = new HistoryStore(db, (err) => {
      throw err
    })
    const slots: TopicSlot[] = Array.from({ length: TOPICS }, () => ({ topicId: 0 }))
    t = performance.now()
    for (let i = 0; i < INSERT_ROWS; i++) store.append(rows[i]!, slots[i % TOPICS])
    store.flush()
    const historyRate = INSERT_ROWS / ((performance.now() - t) / 1000)
    expect(db.prepare('SELECT COUNT(*) FROM messages').pluck().get()).toBe(INSERT_ROWS)
    db.close()
    dir.remove()
    runs.push({ bare: bareRate, history: historyRate })
    progress(
      `insert run ${run + 1}: bare ${bareRate.toFixed(0)} rows/s, history ${historyRate.toFixed(0)} rows/s`,
    )
  }
  const bareRate = median(runs.map((r) => r.bare))
  const historyRate = median(runs.map((r) => r.history))

  // 1,000,000 stored messages, indexed, then the two reads the UI makes most.
  const dir = tempDir('brokerlens-bench-history-1m-')
  const db = openDatabase(dir.path)
  db.prepare(
    "INSERT INTO profiles (id, protocol, name, config, position, created_at, updated_at) VALUES ('p', 'mqtt', 'p', '{}', 1, 0, 0)",
  ).run()
  const store = new HistoryStore(db, (err) => {
    throw err
  })
  const slots: TopicSlot[] = Array.from({ length: TOPICS }, () => ({ topicId: 0 }))
  let t = performance.now()
  for (let i = 0; i < STORED; i++) store.append(record(i, store.nextId(), 'p'), slots[i % TOPICS])
  store.flush()
  const fillMs = performance.now() - t
  const settings = new Settings(db)
  const index = new SearchIndex(db, settings)
  t = performance.now()
  index.catchUp()
  const indexMs = performance.now() - t
  progress(`stored ${STORED} in ${fillMs.toFixed(0)} ms, indexed in ${indexMs.toFixed(0)} ms`)
  const query = new HistoryQuery(db, store, index)

  const newestTimes: number[] = []
  for (let k = 0; k < 20; k++) {
    const topic = `home/${ROOMS[(k * 37) % ROOMS.length]}/sensor${(k * 37) % TOPICS}`
    t = performance.now()
    const list = store.topicMessages('p', topic, null, 1000)
    newestTimes.push(performance.now() - t)
    expect(list).toHaveLength(1000)
  }
  const searchTimes = (text: string, expectAtLeast: number) => {
    const times: number[] = []
    for (let k = 0; k < 10; k++) {
      t = performance.now()
      const page = query.page(HistoryFilter.parse({ profileId: 'p', text }), null, 100)
      times.push(performance.now() - t)
      expect(page.hits.length).toBeGreaterThanOrEqual(Math.min(100, expectAtLeast))
    }
    return median(times)
  }
  const rareMs = searchTimes('smoke detected', STORED / 10_000)
  const commonMs = searchTimes('kitchen', 100)
  db.close()
  dir.remove()

  const figures = {
    insert: {
      rows: INSERT_ROWS,
      bareRowsPerSec: Math.round(bareRate),
      historyRowsPerSec: Math.round(historyRate),
      ratio: Number((historyRate / bareRate).toFixed(3)),
      target: 0.7,
    },
    stored: STORED,
    fillMs: Math.round(fillMs),
    indexMs: Math.round(indexMs),
    newest1000Ms: {
      median: Number(median(newestTimes).toFixed(2)),
      max: Number(Math.max(...newestTimes).toFixed(2)),
      target: 20,
    },
    searchMs: { rare: Number(rareMs.toFixed(2)), common: Number(commonMs.toFixed(2)), target: 200 },
  }
  writePart('history', figures)
  progress(JSON.stringify(figures))
}, 900_000)
