import { randomBytes } from 'node:crypto'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import mqtt, { type MqttClient } from 'mqtt'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { ConnectionStatus } from '../../src/shared/connection-status'
import type { HistoryPage, HistoryStats } from '../../src/shared/history'
import type { MessageSummary } from '../../src/shared/messages'
import type { Profile } from '../../src/shared/profiles'
import type { SubscriptionStatus } from '../../src/shared/subscriptions'
import { DATABASE_FILE } from '../../src/main/storage/database'
import { testBroker, type TestMosquitto } from '../support/brokers'
import { mountSmallFilesystem, type SmallFilesystem } from '../support/small-filesystem'
import { testCore } from '../support/test-core'

const FS_BYTES = 8 * 1024 * 1024
/** Free space left beside the filler: a few dozen messages' worth, so the disk fills quickly. */
const LEFT_FREE = 384 * 1024
/** Gives up publishing into the full disk after this many messages (far more than LEFT_FREE takes). */
const MAX_FILL_MESSAGES = 400
const FULL = /disk is full|SQLITE_FULL|no space/i

/** Every column of every stored message, as SQLite has it. */
interface StoredRow {
  id: number
  topic: string
  direction: number
  received_at: number
  qos: number | null
  retain: number
  dup: number
  properties: string | null
  size: number
  payload: Buffer
}

/** Reads the history straight from the file, on a read-only connection of its own. */
function readStoredRows(file: string): StoredRow[] {
  const db = new Database(file, { readonly: true, fileMustExist: true })
  try {
    return db
      .prepare(
        `SELECT m.id, t.name AS topic, m.direction, m.received_at, m.qos, m.retain, m.dup, m.properties,
                m.size, m.payload
         FROM messages m JOIN topics t ON t.id = m.topic_id ORDER BY m.id`,
      )
      .all() as StoredRow[]
  } finally {
    db.close()
  }
}

/**
 * The disk under the data folder runs full while messages pour in: the history stops writing and
 * says why, the core keeps working, nothing stored is damaged, and what waited is written once
 * there is room again.
 */
