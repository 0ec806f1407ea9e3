import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import mqtt from 'mqtt'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import WebSocket from 'ws'
import type { HistoryPage, HistoryStats } from '../../src/shared/history'
import type { Profile } from '../../src/shared/profiles'
import { DATABASE_FILE } from '../../src/main/storage/database'
import { testBrokers } from '../support/brokers'
import { tempDir } from '../support/temp-dir'
import { testCore } from '../support/test-core'

const enc = (s: string) => new TextEncoder().encode(s)

/** The message history on a real SQLite file: volume, search, budget, export/import, and a kill. */
describe('message history', () => {
  let ctx: ReturnType<typeof testCore>
  let profileId: string
  beforeEach(async () => {
    ctx = testCore()
    const p = (await ctx.core.invoke('createProfile', {
      config: { protocol: 'mqtt', name: 'history', host: '127.0.0.1' },
    })) as Profile
    profileId = p.id
  })
  afterEach(() => ctx.dispose())
  const api = <T>(method: string, input?: unknown) => ctx.core.invoke(method, input) as Promise<T>
  /** What the MQTT client does with each message, minus the socket. */
  const receive = (topic: string, payload: Uint8Array | string, retain = false) =>
    ctx.ingest.receive(profileId, 'mqtt', {
      topic,
      payload: typeof payload === 'string' ? enc(payload) : payload,
      qos: 1,
      retain,
      dup: false,
      properties: null,
    })

  it('stores 100,000 messages and counts them exactly, paging without repeats', async () => {
    for (let i = 0; i < 100_000; i++) receive(`bulk/t${i % 1000}`, `{"n":${i}}`)
    expect((await api<{ count: number }>('countHistory', { filter: { profileId } })).count).toBe(100_000)
    expect(
      (await api<{ count: number }>('countHistory', { filter: { profileId, topic: 'bulk/t7' } })).count,
    ).toBe(100)
    const seen = new Set<number>()
    let beforeId: number | null = null
    let pages = 0
    do {
      const page: HistoryPage = await api('queryHistory', {
        filter: { profileId, topic: 'bulk/#' },
        beforeId,
        limit: 1000,
      })
      for (const h of page.hits) seen.add(h.id)
      beforeId = page.nextBeforeId
      pages++
    } while (beforeId !== null)
    expect(seen.size).toBe(100_000)
    expect(pages).toBe(100)
    const stats = await api<HistoryStats>('historyStats')
    expect(stats.messages).toBe(100_000)
  }, 120_000)

  it('finds payload text, highlights it, and finds nothing else', async () => {
    receive('home/kitchen', '{"temperature":21.4,"state":"ON"}')
    receive('home/hall', '{"temperature":19.0,"state":"OFF"}')
    receive('home/kitchen', 'motion detected in kitchen')
    receive('garage', Uint8Array.from([0xff, 0x00, 0x74, 0x65, 0x6d, 0x70])) // binary: never a text hit
    const search = async (text: string, topic: string | null = null) =>
      (await api<HistoryPage>('queryHistory', { filter: { profileId, text, topic } })).hits
    expect((await search('temperature')).map((h) => h.topic).sort()).toEqual(['home/hall', 'home/kitchen'])
    expect((await search('kitch')).map((h) => h.preview)).toEqual(['motion detected in kitchen'])
    expect(await search('temperature OFF')).toHaveLength(1)
    expect(await search('bathroom')).toEqual([])
    expect(await search('temp', 'garage')).toEqual([])
    expect(await search('"; DROP TABLE messages; --')).toEqual([])
    const [hit] = await search('21.4')
    expect(hit!.snippet!.text.slice(...hit!.snippet!.ranges[0]!)).toBe('21.4')
    expect(await search('state', 'home/+')).toHaveLength(2)
  })

  it('prunes the oldest messages to stay under the budget, and says so', async () => {
    const blob = new Uint8Array(4096).fill(0x61)
    let lastId = 0
    for (let i = 0; i < 10_000; i++) lastId = receive(`fill/${i % 50}`, blob).id
    const before = await api<HistoryStats>('historyStats')
    expect(before.usedBytes).toBeGreaterThan(30 * 1024 * 1024)
    const after = await api<HistoryStats>('setHistoryBudget', { bytes: 16 * 1024 * 1024 })
    expect(after.usedBytes).toBeLessThanOrEqual(16 * 1024 * 1024)
    expect(after.prunedMessages).toBeGreaterThan(0)
    expect(after.messages).toBe(10_000 - after.prunedMessages)
    // Oldest first: what is left is the newest.
    const newest = await api<HistoryPage>('queryHistory', { filter: { profileId }, limit: 1 })
    expect(newest.hits[0]!.id).toBe(lastId)
    const oldest = await api<{ text: string }>('exportHistory', {
      filter: { profileId },
      format: 'jsonl',
      limit: 1,
    })
    expect(JSON.parse(oldest.text).id).toBe(lastId - after.messages + 1)
    const { count } = await api<{ count: number }>('countHistory', { filter: { profileId, topic: 'fill/#' } })
    expect(count).toBe(after.messages)
  }, 60_000)

  it('pauses and clears per connection and per topic', async () => {
    receive('a/1', 'x')
    await api('setHistoryPaused', { profileId, paused: true })
    receive('a/2', 'not stored')
    await api('setHistoryPaused', { profileId, paused: false })
    receive('b/1', 'y')
    receive('b/2', 'z')
    expect((await api<{ count: number }>('countHistory', { filter: { profileId } })).count).toBe(3)
    expect(await api('clearHistory', { profileId, topic: 'b/#' })).toEqual({ removed: 2 })
    expect(await api('clearHistory', { profileId, topic: null })).toEqual({ removed: 1 })
    expect((await api<HistoryStats>('historyStats')).messages).toBe(0)
  })

  it('exports to JSON Lines and imports it back byte for byte; CSV quotes what it must', async () => {
    const binary = Uint8Array.from({ length: 300 }, (_, i) => (i * 7) % 256)
    receive('x/text', 'plain "quoted", with comma\nand a line break')
    receive('x/bin', binary)
    receive('x/bom', Uint8Array.from([0xef, 0xbb, 0xbf, 0x41])) // a BOM must survive
    receive('x/empty', new Uint8Array(0), true)
    let jsonl = ''
    let afterId: number | null = null
    do {
      const chunk: { text: string; next: number | null } = await api('exportHistory', {
        filter: { profileId },
        format: 'jsonl',
        afterId,
        limit: 2,
      })
      jsonl += chunk.text
      afterId = chunk.next
    } while (afterId !== null)
    expect(jsonl.trim().split('\n')).toHaveLength(4)
    const csv = await api<{ text: string }>('exportHistory', { filter: { profileId }, format: 'csv' })
    expect(csv.text.split('\n')[0]).toBe('id,received_at,topic,direction,qos,retain,size,encoding,payload')
    expect(csv.text).toContain('"plain ""quoted"", with comma\nand a line break"')

    const target = (
      await api<Profile>('createProfile', { config: { protocol: 'mqtt', name: 'imported', host: 'h' } })
    ).id
    const result = await api<{ imported: number; errors: unknown[] }>('importHistory', {
      profileId: target,
      text: jsonl + '{"broken"\n',
    })
    expect(result.imported).toBe(4)
    expect(result.errors).toEqual([{ line: 5, reason: expect.stringContaining('not JSON') }])
    for (const topic of ['x/text', 'x/bin', 'x/bom', 'x/empty']) {
      const [orig] = (await api<HistoryPage>('queryHistory', { filter: { profileId, topic } })).hits
      const [copy] = (await api<HistoryPage>('queryHistory', { filter: { profileId: target, topic } })).hits
      const a = await api<{ bytes: Uint8Array }>('getMessagePayload', { id: orig!.id })
      const b = await api<{ bytes: Uint8Array }>('getMessagePayload', { id: copy!.id })
      expect(Array.from(b.bytes)).toEqual(Array.from(a.bytes))
      expect([copy!.retain, copy!.qos, copy!.receivedAt]).toEqual([orig!.retain, orig!.qos, orig!.receivedAt])
    }
  })

  it('rebuilds the topic tree from history after a restart, marked as not seen live', async () => {
    receive('house/kitchen/temp', '21.5')
    receive('house/kitchen/temp', '21.7')
    receive('house/config', '{"v":1}', true)
    await api('countHistory', { filter: { profileId } }) // reads flush the writer
    const reopened = testCore(ctx.dataDir)
    try {
      const snap = (await reopened.core.invoke('setTreeView', {
        profileId,
        viewId: 'v',
        expanded: ['house', 'house/kitchen'],
        selected: 'house/kitchen/temp',
      })) as any
      expect(snap.totals).toMatchObject({ messages: 3, topics: 2 })
      const temp = snap.children.find((c: any) => c.parent === 'house/kitchen').nodes[0]
      expect(temp).toMatchObject({
        path: 'house/kitchen/temp',
        own: 2,
        live: false,
        last: { preview: '21.7' },
      })
      const config = snap.children
        .find((c: any) => c.parent === 'house')
        .nodes.find((n: any) => n.path === 'house/config')
      expect(config).toMatchObject({ retained: true, live: false })
      expect(snap.detail.series.map((p: [number, number]) => p[1])).toEqual([21.5, 21.7])
    } finally {
      await reopened.core.close()
    }
  })
})

