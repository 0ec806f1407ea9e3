import type { Database } from 'better-sqlite3'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { tempDir } from '../../../test/support/temp-dir'
import { openDatabase } from '../storage/database'
import { HistoryStore, type TopicSlot } from './history-store'
import type { MessageRecord } from './message-record'

const PROFILE = 'p1'

function record(store: HistoryStore, topic: string, payload: Uint8Array, extra: Partial<MessageRecord> = {}) {
  const r: MessageRecord = {
    id: store.nextId(),
    profileId: PROFILE,
    protocol: 'mqtt',
    direction: 'in',
    topic,
    receivedAt: 1_700_000_000_000 + store.peekNextId(),
    qos: 1,
    retain: false,
    dup: false,
    properties: null,
    amqp: null,
    kafka: null,
    payload,
    ...extra,
  }
  return r
}

function withProfile(db: Database, protocol = 'mqtt'): void {
  db.prepare(
    `INSERT INTO profiles (id, name, protocol, config, position, created_at, updated_at) VALUES (?, 'test', ?, '{}', 0, 0, 0)`,
  ).run(PROFILE, protocol)
}

/** A write that fails while the flag table has a row, on every connection (a trigger is schema). */
function failWrites(db: Database, on: boolean): void {
  db.exec(`CREATE TABLE IF NOT EXISTS test_fail (x INTEGER);
           CREATE TRIGGER IF NOT EXISTS test_fail_insert BEFORE INSERT ON messages
           WHEN (SELECT COUNT(*) FROM test_fail) > 0 BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END;`)
  db.exec(on ? 'INSERT INTO test_fail VALUES (1)' : 'DELETE FROM test_fail')
}