describe('faults: the disk of the data folder runs full', () => {
  let small: SmallFilesystem
  let ctx: ReturnType<typeof testCore> | null = null
  let mosquitto: TestMosquitto
  let publisher: MqttClient | null = null
  const prefix = `faults-disk-${Date.now().toString(36)}`
  const MARK = `mark${Date.now().toString(36)}`

  beforeAll(() => {
    mosquitto = testBroker('mosquitto')
    small = mountSmallFilesystem(FS_BYTES)
  })
  afterAll(async () => {
    await publisher?.endAsync(true)
    await ctx?.dispose()
    small?.unmount()
  })

  it('stops writing with a visible error, damages nothing, and writes what waited once there is room', async () => {
    const dataDir = join(small.path, 'data')
    const core = (ctx = testCore(dataDir)).core
    const api = <T>(method: string, input?: unknown) => core.invoke(method, input) as Promise<T>
    const stats = () => api<HistoryStats>('historyStats')
    const dbFile = join(dataDir, DATABASE_FILE)

    const profile = await api<Profile>('createProfile', {
      config: {
        protocol: 'mqtt',
        name: 'onto a small disk',
        host: '127.0.0.1',
        port: mosquitto.ports.plain,
        subscriptions: [{ filter: `${prefix}/#`, qos: 1 }],
      },
    })
    const profileId = profile.id
    expect((await api<ConnectionStatus>('connect', { profileId })).state).toBe('connected')
    await vi.waitFor(async () =>
      expect((await api<SubscriptionStatus[]>('listSubscriptions', { profileId }))[0]?.state).toBe('active'),
    )
    publisher = await mqtt.connectAsync({ host: '127.0.0.1', port: mosquitto.ports.plain })
    /** Every payload sent, by topic: each topic gets exactly one message. */
    const sent = new Map<string, Buffer>()
    const send = async (phase: string, n: number, size: number) => {
      const topic = `${prefix}/${phase}/${n}`
      // Text, so that the search index has work too: random words, and one every message shares.
      const payload = Buffer.from(`${MARK} ${phase} ${n} ${randomBytes((size * 3) / 4).toString('base64')}`)
      sent.set(topic, payload)
      await publisher!.publishAsync(topic, payload, { qos: 1 })
    }
    /** All that was sent has reached the core: written, or waiting to be. */
    const allReceived = () =>
      vi.waitFor(
        async () => {
          const s = await stats()
          expect(s.messages + s.pendingWrites).toBe(sent.size)
        },
        { timeout: 15_000 },
      )

    // Before: a history that must survive untouched.
    for (let n = 0; n < 20; n++) await send('before', n, 2048)
    await allReceived()
    expect(await stats()).toMatchObject({ messages: 20, pendingWrites: 0, writeError: null })
    const storedBefore = readStoredRows(dbFile)
    expect(storedBefore).toHaveLength(20)
    for (const row of storedBefore) expect(row.payload.equals(sent.get(row.topic)!)).toBe(true)

    // The disk fills: most of it at once, the rest by messages.
    const filler = small.fill(LEFT_FREE)
    expect(filler.bytes).toBeGreaterThan(FS_BYTES / 2)
    let fillMessages = 0
    while (fillMessages < MAX_FILL_MESSAGES) {
      for (let i = 0; i < 8; i++) await send('filling', fillMessages++, 8192)
      await allReceived()
      if ((await stats()).writeError !== null) break
    }
    await vi.waitFor(async () => expect((await stats()).writeError).toMatch(FULL), { timeout: 15_000 })
    const whenFull = await stats()
    expect(whenFull.pendingWrites).toBeGreaterThan(0)
    expect(whenFull.messages).toBeGreaterThanOrEqual(20)
    expect(whenFull.messages + whenFull.pendingWrites).toBe(sent.size)
    const storedWhenFull = readStoredRows(dbFile)
    expect(storedWhenFull.length).toBe(whenFull.messages)

    // While full: the core answers, stays connected, and keeps what arrives in memory.
    expect((await api<Profile[]>('listProfiles')).map((p) => p.id)).toContain(profileId)
    expect(await api<ConnectionStatus[]>('listConnections')).toContainEqual(
      expect.objectContaining({ profileId, state: 'connected' }),
    )
    const page = await api<HistoryPage>('queryHistory', {
      filter: { profileId, topic: `${prefix}/before/#` },
      limit: 100,
    })
    expect(page.hits).toHaveLength(20)
    const [first] = await api<MessageSummary[]>('getTopicMessages', {
      profileId,
      topic: `${prefix}/before/0`,
      limit: 1,
    })
    const firstBytes = await api<{ bytes: Uint8Array }>('getMessagePayload', { id: first!.id })
    expect(Buffer.from(firstBytes.bytes).equals(sent.get(`${prefix}/before/0`)!)).toBe(true)
    for (let n = 0; n < 5; n++) await send('while-full', n, 8192)
    await allReceived()
    const stillFull = await stats()
    expect(stillFull.writeError).toMatch(FULL)
    expect(stillFull.pendingWrites).toBe(whenFull.pendingWrites + 5)

    // Room again: what waited is written, then what comes next, and the error goes away.
    filler.release()
    await vi.waitFor(
      async () =>
        expect(await stats()).toMatchObject({ writeError: null, pendingWrites: 0, messages: sent.size }),
      { timeout: 15_000 },
    )
    for (let n = 0; n < 5; n++) await send('after', n, 2048)
    await allReceived()
    await vi.waitFor(async () =>
      expect(await stats()).toMatchObject({ writeError: null, pendingWrites: 0, messages: sent.size }),
    )
    const [latest] = await api<MessageSummary[]>('getTopicMessages', {
      profileId,
      topic: `${prefix}/after/4`,
      limit: 1,
    })
    expect(latest).toMatchObject({ size: sent.get(`${prefix}/after/4`)!.length })

    // The search index lost nothing either: every message is found by the word they share.
    expect((await api<{ count: number }>('countHistory', { filter: { profileId, text: MARK } })).count).toBe(
      sent.size,
    )

    // Closed: the file is sound, every row stored before the disk filled is unchanged, and every
    // message sent is there once, byte for byte.
    await core.close()
    const check = new Database(dbFile, { readonly: true, fileMustExist: true })
    try {
      expect(check.pragma('integrity_check')).toEqual([{ integrity_check: 'ok' }])
    } finally {
      check.close()
    }
    const storedAfter = readStoredRows(dbFile)
    const byId = new Map(storedAfter.map((r) => [r.id, r]))
    for (const row of storedWhenFull) expect(byId.get(row.id)).toEqual(row)
    for (const row of storedBefore) expect(byId.get(row.id)).toEqual(row)
    expect(storedAfter.map((r) => r.topic).sort()).toEqual([...sent.keys()].sort())
    for (const row of storedAfter) expect(row.payload.equals(sent.get(row.topic)!), row.topic).toBe(true)
  }, 120_000)
})
