import { createHash } from 'node:crypto'
import { Kafka, logLevel, type Admin, type Producer } from 'kafkajs'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { KafkaFetcher } from '../../src/main/brokers/kafka/kafka-fetcher'
import type { ApiEvent } from '../../src/shared/api'
import type { ConnectionStatus } from '../../src/shared/connection-status'
import type { KafkaBrowsePage, KafkaBrowseRequest, KafkaTailStatus } from '../../src/shared/kafka'
import type { MessageSummary } from '../../src/shared/messages'
import type { Profile } from '../../src/shared/profiles'
import { kafkaTreePath } from '../../src/shared/tree-paths'
import { testBroker } from '../support/brokers'
import { testCore } from '../support/test-core'

const enc = (s: string) => new TextEncoder().encode(s)
const hex = (bytes: Uint8Array | null | undefined) => (bytes ? Buffer.from(bytes).toString('hex') : null)
const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex')
const CLIENT_ID = 'brokerlens-browse-it'
/** Record times: an hour ago, whole seconds, interleaved across partitions. */
const T0 = Math.floor(Date.now() / 1000) * 1000 - 3600_000
const PER_PARTITION = 10
/** Binary, with the text of a filter inside it: text filters must not match it. */
const BINARY = Uint8Array.from([0xff, 0x00, ...enc('gamma'), 0xfe])

interface Known {
  partition: number
  offset: string
  timestamp: number
  key: string
  headers: [string, string][]
  value: Uint8Array
}

/** Partition p, i-th record: written at T0 + (3i + p) s, so time order interleaves partitions. */
function known(p: number, i: number): Known {
  const headers: [string, string][] = [
    ['seq', String(i)],
    ['part', String(p)],
  ]
  if (i % 3 === 0) headers.push(['color', i % 2 === 0 ? 'red' : 'blue'])
  const word = ['alpha', 'beta', 'gamma', 'delta'][(p + i) % 4]!
  const value = p === 0 && i === 5 ? BINARY : enc(JSON.stringify({ p, i, word }))
  return {
    partition: p,
    offset: String(i),
    timestamp: T0 + (3 * i + p) * 1000,
    key: `k-${p}-${i}`,
    headers,
    value,
  }
}
const ALL = [0, 1, 2].flatMap((p) => Array.from({ length: PER_PARTITION }, (_, i) => known(p, i)))
const byTime = (list: Known[]) =>
  [...list].sort((a, b) => a.timestamp - b.timestamp || a.partition - b.partition)
const ids = (records: { partition: number; offset: string }[]) =>
  records.map((r) => `${r.partition}/${r.offset}`)
const idsOf = (page: KafkaBrowsePage) => ids(page.records.map((r) => r.kafka!))