describe('history store', () => {
  const cleanups: (() => void)[] = []
  afterEach(() => {
    for (const c of cleanups.splice(0)) c()
  })

  function open(options?: { writerThread?: boolean; maxWaitingBytes?: number }) {
    const dir = tempDir()
    const db = openDatabase(dir.path)
    withProfile(db)
    const errors: string[] = []
    const store = new HistoryStore(db, (err) => errors.push(err.message), options)
    cleanups.push(() => {
      store.close()
      db.close()
      dir.remove()
    })
    return { db, store, errors }
  }

  it('writes on a thread of its own for a file, and reads see every row once flushed', () => {
    const { store, errors } = open()
    expect(store.writesOnThread).toBe(true)
    const sent: MessageRecord[] = []
    for (let i = 0; i < 5000; i++) {
      const r = record(store, `t/${i % 7}`, Buffer.from(`payload ${i}`))
      sent.push(r)
      store.append(r)
    }
    const newest = store.topicMessages(PROFILE, 't/3', null, 1)
    expect(newest[0]?.id).toBe(sent.filter((r) => r.topic === 't/3').at(-1)!.id)
    for (const r of [sent[0]!, sent[2500]!, sent[4999]!]) {
      expect(Buffer.from(store.message(r.id).payload).toString()).toBe(Buffer.from(r.payload).toString())
    }
    expect(store.pending).toBe(0)
    expect(errors).toEqual([])
  })

  it('keeps every column: payload bytes, flags, MQTT properties, Kafka metadata with a binary key', () => {
    const { db, store } = open()
    db.prepare("UPDATE profiles SET protocol = 'kafka'").run()
    const bytes = Uint8Array.from([0, 255, 1, 254, 0x80])
    // A payload that is a view into a larger buffer: only its own bytes must be stored.
    const big = Buffer.alloc(64, 7)
    const view = big.subarray(10, 13)
    const kafka = record(store, 'orders/2', view, {
      protocol: 'kafka',
      qos: null,
      kafka: {
        topic: 'orders',
        partition: 2,
        offset: '9007199254740993',
        key: bytes,
        headers: [['h', Uint8Array.from([1, 2])]],
        timestamp: 1_700_000_000_123,
        timestampType: 'create',
      },
    })
    const mqtt = record(store, 'a/b', bytes, {
      retain: true,
      dup: true,
      qos: 2,
      properties: {
        contentType: 'text/plain',
        userProperties: [['k', 'v']],
        correlationData: Uint8Array.from([9]),
      },
    })
    store.append(kafka)
    store.append(mqtt)
    store.flush()
    const k = store.message(kafka.id)
    expect(Array.from(k.payload)).toEqual([7, 7, 7])
    expect(k.kafka).toMatchObject({ partition: 2, offset: '9007199254740993', timestamp: 1_700_000_000_123 })
    const row = db.prepare('SELECT partition, "offset", msg_key, broker_ts, qos FROM messages WHERE id = ?')
    expect(row.safeIntegers(true).get(kafka.id)).toMatchObject({
      partition: 2n,
      offset: 9007199254740993n,
      msg_key: Buffer.from(bytes),
      broker_ts: 1_700_000_000_123n,
      qos: null,
    })
    const m = store.message(mqtt.id)
    expect(m).toMatchObject({ retain: true, dup: true, qos: 2, properties: { contentType: 'text/plain' } })
    expect(Array.from(m.payload)).toEqual(Array.from(bytes))
  })

  it('tells each topic slot its row id once written, and reuses it', () => {
    const { db, store } = open()
    const slot: TopicSlot = { topicId: 0 }
    store.append(record(store, 'x/y', Buffer.from('1')), slot)
    store.flush()
    const id = (db.prepare("SELECT id FROM topics WHERE name = 'x/y'").get() as { id: number }).id
    expect(slot.topicId).toBe(id)
    store.append(record(store, 'x/y', Buffer.from('2')), slot)
    store.flush()
    expect(db.prepare("SELECT COUNT(*) AS n FROM topics WHERE name = 'x/y'").get()).toEqual({ n: 1 })
    expect(
      store.topicMessages(PROFILE, 'x/y', null, 10).map((r) => Buffer.from(r.payload).toString()),
    ).toEqual(['2', '1'])
  })

  for (const writerThread of [true, false]) {
    it(`keeps the rows of a failed write and writes them when writing works again (${writerThread ? 'thread' : 'inline'})`, async () => {
      const { db, store, errors } = open({ writerThread })
      store.append(record(store, 'ok/1', Buffer.from('before')))
      store.flush()
      failWrites(db, true)
      const slot: TopicSlot = { topicId: 0 }
      const held = [0, 1, 2].map((i) => record(store, `held/${i}`, Buffer.from(`held ${i}`)))
      for (const r of held) store.append(r, slot)
      store.flush()
      expect(store.lastError).toMatch(/disk is full/)
      expect(errors.at(-1)).toMatch(/disk is full/)
      expect(store.pending).toBe(3)
      expect(slot.topicId).toBe(0)
      // What was stored before is untouched.
      expect(Buffer.from(store.message(1).payload).toString()).toBe('before')
      failWrites(db, false)
      if (writerThread) {
        // The thread tries again by itself, without new rows or a read.
        await vi.waitFor(
          () => expect(db.prepare('SELECT COUNT(*) AS n FROM messages').get()).toEqual({ n: 4 }),
          {
            timeout: 5000,
          },
        )
      }
      store.flush()
      expect(store.lastError).toBeNull()
      expect(store.pending).toBe(0)
      for (const r of held)
        expect(Buffer.from(store.message(r.id).payload).toString()).toBe(`held ${r.topic.at(-1)}`)
      expect(slot.topicId).toBeGreaterThan(0)
    })
  }

  for (const writerThread of [true, false]) {
    it(`stops keeping rows past the cap while writes fail, and counts what it did not store (${writerThread ? 'thread' : 'inline'})`, async () => {
      const { db, store } = open({ writerThread, maxWaitingBytes: 10_000 })
      failWrites(db, true)
      const payload = Buffer.alloc(1000, 1)
      // The first write fails; until then nothing is dropped (the failure is not known yet).
      store.append(record(store, 'cap/first', payload))
      store.flush()
      expect(store.lastError).toMatch(/disk is full/)
      const sent: MessageRecord[] = []
      for (let i = 0; i < 30; i++) {
        const r = record(store, `cap/${i}`, payload)
        sent.push(r)
        store.append(r)
        if (i % 5 === 4) store.flush()
      }
      store.flush()
      // Kept: at most the cap and one message more (the check is before each append).
      expect(store.pending).toBeGreaterThanOrEqual(10)
      expect(store.pending).toBeLessThanOrEqual(12)
      expect(store.dropped).toBe(31 - store.pending)
      failWrites(db, false)
      store.flush()
      await vi.waitFor(() => {
        store.flush()
        expect(store.pending).toBe(0)
      })
      expect(store.lastError).toBeNull()
      const stored = db.prepare('SELECT COUNT(*) AS n FROM messages').get() as { n: number }
      expect(stored.n + store.dropped).toBe(31)
      // Once writing works, nothing more is dropped.
      store.append(record(store, 'cap/after', payload))
      store.flush()
      expect(store.dropped).toBe(31 - stored.n)
      expect(store.topicMessages(PROFILE, 'cap/after', null, 1)).toHaveLength(1)
    })
  }

  it('writes on the calling thread for an in-memory database', async () => {
    const { default: BetterSqlite3 } = await import('better-sqlite3')
    const { migrations } = await import('../storage/migrations')
    const db = new BetterSqlite3(':memory:')
    for (const m of migrations) m.up(db)
    withProfile(db)
    const store = new HistoryStore(db, () => undefined)
    expect(store.writesOnThread).toBe(false)
    store.append(record(store, 'm', Buffer.from('in memory')))
    expect(Buffer.from(store.message(1).payload).toString()).toBe('in memory')
    store.close()
    db.close()
  })
})
