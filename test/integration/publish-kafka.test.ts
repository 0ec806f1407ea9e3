import { Kafka, logLevel, type Admin, type Consumer, type KafkaMessage } from 'kafkajs'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { ConnectionStatus } from '../../src/shared/connection-status'
import type { MessageSummary } from '../../src/shared/messages'
import type { Profile } from '../../src/shared/profiles'
import type { PublishResult } from '../../src/shared/publish'
import { kafkaTreePath } from '../../src/shared/tree-paths'
import { testBroker, type TestKafka } from '../support/brokers'
import { testCore } from '../support/test-core'

const enc = (s: string) => new TextEncoder().encode(s)
const hex = (bytes: Uint8Array | null | undefined) => (bytes ? Buffer.from(bytes).toString('hex') : null)
const ALL_BYTES = Uint8Array.from({ length: 256 }, (_, i) => i)

interface Read {
  partition: number
  message: KafkaMessage
}

/**
 * Publishing from the core to the real Kafka, read back by a separate kafkajs consumer with a group
 * of its own: partition, offset, key, headers (repeats in order), value bytes and timestamp.
 */
describe('publishing to Kafka', () => {
  let broker: TestKafka
  let ctx: ReturnType<typeof testCore>
  let admin: Admin
  let consumer: Consumer
  let profileId: string
  const topic = `it-pub-${Date.now().toString(36)}`
  const read: Read[] = []

  const api = <T>(method: string, input?: unknown) => ctx.core.invoke(method, input, 'test') as Promise<T>
  const publish = (
    target: {
      topic?: string
      partition?: number | null
      key?: Uint8Array | null
      headers?: [string, Uint8Array][]
    },
    payload: Uint8Array,
  ) => api<PublishResult>('publish', { profileId, target: { protocol: 'kafka', topic, ...target }, payload })
  const readAt = (partition: number, offset: string) =>
    vi.waitFor(
      () => {
        const r = read.find((x) => x.partition === partition && x.message.offset === offset)
        if (!r) throw new Error(`offset ${offset} of partition ${partition} not read yet`)
        return r.message
      },
      { timeout: 20_000, interval: 50 },
    )

  beforeAll(async () => {
    broker = testBroker('kafka')
    ctx = testCore()
    const kafka = new Kafka({
      clientId: 'it-reader',
      brokers: [broker.bootstrap],
      logLevel: logLevel.NOTHING,
    })
    admin = kafka.admin()
    await admin.connect()
    await admin.createTopics({ topics: [{ topic, numPartitions: 3 }], waitForLeaders: true })
    consumer = kafka.consumer({ groupId: `${topic}-reader` })
    await consumer.connect()
    await consumer.subscribe({ topic, fromBeginning: true })
    await consumer.run({
      eachMessage: async ({ partition, message }) => void read.push({ partition, message }),
    })
    const p = await api<Profile>('createProfile', {
      config: { protocol: 'kafka', name: 'kafka publisher', brokers: [broker.bootstrap] },
    })
    profileId = p.id
    expect((await api<ConnectionStatus>('connect', { profileId })).state).toBe('connected')
  })
  afterAll(async () => {
    await ctx?.dispose()
    await consumer?.disconnect()
    await admin?.deleteTopics({ topics: [topic] }).catch(() => undefined)
    await admin?.disconnect()
  })

  it('sends to the chosen partition with key, repeated headers and a binary value, byte for byte', async () => {
    const key = Uint8Array.from([0x00, 0xff, 0x10, 0x80])
    const headers: [string, Uint8Array][] = [
      ['trace', enc('first')],
      ['trace', enc('second')],
      ['trace', enc('third')],
      ['raw', ALL_BYTES],
      ['empty', new Uint8Array(0)],
    ]
    const before = Date.now()
    const result = await publish({ partition: 2, key, headers }, ALL_BYTES)
    expect(result).toMatchObject({ ok: true, reasonCode: null, reason: null, amqp: null })
    expect(result.kafka).toEqual({ partition: 2, offset: expect.stringMatching(/^\d+$/) })

    const m = await readAt(2, result.kafka!.offset)
    expect(hex(m.key)).toBe(hex(key))
    expect(hex(m.value)).toBe(hex(ALL_BYTES))
    // kafkajs gives the headers back as an object, a name's repeats as an array in wire order.
    expect(Object.keys(m.headers!)).toEqual(['trace', 'raw', 'empty'])
    expect((m.headers!.trace as Buffer[]).map((b) => b.toString())).toEqual(['first', 'second', 'third'])
    expect(hex(m.headers!.raw as Buffer)).toBe(hex(ALL_BYTES))
    expect(hex(m.headers!.empty as Buffer)).toBe('')
    const timestamp = Number(m.timestamp)
    expect(timestamp).toBeGreaterThanOrEqual(before)
    expect(timestamp).toBeLessThanOrEqual(Date.now())

    // The history has the record as sent, under topic/partition, with its Kafka metadata.
    const [sent] = await api<MessageSummary[]>('getTopicMessages', {
      profileId,
      topic: kafkaTreePath(topic, 2),
      limit: 10,
    })
    expect(sent).toMatchObject({
      id: result.messageId,
      direction: 'out',
      protocol: 'kafka',
      qos: null,
      size: 256,
      kafka: { topic, partition: 2, offset: result.kafka!.offset, timestamp, timestampType: 'create' },
    })
    expect(hex(sent!.kafka!.key)).toBe(hex(key))
    expect(sent!.kafka!.headers.map(([name, value]) => [name, hex(value)])).toEqual(
      headers.map(([name, value]) => [name, hex(value)]),
    )
    const stored = await api<{ bytes: Uint8Array }>('getMessagePayload', { id: result.messageId })
    expect(hex(stored.bytes)).toBe(hex(ALL_BYTES))
  })

  it('lets the default partitioner place a keyed record, the same partition every time', async () => {
    const key = enc('customer-4711')
    const first = await publish({ partition: null, key }, enc('one'))
    const second = await publish({ partition: null, key }, enc('two'))
    expect(first.ok && second.ok).toBe(true)
    expect(second.kafka!.partition).toBe(first.kafka!.partition)
    expect(BigInt(second.kafka!.offset)).toBe(BigInt(first.kafka!.offset) + 1n)
    const a = await readAt(first.kafka!.partition, first.kafka!.offset)
    const b = await readAt(second.kafka!.partition, second.kafka!.offset)
    expect([a.value!.toString(), b.value!.toString()]).toEqual(['one', 'two'])
    expect(hex(b.key)).toBe(hex(key))
  })

  it('sends a record without key or headers', async () => {
    const result = await publish({ partition: 0 }, enc('plain'))
    const m = await readAt(0, result.kafka!.offset)
    expect(m.key).toBeNull()
    expect(m.headers).toEqual({})
    expect(m.value!.toString()).toBe('plain')
  })

  it('reports an unknown topic as refused, and does not create it', async () => {
    const missing = `${topic}-missing`
    const result = await publish({ topic: missing }, enc('x'))
    expect(result).toMatchObject({ ok: false, messageId: null, kafka: null })
    expect(result.reason).toMatch(/UNKNOWN_TOPIC_OR_PARTITION|does not host this topic-partition/)
    expect(await admin.listTopics()).not.toContain(missing)
    // The connection is still good for the next record.
    expect((await publish({ partition: 1 }, enc('still fine'))).ok).toBe(true)
  })

  it('reports a partition the topic does not have', async () => {
    const result = await publish({ partition: 7 }, enc('x'))
    expect(result).toMatchObject({ ok: false, messageId: null, kafka: null })
    expect(result.reason).toMatch(/no partition 7.*it has 3/)
  })
})
