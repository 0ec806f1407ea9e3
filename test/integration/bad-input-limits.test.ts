import amqp, { type Channel, type ChannelModel } from 'amqplib'
import { Kafka, logLevel, type Admin, type Consumer, type KafkaMessage } from 'kafkajs'
import mqtt, { type MqttClient } from 'mqtt'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { ApiError } from '../../src/shared/api-error'
import type { ConnectionStatus } from '../../src/shared/connection-status'
import type { MessageSummary } from '../../src/shared/messages'
import type { Profile } from '../../src/shared/profiles'
import type { PublishLogEntry, PublishResult } from '../../src/shared/publish'
import { testBroker } from '../support/brokers'
import { testCore } from '../support/test-core'

/**
 * Names at each protocol's length limit, counted as the protocol counts them (UTF-8 bytes, with
 * multibyte characters in the mix): exactly at the limit they go through the real broker and back;
 * one byte over, the core refuses them with an error naming the field, before the broker sees them.
 */

const enc = (s: string) => new TextEncoder().encode(s)
const utf8Bytes = (s: string) => Buffer.byteLength(s, 'utf8')
const run = Date.now().toString(36)

/** `prefix`, then '€' (3 bytes each) and ASCII up to exactly `bytes` bytes of UTF-8. */
function nameOfBytes(prefix: string, bytes: number, multibyte = '€'): string {
  const room = bytes - utf8Bytes(prefix)
  const wide = utf8Bytes(multibyte)
  const count = Math.floor((room - 1) / wide) // at least one ASCII byte, so the end is checkable
  const name = prefix + multibyte.repeat(count) + 'z'.repeat(room - count * wide)
  expect(utf8Bytes(name)).toBe(bytes)
  return name
}

async function refusal(p: Promise<unknown>): Promise<ApiError> {
  try {
    await p
  } catch (err) {
    expect(err).toBeInstanceOf(ApiError)
    return err as ApiError
  }
  throw new Error('accepted')
}

describe('MQTT topics of 65,535 bytes', () => {
  let ctx: ReturnType<typeof testCore>
  let watcher: MqttClient
  const seen: string[] = []
  let profileId: string
  const prefix = `it-limit-${run}`
  const api = <T>(method: string, input?: unknown) => ctx.core.invoke(method, input, 'test') as Promise<T>

  beforeAll(async () => {
    const broker = testBroker('mosquitto')
    ctx = testCore()
    watcher = await mqtt.connectAsync({ host: '127.0.0.1', port: broker.ports.plain })
    watcher.on('message', (topic) => seen.push(topic))
    await watcher.subscribeAsync(`${prefix}/#`, { qos: 1 })
    const p = await api<Profile>('createProfile', {
      config: {
        protocol: 'mqtt',
        name: 'limits',
        host: '127.0.0.1',
        port: broker.ports.plain,
        subscriptions: [{ filter: `${prefix}/#`, qos: 1 }],
      },
    })
    profileId = p.id
    expect((await api<ConnectionStatus>('connect', { profileId })).state).toBe('connected')
    await vi.waitFor(async () =>
      expect((await api<{ state: string }[]>('listSubscriptions', { profileId }))[0]?.state).toBe('active'),
    )
  })
  afterAll(async () => {
    await watcher?.endAsync(true)
    await ctx?.dispose()
  })

  const publish = (topic: string, payload = 'at the limit') =>
    api<PublishResult>('publish', {
      profileId,
      target: { protocol: 'mqtt', topic, qos: 1 },
      payload: enc(payload),
    })

  it('a topic of exactly 65,535 bytes (multibyte characters in it) goes out and comes back whole', async () => {
    for (const wide of ['€', '😀', 'é']) {
      const topic = nameOfBytes(`${prefix}/max/`, 65_535, wide)
      expect((await publish(topic, wide)).ok).toBe(true)
      await vi.waitFor(() => expect(seen).toContain(topic), { timeout: 10_000 })
      const stored = await vi.waitFor(async () => {
        const list = await api<MessageSummary[]>('getTopicMessages', { profileId, topic })
        expect(list.map((m) => m.direction).sort()).toEqual(['in', 'out'])
        return list
      })
      expect(stored.every((m) => m.topic === topic && m.preview === wide)).toBe(true)
    }
  })

  it('one byte over is refused by the core before the broker, naming the topic; the link stays up', async () => {
    const over = nameOfBytes(`${prefix}/over/`, 65_536)
    expect(over.length).toBeLessThan(65_535) // within the schema's character limit: the byte check is the core's
    const err = await refusal(publish(over))
    expect(err.code).toBe('invalid_input')
    expect(err.message).toMatch(/longer than 65535 bytes/)
    expect(err.issues?.[0]?.path).toMatch(/topic$/)
    // More characters than the schema allows: refused there, on the field.
    const long = await refusal(publish(`${prefix}/` + 'a'.repeat(65_535)))
    expect(long.issues?.map((i) => i.path)).toContain('target.topic')

    // The broker never saw it: a message sent after it arrives, and it is not before it.
    const after = `${prefix}/after-over`
    expect((await publish(after)).ok).toBe(true)
    await vi.waitFor(() => expect(seen).toContain(after))
    expect(seen.some((t) => t.startsWith(`${prefix}/over/`))).toBe(false)
    expect(
      (await api<ConnectionStatus[]>('listConnections')).find((c) => c.profileId === profileId),
    ).toMatchObject({
      state: 'connected',
    })
    // A refused target is not a publish: the log has no row for it.
    const log = await api<PublishLogEntry[]>('listPublishLog', { profileId })
    expect(
      log.some((e) => e.target.protocol === 'mqtt' && e.target.topic.startsWith(`${prefix}/over/`)),
    ).toBe(false)
  })
})