describe('history survives a killed process', () => {
  it('reopens after SIGKILL during heavy ingest with every flushed message intact', async () => {
    const webJs = join(process.cwd(), 'out', 'main', 'web.js')
    expect(existsSync(webJs), 'run `npx electron-vite build` first (npm test does)').toBe(true)
    const b = testBrokers()
    const dir = tempDir('brokerlens-kill-')
    const host = spawn(process.execPath, [webJs, '--port', '0', '--data-dir', dir.path], {
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    try {
      const url = await new Promise<string>((resolve, reject) => {
        host.stdout.on('data', (d: Buffer) => {
          const m = /running at (http:\/\/[^\s]+)/.exec(d.toString())
          if (m) resolve(m[1]!)
        })
        host.once('exit', (code) => reject(new Error(`web host exited ${code}`)))
      })
      const origin = url.replace(/\/$/, '')
      const ws = new WebSocket(`${origin.replace('http', 'ws')}/api`, { origin })
      await new Promise((r) => ws.once('open', r))
      let nextId = 1
      const call = (method: string, input?: unknown) =>
        new Promise<any>((resolve, reject) => {
          const id = nextId++
          const onMessage = (data: WebSocket.RawData) => {
            const f = JSON.parse(data.toString())
            if (f.id !== id) return
            ws.off('message', onMessage)
            if (f.ok) resolve(f.result)
            else reject(new Error(f.error.message))
          }
          ws.on('message', onMessage)
          ws.send(JSON.stringify({ id, method, input }))
        })
      const topic = `kill-${Date.now()}`
      const p = await call('createProfile', {
        config: {
          protocol: 'mqtt',
          name: 'kill',
          host: '127.0.0.1',
          port: b.mosquitto.ports.plain,
          subscriptions: [{ filter: `${topic}/#`, qos: 1 }],
        },
      })
      expect((await call('connect', { profileId: p.id })).state).toBe('connected')
      await vi.waitFor(async () =>
        expect((await call('listSubscriptions', { profileId: p.id }))[0].state).toBe('active'),
      )

      const pub = await mqtt.connectAsync({ host: '127.0.0.1', port: b.mosquitto.ports.plain })
      let sending = true
      const pump = (async () => {
        for (let i = 0; sending; i++) {
          await pub.publishAsync(`${topic}/t${i % 100}`, Buffer.from(`{"i":${i}}`), { qos: 1 })
        }
      })()
      let stored = 0
      await vi.waitFor(
        async () => {
          stored = (await call('historyStats')).messages
          expect(stored).toBeGreaterThan(2000)
        },
        { timeout: 30_000, interval: 50 },
      )
      host.kill('SIGKILL')
      sending = false
      await pump
      await pub.endAsync()
      await new Promise((r) => host.once('exit', r))

      const db = new Database(join(dir.path, DATABASE_FILE))
      try {
        expect(db.pragma('integrity_check', { simple: true })).toBe('ok')
        const count = db.prepare('SELECT COUNT(*) FROM messages').pluck().get() as number
        expect(count).toBeGreaterThanOrEqual(stored)
        // Whole batches or nothing: ids are contiguous from the first.
        const { lo, hi } = db.prepare('SELECT MIN(id) AS lo, MAX(id) AS hi FROM messages').get() as {
          lo: number
          hi: number
        }
        expect(hi - lo + 1).toBe(count)
      } finally {
        db.close()
      }
    } finally {
      if (host.exitCode === null) host.kill('SIGKILL')
      dir.remove()
    }
  }, 90_000)
})