describe('browsing Kafka records without a group', () => {
  let broker: ReturnType<typeof testBroker<'kafka'>>
  let ctx: ReturnType<typeof testCore>
  let admin: Admin
  let producer: Producer
  let profileId: string
  let groupsBefore: string[]
  const topic = `it-browse-${Date.now().toString(36)}`
  const events: ApiEvent[] = []
  const made: string[] = []

  const api = <T>(method: string, input?: unknown) => ctx.core.invoke(method, input, 'test') as Promise<T>
  const browse = (request: Omit<KafkaBrowseRequest, 'profileId' | 'topic'> & { topic?: string }) =>
    api<KafkaBrowsePage>('browseKafka', { profileId, topic, ...request })
  const stored = (t: string, partition: number) =>
    api<MessageSummary[]>('getTopicMessages', { profileId, topic: kafkaTreePath(t, partition), limit: 1000 })
  const historyRows = async (t: string) =>
    (await api<{ count: number }>('countHistory', { filter: { profileId, topic: `${t}/#` } })).count
  const createTopic = async (name: string, partitions: number, configs: Record<string, string> = {}) => {
    made.push(name)
    await admin.createTopics({
      topics: [
        {
          topic: name,
          numPartitions: partitions,
          configEntries: Object.entries(configs).map(([name, value]) => ({ name, value })),
        },
      ],
      waitForLeaders: true,
    })
  }

  beforeAll(async () => {
    broker = testBroker('kafka')
    ctx = testCore()
    ctx.core.onEvent((e) => void events.push(e))
    const kafka = new Kafka({
      clientId: 'it-browse-writer',
      brokers: [broker.bootstrap],
      logLevel: logLevel.NOTHING,
    })
    admin = kafka.admin()
    await admin.connect()
    groupsBefore = (await admin.listGroups()).groups.map((g) => g.groupId)
    producer = kafka.producer({ allowAutoTopicCreation: false })
    await producer.connect()
    await createTopic(topic, 3)
    // Two sends per partition: each partition's log holds two batches.
    for (const half of [0, 1])
      for (const p of [0, 1, 2]) {
        const list = ALL.filter((r) => r.partition === p && Math.floor(Number(r.offset) / 5) === half)
        await producer.send({
          topic,
          messages: list.map((r) => ({
            partition: p,
            key: r.key,
            value: Buffer.from(r.value),
            headers: Object.fromEntries(r.headers),
            timestamp: String(r.timestamp),
          })),
        })
      }
    const p = await api<Profile>('createProfile', {
      config: { protocol: 'kafka', name: 'kafka browse', brokers: [broker.bootstrap], clientId: CLIENT_ID },
    })
    profileId = p.id
    expect((await api<ConnectionStatus>('connect', { profileId })).state).toBe('connected')
  })
  afterAll(async () => {
    await ctx?.dispose()
    await producer?.disconnect()
    await admin?.deleteTopics({ topics: made }).catch(() => undefined)
    await admin?.disconnect()
  })

  it('reads every partition from the beginning, exactly as written, in time order', async () => {
    const page = await browse({ from: { kind: 'beginning' }, limit: 100 })
    expect(page.reachedEnd).toBe(true)
    expect(page.scanned).toBe(30)
    expect(page.next).toEqual([0, 1, 2].map((partition) => ({ partition, offset: '10' })))
    expect(idsOf(page)).toEqual(ids(byTime(ALL)))
    for (const r of page.records) {
      const k = known(r.kafka!.partition, Number(r.kafka!.offset))
      expect(r).toMatchObject({
        protocol: 'kafka',
        direction: 'in',
        topic: kafkaTreePath(topic, k.partition),
        size: k.value.length,
        kafka: {
          topic,
          partition: k.partition,
          offset: k.offset,
          timestamp: k.timestamp,
          timestampType: 'create',
        },
      })
      expect(Buffer.from(r.kafka!.key!).toString()).toBe(k.key)
      expect(r.kafka!.headers.map(([n, v]) => [n, Buffer.from(v).toString()])).toEqual(k.headers)
      const { bytes } = await api<{ bytes: Uint8Array }>('getMessagePayload', { id: r.id })
      expect(hex(bytes)).toBe(hex(k.value))
    }
  })

  it('reads the newest records from the end', async () => {
    const page = await browse({ from: { kind: 'end' }, limit: 4 })
    expect(idsOf(page)).toEqual(ids(byTime(ALL).slice(-4)))
    expect(page.next).toEqual([0, 1, 2].map((partition) => ({ partition, offset: '10' })))
    expect(page.reachedEnd).toBe(true)
    const one = await browse({ from: { kind: 'end' }, limit: 3, partitions: [1] })
    expect(idsOf(one)).toEqual(['1/7', '1/8', '1/9'])
  })

  it('reads from an offset per partition', async () => {
    const page = await browse({
      from: {
        kind: 'offset',
        offsets: [
          { partition: 0, offset: '7' },
          { partition: 2, offset: '3' },
        ],
      },
      limit: 100,
    })
    const expected = ALL.filter(
      (r) => (r.partition === 0 && +r.offset >= 7) || (r.partition === 2 && +r.offset >= 3),
    )
    expect(idsOf(page)).toEqual(ids(byTime(expected)))
    expect(page.next).toEqual([
      { partition: 0, offset: '10' },
      { partition: 2, offset: '10' },
    ])
    // A partition asked without an offset starts at its beginning; past the end reads nothing.
    const mixed = await browse({
      from: { kind: 'offset', offsets: [{ partition: 0, offset: '99' }] },
      partitions: [0, 1],
      limit: 100,
    })
    expect(idsOf(mixed)).toEqual(ids(byTime(ALL.filter((r) => r.partition === 1))))
    expect(mixed.reachedEnd).toBe(true)
  })

  it('reads from a time', async () => {
    const at = T0 + 20_000
    const page = await browse({ from: { kind: 'timestamp', at }, limit: 100 })
    expect(idsOf(page)).toEqual(ids(byTime(ALL.filter((r) => r.timestamp >= at))))
    expect(page.records).toHaveLength(10)
    const none = await browse({ from: { kind: 'timestamp', at: Date.now() + 3600_000 }, limit: 100 })
    expect(none.records).toEqual([])
    expect(none.reachedEnd).toBe(true)
  })

  it('pages through everything with `next`, every record once, in order', async () => {
    const seen: string[] = []
    let from: KafkaBrowseRequest['from'] = { kind: 'beginning' }
    let pages = 0
    for (;;) {
      const page = await browse({ from, limit: 7 })
      pages++
      seen.push(...idsOf(page))
      if (page.reachedEnd) break
      expect(page.records).toHaveLength(7)
      from = { kind: 'offset', offsets: page.next }
    }
    expect(pages).toBe(5)
    expect(seen).toEqual(ids(byTime(ALL)))
  })

  it('filters on key, header and text in the app, and says how much it looked at', async () => {
    const byKey = await browse({ from: { kind: 'beginning' }, filter: { key: 'k-1-' } })
    expect(idsOf(byKey)).toEqual(ids(byTime(ALL.filter((r) => r.partition === 1))))
    expect(byKey.scanned).toBe(30)
    expect(byKey.reachedEnd).toBe(true)

    const red = await browse({ from: { kind: 'beginning' }, filter: { header: 'color=re' } })
    const isRed = (r: Known) => r.headers.some(([n, v]) => n === 'color' && v === 'red')
    expect(idsOf(red)).toEqual(ids(byTime(ALL.filter(isRed))))
    const colored = await browse({ from: { kind: 'beginning' }, filter: { header: 'color' } })
    expect(colored.records).toHaveLength(12)

    const gamma = await browse({ from: { kind: 'beginning' }, filter: { text: 'gamma' } })
    const hasGamma = (r: Known) => r.value !== BINARY && Buffer.from(r.value).toString().includes('gamma')
    expect(idsOf(gamma)).toEqual(ids(byTime(ALL.filter(hasGamma))))
    expect(idsOf(gamma)).not.toContain('0/5')

    // The newest two matches, found by looking further back than the last two offsets.
    const newest = await browse({ from: { kind: 'end' }, limit: 2, filter: { key: 'k-0-' } })
    expect(idsOf(newest)).toEqual(['0/8', '0/9'])
    const early = await browse({ from: { kind: 'end' }, limit: 2, filter: { key: 'k-2-1' } })
    expect(idsOf(early)).toEqual(['2/1'])
  })

  it('stores each record once in the history and the tree, however often it is read', async () => {
    const first = await browse({ from: { kind: 'beginning' }, limit: 100 })
    const again = await browse({ from: { kind: 'beginning' }, limit: 100 })
    expect(again.records.map((r) => r.id)).toEqual(first.records.map((r) => r.id))
    // Every page above read these same 30 records: the history holds each once.
    expect(await historyRows(topic)).toBe(30)
    for (const p of [0, 1, 2]) {
      const rows = await stored(topic, p)
      expect(rows.map((r) => r.kafka!.offset).sort((a, b) => +a - +b)).toEqual(
        Array.from({ length: PER_PARTITION }, (_, i) => String(i)),
      )
    }
    const { paths } = await api<{ paths: string[] }>('searchTopics', { profileId, query: topic })
    expect(paths.sort()).toEqual([0, 1, 2].map((p) => kafkaTreePath(topic, p)))
    // Searchable: payload search finds the text records, not the binary one.
    const hits = await api<{ count: number }>('countHistory', {
      filter: { profileId, topic: `${topic}/#`, text: 'gamma' },
    })
    expect(hits.count).toBe(
      ALL.filter((r) => r.value !== BINARY && Buffer.from(r.value).toString().includes('gamma')).length,
    )
  })

  it('starts deleted ranges at the log start and reads empty partitions as ended', async () => {
    const name = `${topic}-del`
    await createTopic(name, 3)
    await producer.send({
      topic: name,
      messages: Array.from({ length: 10 }, (_, i) => ({
        partition: 0,
        value: `d${i}`,
        timestamp: String(T0 + i),
      })),
    })
    await producer.send({ topic: name, messages: [{ partition: 1, value: 'only', timestamp: String(T0) }] })
    // kafkajs looks the leader up in metadata it only loads for topics it has been asked about.
    await admin.fetchTopicOffsets(name)
    await admin.deleteTopicRecords({ topic: name, partitions: [{ partition: 0, offset: '6' }] })
    const page = await browse({
      topic: name,
      from: { kind: 'offset', offsets: [{ partition: 0, offset: '2' }] },
    })
    expect(idsOf(page)).toEqual(['0/6', '0/7', '0/8', '0/9'])
    const all = await browse({ topic: name, from: { kind: 'beginning' } })
    expect(idsOf(all)).toEqual(['1/0', '0/6', '0/7', '0/8', '0/9'])
    expect(all.reachedEnd).toBe(true)
    expect(all.next).toEqual([
      { partition: 0, offset: '10' },
      { partition: 1, offset: '1' },
      { partition: 2, offset: '0' },
    ])
    const empty = await browse({ topic: name, from: { kind: 'end' }, partitions: [2] })
    expect(empty).toMatchObject({ records: [], reachedEnd: true, scanned: 0 })
  })

  it('goes on reading other topics after one it read is deleted', async () => {
    const gone = `${topic}-gone`
    await createTopic(gone, 1)
    // A producer of its own: kafkajs clients stumble over metadata of topics deleted under them.
    const once = new Kafka({
      clientId: 'it-browse-gone',
      brokers: [broker.bootstrap],
      logLevel: logLevel.NOTHING,
    })
    const p = once.producer({ allowAutoTopicCreation: false })
    await p.connect()
    await p.send({ topic: gone, messages: [{ value: 'soon gone' }] })
    await p.disconnect()
    expect((await browse({ topic: gone, from: { kind: 'beginning' } })).records).toHaveLength(1)
    await admin.deleteTopics({ topics: [gone] })
    made.splice(made.indexOf(gone), 1)
    await vi.waitFor(async () => expect(await admin.listTopics()).not.toContain(gone), { timeout: 10_000 })
    const fresh = `${topic}-fresh`
    await createTopic(fresh, 1)
    await producer.send({ topic: fresh, messages: [{ value: 'new here' }] })
    const page = await browse({ topic: fresh, from: { kind: 'beginning' } })
    expect(page.records.map((r) => r.preview)).toEqual(['new here'])
    await expect(browse({ topic: gone, from: { kind: 'beginning' } })).rejects.toMatchObject({
      code: expect.stringMatching(/not_found|unavailable/),
    })
    await expect(browse({ topic: `${topic}-never`, from: { kind: 'beginning' } })).rejects.toMatchObject({
      code: 'not_found',
    })
  })

  it('skips aborted transactions and their markers', async () => {
    const name = `${topic}-tx`
    await createTopic(name, 1)
    const kafka = new Kafka({
      clientId: 'it-browse-tx',
      brokers: [broker.bootstrap],
      logLevel: logLevel.NOTHING,
    })
    const tx = kafka.producer({ transactionalId: `${name}-tx`, idempotent: true, maxInFlightRequests: 1 })
    await tx.connect()
    try {
      const send = async (values: string[], commit: boolean) => {
        const t = await tx.transaction()
        await t.send({ topic: name, messages: values.map((value) => ({ partition: 0, value })) })
        await (commit ? t.commit() : t.abort())
      }
      await send(['c1', 'c2'], true)
      await send(['a1', 'a2'], false)
      await send(['c3'], true)
    } finally {
      await tx.disconnect()
    }
    const page = await browse({ topic: name, from: { kind: 'beginning' } })
    expect(page.records.map((r) => r.preview)).toEqual(['c1', 'c2', 'c3'])
    expect(page.reachedEnd).toBe(true)
    // Offsets count the markers and aborted records: the next page starts past all of them
    // (c1 c2 commit a1 a2 abort c3 commit: 0–7).
    expect(page.next).toEqual([{ partition: 0, offset: '8' }])
  })

  it('reads a 10 MB record whole, in any partition of a fetch', async () => {
    const name = `${topic}-big`
    await createTopic(name, 2, { 'max.message.bytes': String(16 * 1024 * 1024) })
    const big = (seed: number) => {
      const b = Buffer.alloc(10 * 1024 * 1024)
      for (let i = 0; i < b.length; i += 4096) b.writeUInt32BE((i * 2654435761 + seed) >>> 0, i)
      return b
    }
    const [b0, b1] = [big(1), big(2)]
    await producer.send({
      topic: name,
      messages: [{ partition: 0, value: 'small-before', timestamp: String(T0) }],
    })
    await producer.send({ topic: name, messages: [{ partition: 0, value: b0, timestamp: String(T0 + 1) }] })
    await producer.send({
      topic: name,
      messages: [{ partition: 0, value: 'small-after', timestamp: String(T0 + 3) }],
    })
    await producer.send({ topic: name, messages: [{ partition: 1, value: b1, timestamp: String(T0 + 2) }] })
    const page = await browse({ topic: name, from: { kind: 'beginning' } })
    expect(idsOf(page)).toEqual(['0/0', '0/1', '1/0', '0/2'])
    expect(page.records.map((r) => r.size)).toEqual([12, b0.length, b1.length, 11])
    for (const [i, expected] of [
      [1, b0],
      [2, b1],
    ] as const) {
      const { bytes } = await api<{ bytes: Uint8Array }>('getMessagePayload', { id: page.records[i]!.id })
      expect(sha(bytes)).toBe(sha(expected))
    }
    // One fetch asking 64 KB per partition: a broker sends an oversized batch only for the first
    // partition of an answer, so the fetcher must ask again for the second, with room for it.
    const fetcher = new KafkaFetcher(
      new Kafka({ clientId: 'it-browse-fetcher', brokers: [broker.bootstrap], logLevel: logLevel.NOTHING }),
    )
    try {
      const reads = await fetcher.fetch(
        name,
        [
          { partition: 0, offset: 1n },
          { partition: 1, offset: 0n },
        ],
        { maxWaitMs: 0, partitionMaxBytes: 64 * 1024 },
      )
      expect(reads.map((r) => [r.partition, sha(r.records[0]!.value!)])).toEqual([
        [0, sha(b0)],
        [1, sha(b1)],
      ])
      expect(reads.map((r) => r.next)).toEqual([2n, 1n])
    } finally {
      await fetcher.close()
    }
  })

  it('creates no consumer group and commits nothing', async () => {
    const fresh = (await admin.listGroups()).groups
      .map((g) => g.groupId)
      .filter((g) => !groupsBefore.includes(g))
    // Other suites may make groups meanwhile: none of the new ones may be ours or know our topic.
    if (fresh.length > 0) {
      const { groups } = await admin.describeGroups(fresh)
      for (const g of groups) expect(g.members.map((m) => m.clientId)).not.toContain(CLIENT_ID)
      for (const groupId of fresh) {
        const offsets = await admin.fetchOffsets({ groupId, topics: [topic] })
        expect(offsets.flatMap((t) => t.partitions).filter((p) => p.offset !== '-1')).toEqual([])
      }
    }
    expect(fresh.filter((g) => g.includes(CLIENT_ID) || g.includes(topic))).toEqual([])
  })

  it('tails new records into the history until stopped', async () => {
    const name = `${topic}-tail`
    await createTopic(name, 2)
    await producer.send({ topic: name, messages: [{ partition: 0, value: 'before the tail' }] })
    const status = await api<KafkaTailStatus>('startKafkaTail', { profileId, topic: name })
    expect(status).toMatchObject({ profileId, topic: name, state: 'running', received: 0, error: null })
    const tailEvents = () =>
      events.flatMap((e) => (e.type === 'kafka.tail' && e.status.id === status.id ? [e.status] : []))
    for (let i = 0; i < 5; i++)
      await producer.send({ topic: name, messages: [{ partition: i % 2, value: `live-${i}` }] })
    await vi.waitFor(() => expect(tailEvents().at(-1)?.received).toBe(5), { timeout: 10_000, interval: 50 })
    const live = [...(await stored(name, 0)), ...(await stored(name, 1))].map((r) => r.preview).sort()
    expect(live).toEqual(['live-0', 'live-1', 'live-2', 'live-3', 'live-4'])

    const stopped = await api<KafkaTailStatus>('stopKafkaTail', { id: status.id })
    expect(stopped).toMatchObject({ state: 'stopped', received: 5 })
    await producer.send({ topic: name, messages: [{ partition: 0, value: 'after the stop' }] })
    await new Promise((r) => setTimeout(r, 1500))
    expect(await historyRows(name)).toBe(5)
    expect(await api<KafkaTailStatus[]>('listKafkaTails')).toContainEqual(stopped)
    // Status events came throttled: far fewer than one per record is not required, but never more.
    expect(tailEvents().length).toBeLessThanOrEqual(7)
  })

  it('marks a tail failed when its profile disconnects', async () => {
    const status = await api<KafkaTailStatus>('startKafkaTail', { profileId, topic, partitions: [1] })
    await api('disconnect', { profileId })
    await vi.waitFor(
      async () => {
        const tail = (await api<KafkaTailStatus[]>('listKafkaTails')).find((t) => t.id === status.id)
        expect(tail).toMatchObject({ state: 'failed', error: expect.stringMatching(/connect/i) })
      },
      { timeout: 10_000, interval: 100 },
    )
    await expect(browse({ from: { kind: 'beginning' } })).rejects.toMatchObject({ code: 'unavailable' })
  })
})