describe('AMQP routing keys of 255 bytes', () => {
  let ctx: ReturnType<typeof testCore>
  let reader: ChannelModel
  let ch: Channel
  let profileId: string
  const queue = `it-limit-${run}`
  const api = <T>(method: string, input?: unknown) => ctx.core.invoke(method, input, 'test') as Promise<T>

  beforeAll(async () => {
    const broker = testBroker('rabbitmq')
    ctx = testCore()
    reader = await amqp.connect(broker.amqpUrl)
    ch = await reader.createChannel()
    await ch.assertQueue(queue, { durable: false })
    await ch.bindQueue(queue, 'amq.topic', `${queue}.#`)
    const p = await api<Profile>('createProfile', {
      config: {
        protocol: 'amqp',
        name: 'limits',
        host: '127.0.0.1',
        port: broker.ports.amqp,
        username: broker.username,
      },
      secrets: { password: broker.password },
    })
    profileId = p.id
    expect((await api<ConnectionStatus>('connect', { profileId })).state).toBe('connected')
  })
  afterAll(async () => {
    await ch?.deleteQueue(queue).catch(() => undefined)
    await reader?.close().catch(() => undefined)
    await ctx?.dispose()
  })

  const publish = (routingKey: string) =>
    api<PublishResult>('publish', {
      profileId,
      target: { protocol: 'amqp', exchange: 'amq.topic', routingKey, mandatory: true },
      payload: enc('rk'),
    })

  it('a routing key of exactly 255 bytes is routed and delivered with that key', async () => {
    const key = nameOfBytes(`${queue}.`, 255)
    const result = await publish(key)
    expect(result).toMatchObject({ ok: true, amqp: { confirmed: true, returned: null } })
    const got = await vi.waitFor(
      async () => {
        const m = await ch.get(queue, { noAck: true })
        if (!m) throw new Error('not delivered yet')
        return m
      },
      { timeout: 5000, interval: 50 },
    )
    expect(got.fields.routingKey).toBe(key)
  })

  it('256 bytes is refused by the core, naming the field; the broker and the connection are untouched', async () => {
    const err = await refusal(publish(nameOfBytes(`${queue}.`, 256)))
    expect(err).toMatchObject({ code: 'invalid_input', issues: [{ path: 'routingKey' }] })
    expect(err.message).toMatch(/255 bytes/)
    const schema = await refusal(publish(`${queue}.` + 'k'.repeat(256)))
    expect(schema.issues?.map((i) => i.path)).toContain('target.routingKey')
    expect((await ch.checkQueue(queue)).messageCount).toBe(0)
    expect(
      (
        await api<PublishResult>('publish', {
          profileId,
          target: { protocol: 'amqp', exchange: 'amq.topic', routingKey: `${queue}.still-up` },
          payload: enc('after'),
        })
      ).ok,
    ).toBe(true)
    const notices = await api<{ kind: string }[]>('listAmqpNotices', { profileId })
    expect(notices.filter((n) => n.kind === 'channel-closed' || n.kind === 'connection-lost')).toEqual([])
  })

  it('a header table of megabytes (free JSON in the contract) is refused by the core, the link kept', async () => {
    const before = (await ch.checkQueue(queue)).messageCount
    for (const size of [100_000, 5 * 1024 * 1024]) {
      const err = await refusal(
        api('publish', {
          profileId,
          target: {
            protocol: 'amqp',
            exchange: 'amq.topic',
            routingKey: `${queue}.headers`,
            properties: { headers: { big: 'h'.repeat(size) } },
          },
          payload: enc('h'),
        }),
      )
      expect(err.code).toBe('invalid_input')
      expect(err.message).toMatch(/field table .* exceeds/)
    }
    expect((await ch.checkQueue(queue)).messageCount).toBe(before)
    expect((await api<ConnectionStatus[]>('listConnections'))[0]?.state).toBe('connected')
  })
})

