import { Kafka, logLevel, type Admin, type Consumer } from 'kafkajs'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { ApiEvent } from '../../src/shared/api'
import type { ConnectionStatus } from '../../src/shared/connection-status'
import type { KafkaLagHistory, KafkaLagSample } from '../../src/shared/kafka'
import type { Profile } from '../../src/shared/profiles'
import { testBroker } from '../support/brokers'
import { tempDir } from '../support/temp-dir'
import { testCore } from '../support/test-core'

const RECORDS = 3000
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/**
 * Lag history of a real consumer group that catches up: a kafkajs consumer working through 3,000
 * records at about 400 a second, committing as it goes, while the core samples the group's lag
 * every second. Samples are stored, come back after a restart of the core, and give the rate.
 */
describe('Kafka consumer group lag history', () => {
  let broker: ReturnType<typeof testBroker<'kafka'>>
  const dir = tempDir('brokerlens-lag-it-')
  let ctx: ReturnType<typeof testCore>
  let kafka: Kafka
  let admin: Admin
  let consumer: Consumer | null = null
  let profileId: string
  const topic = `it-lag-${Date.now().toString(36)}`
  const groupId = `${topic}-group`
  const lagEvents: KafkaLagSample[] = []

  const api = <T>(method: string, input?: unknown) => ctx.core.invoke(method, input, 'test') as Promise<T>
  const history = () => api<KafkaLagHistory>('getKafkaLagHistory', { profileId, groupId })
  const start = () => {
    ctx = testCore(dir.path)
    ctx.core.onEvent((e: ApiEvent) => {
      if (e.type === 'kafka.lag' && e.groupId === groupId && e.profileId === profileId)
        lagEvents.push(e.sample)
    })
  }

  beforeAll(async () => {
    broker = testBroker('kafka')
    start()
    kafka = new Kafka({ clientId: 'it-lag', brokers: [broker.bootstrap], logLevel: logLevel.NOTHING })
    admin = kafka.admin()
    await admin.connect()
    await admin.createTopics({ topics: [{ topic, numPartitions: 2 }], waitForLeaders: true })
    const producer = kafka.producer()
    await producer.connect()
    await producer.send({
      topic,
      messages: Array.from({ length: RECORDS }, (_, i) => ({ partition: i % 2, value: `r${i}` })),
    })
    await producer.disconnect()
    // The group starts with commits at 0: its lag is every record, not "no commit".
    await admin.setOffsets({
      groupId,
      topic,
      partitions: [
        { partition: 0, offset: '0' },
        { partition: 1, offset: '0' },
      ],
    })
    const p = await api<Profile>('createProfile', {
      config: { protocol: 'kafka', name: 'kafka lag', brokers: [broker.bootstrap] },
    })
    profileId = p.id
    expect((await api<ConnectionStatus>('connect', { profileId })).state).toBe('connected')
  })
  afterAll(async () => {
    await consumer?.disconnect()
    await ctx?.dispose()
    await admin?.deleteGroups([groupId]).catch(() => undefined)
    await admin?.deleteTopics({ topics: [topic] }).catch(() => undefined)
    await admin?.disconnect()
    dir.remove()
  })

  it('samples a group catching up, stores the samples and fits the rate', async () => {
    const watched = await api<KafkaLagHistory>('watchKafkaLag', { profileId, groupId, intervalMs: 1000 })
    expect(watched.watchIntervalMs).toBe(1000)
    // The first sample is taken at once.
    await vi.waitFor(() => expect(lagEvents.length).toBeGreaterThan(0), { timeout: 5000, interval: 50 })
    expect(lagEvents[0]).toMatchObject({
      totalLag: RECORDS,
      partitions: [
        { topic, partition: 0, lag: RECORDS / 2 },
        { topic, partition: 1, lag: RECORDS / 2 },
      ],
    })

    consumer = kafka.consumer({ groupId, maxBytesPerPartition: 4096 })
    await consumer.connect()
    await consumer.subscribe({ topic })
    let consumed = 0
    await consumer.run({
      autoCommitThreshold: 50,
      eachBatchAutoResolve: false,
      eachBatch: async ({ batch, resolveOffset, heartbeat, commitOffsetsIfNecessary, isRunning }) => {
        for (const m of batch.messages) {
          if (!isRunning()) return
          resolveOffset(m.offset)
          if (++consumed % 50 === 0) {
            await commitOffsetsIfNecessary()
            await heartbeat()
            await sleep(120)
          }
        }
        await commitOffsetsIfNecessary()
      },
    })

    // Mid-way: at least three samples that saw the lag fall, and still some lag left.
    let mid: KafkaLagHistory | null = null
    await vi.waitFor(
      async () => {
        const h = await history()
        const falling = h.samples.filter((s) => s.totalLag !== null && s.totalLag < RECORDS)
        expect(falling.length).toBeGreaterThanOrEqual(3)
        expect(h.samples.at(-1)!.totalLag).toBeGreaterThan(0)
        mid = h
      },
      { timeout: 30_000, interval: 200 },
    )
    const h = mid! as KafkaLagHistory
    const last = h.samples.at(-1)!
    expect(h.ratePerSecond).toBeLessThan(0)
    expect(h.etaSeconds).toBeCloseTo(last.totalLag! / -h.ratePerSecond!, 6)
    // The fitted rate is about the average fall from the first sample to the last.
    const first = h.samples[0]!
    const average = (last.totalLag! - first.totalLag!) / ((last.at - first.at) / 1000)
    expect(h.ratePerSecond! / average).toBeGreaterThan(0.5)
    expect(h.ratePerSecond! / average).toBeLessThan(2)
    expect(h.watchIntervalMs).toBe(1000)

    // Caught up: a sample says 0 and the rate has no estimate left to give once the lag holds.
    await vi.waitFor(() => expect(lagEvents.at(-1)?.totalLag).toBe(0), { timeout: 30_000, interval: 100 })
    const done = await history()
    expect(done.samples.at(-1)!.totalLag).toBe(0)
    expect(done.samples.map((s) => s.at)).toEqual([...done.samples.map((s) => s.at)].sort((a, b) => a - b))
    expect(done.samples).toEqual(lagEvents)
    const since = await api<KafkaLagHistory>('getKafkaLagHistory', {
      profileId,
      groupId,
      since: done.samples.at(-2)!.at,
    })
    expect(since.samples).toEqual(done.samples.slice(-2))
  })

  it('stops watching', async () => {
    const stopped = await api<KafkaLagHistory>('watchKafkaLag', { profileId, groupId, intervalMs: null })
    expect(stopped.watchIntervalMs).toBeNull()
    const count = lagEvents.length
    await sleep(2500)
    expect(lagEvents.length).toBe(count)
    expect((await history()).samples).toHaveLength(count)
  })

  it('keeps the samples across a restart of the core, but not the watch', async () => {
    await consumer?.disconnect()
    consumer = null
    const before = await history()
    await ctx.dispose()
    start()
    const after = await history()
    expect(after.samples).toEqual(before.samples)
    expect(after.ratePerSecond).toBe(before.ratePerSecond)
    expect(after.watchIntervalMs).toBeNull()
  })

  it('skips samples while not connected and goes on once connected', async () => {
    const count = (await history()).samples.length
    // The restarted core has the profile but no connection.
    await api<KafkaLagHistory>('watchKafkaLag', { profileId, groupId, intervalMs: 1000 })
    await sleep(2500)
    expect((await history()).samples).toHaveLength(count)
    expect((await api<ConnectionStatus>('connect', { profileId })).state).toBe('connected')
    await vi.waitFor(async () => expect((await history()).samples.length).toBeGreaterThan(count), {
      timeout: 5000,
      interval: 100,
    })
    expect((await history()).samples.at(-1)!.totalLag).toBe(0)
    await api('watchKafkaLag', { profileId, groupId, intervalMs: null })
  })
})