describe('Kafka topic names of 249 characters', () => {
  let ctx: ReturnType<typeof testCore>
  let admin: Admin
  let consumer: Consumer
  let profileId: string
  const read: KafkaMessage[] = []
  const api = <T>(method: string, input?: unknown) => ctx.core.invoke(method, input, 'test') as Promise<T>
  const longest = `it-limit-${run}-`.padEnd(249, 'k')

  beforeAll(async () => {
    const broker = testBroker('kafka')
    ctx = testCore()
    const kafka = new Kafka({
      clientId: 'it-limits',
      brokers: [broker.bootstrap],
      logLevel: logLevel.NOTHING,
    })
    admin = kafka.admin()
    await admin.connect()
    const p = await api<Profile>('createProfile', {
      config: { protocol: 'kafka', name: 'limits', brokers: [broker.bootstrap] },
    })
    profileId = p.id
    expect((await api<ConnectionStatus>('connect', { profileId })).state).toBe('connected')
    consumer = kafka.consumer({ groupId: `it-limits-${run}` })
  })
  afterAll(async () => {
    await consumer?.disconnect().catch(() => undefined)
    await admin?.deleteTopics({ topics: [longest] }).catch(() => undefined)
    await admin?.disconnect()
    await ctx?.dispose()
  })

  it('a topic named with 249 characters is created, written and read back through the core', async () => {
    expect(longest).toHaveLength(249)
    await api('createKafkaTopic', { profileId, name: longest, partitions: 1 })
    expect(await admin.listTopics()).toContain(longest)
    const result = await api<PublishResult>('publish', {
      profileId,
      target: { protocol: 'kafka', topic: longest, partition: 0 },
      payload: enc('longest name'),
    })
    expect(result).toMatchObject({ ok: true, kafka: { partition: 0, offset: '0' } })
    await consumer.connect()
    await consumer.subscribe({ topic: longest, fromBeginning: true })
    await consumer.run({ eachMessage: async ({ message }) => void read.push(message) })
    await vi.waitFor(() => expect(read.map((m) => String(m.value))).toEqual(['longest name']), {
      timeout: 30_000,
    })
  })

  it('250 characters is refused by the schema, naming the field, and no topic appears', async () => {
    const tooLong = `${longest}x`
    const created = await refusal(api('createKafkaTopic', { profileId, name: tooLong }))
    expect(created.issues?.map((i) => i.path)).toEqual(['name'])
    const published = await refusal(
      api('publish', { profileId, target: { protocol: 'kafka', topic: tooLong }, payload: enc('x') }),
    )
    expect(published.issues?.map((i) => i.path)).toEqual(['target.topic'])
    expect(await admin.listTopics()).not.toContain(tooLong)
    expect((await api<ConnectionStatus[]>('listConnections'))[0]?.state).toBe('connected')
  })
})
