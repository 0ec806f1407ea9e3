import amqp, { type Channel, type ChannelModel } from 'amqplib'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { ApiEvent } from '../../src/shared/api'
import type { ConnectionStatus } from '../../src/shared/connection-status'
import type { AmqpProperties } from '../../src/shared/messages'
import type { Profile } from '../../src/shared/profiles'
import type { PublishResult } from '../../src/shared/publish'
import type { ReplayStatus } from '../../src/shared/replay'
import type { SavedPayload } from '../../src/shared/saved-payloads'
import { testBroker } from '../support/brokers'
import { testCore } from '../support/test-core'

/**
 * Saved and history messages replayed to RabbitMQ: an AMQP message keeps its exchange, routing key,
 * properties and headers (through a saved payload and through history with a rewrite rule), and an
 * MQTT message lands on amq.topic with its topic's dots, as RabbitMQ's MQTT plugin routes it.
 */
describe('replaying to AMQP', () => {
  const broker = testBroker('rabbitmq')
  const ctx = testCore()
  const id = `it-rep-${Date.now().toString(36)}`
  const exchange = `${id}.orders`
  const euQueue = `${id}.eu`
  const testQueue = `${id}.test`
  const mqttQueue = `${id}.from-mqtt`
  let reader: ChannelModel
  let ch: Channel
  let profileId: string
  const statuses: ReplayStatus[] = []
  const api = <T>(method: string, input?: unknown) => ctx.core.invoke(method, input, 'test') as Promise<T>
  const take = (queue: string) =>
    vi.waitFor(
      async () => {
        const m = await ch.get(queue, { noAck: true })
        if (!m) throw new Error(`nothing in ${queue} yet`)
        return m
      },
      { timeout: 5000, interval: 50 },
    )
  const replay = async (input: unknown) => {
    const job = await api<ReplayStatus>('startReplay', input)
    await vi.waitFor(() => expect(statuses.filter((s) => s.id === job.id).at(-1)?.state).toBe('done'), {
      timeout: 10_000,
    })
    return statuses.filter((s) => s.id === job.id).at(-1)!
  }
  const properties: AmqpProperties = {
    contentType: 'application/json',
    deliveryMode: 2,
    priority: 4,
    correlationId: 'c-9',
    messageId: 'm-9',
    type: 'order.created',
    headers: { tenant: 'acme', attempt: 2, nested: { ok: true } },
  }

  beforeAll(async () => {
    ctx.core.onEvent((e: ApiEvent) => {
      if (e.type === 'replay.status') statuses.push(e.status)
    })
    reader = await amqp.connect(broker.amqpUrl)
    ch = await reader.createChannel()
    await ch.assertExchange(exchange, 'topic', { durable: false })
    for (const [q, key, source] of [
      [euQueue, 'orders.eu.#', exchange],
      [testQueue, 'test.eu.#', exchange],
      [mqttQueue, `${id}.kitchen.temp`, 'amq.topic'],
    ] as const) {
      await ch.assertQueue(q, { durable: false })
      await ch.bindQueue(q, source, key)
    }
    const p = await api<Profile>('createProfile', {
      config: {
        protocol: 'amqp',
        name: 'replay target',
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
    for (const q of [euQueue, testQueue, mqttQueue]) await ch?.deleteQueue(q)
    await ch?.deleteExchange(exchange)
    await reader?.close()
    await ctx.dispose()
  })

  it('replays a saved AMQP message with its routing key, properties and headers', async () => {
    const sent = await api<PublishResult>('publish', {
      profileId,
      target: { protocol: 'amqp', exchange, routingKey: 'orders.eu.created', properties },
      payload: new TextEncoder().encode('{"order":1}'),
    })
    expect(sent.ok).toBe(true)
    await take(euQueue) // the original
    const saved = await api<SavedPayload>('saveMessage', { messageId: sent.messageId, name: 'order 1' })
    expect(saved.amqp).toMatchObject({ exchange, routingKey: 'orders.eu.created', properties })
    // It survives a read back from SQLite, not just the create call.
    expect((await api<SavedPayload>('getSavedPayload', { id: saved.id })).amqp?.properties).toEqual(
      properties,
    )

    const status = await replay({
      source: { kind: 'saved', ids: [saved.id] },
      targetProfileId: profileId,
      pace: 'asap',
    })
    expect(status.sent).toBe(1)
    const m = await take(euQueue)
    expect(m.fields.exchange).toBe(exchange)
    expect(m.fields.routingKey).toBe('orders.eu.created')
    expect(m.content.toString()).toBe('{"order":1}')
    expect(m.properties).toMatchObject({
      contentType: 'application/json',
      deliveryMode: 2,
      priority: 4,
      correlationId: 'c-9',
      messageId: 'm-9',
      type: 'order.created',
    })
    expect(m.properties.headers).toEqual(properties.headers)
  })

  it('replays history with a rewrite rule applied to the routing key', async () => {
    const status = await replay({
      source: {
        kind: 'history',
        filter: { profileId, direction: 'out' },
      },
      targetProfileId: profileId,
      rewrite: { from: 'orders.eu', to: 'test.eu' },
      pace: 'asap',
    })
    expect(status.sent).toBeGreaterThanOrEqual(1)
    const m = await take(testQueue)
    expect(m.fields.routingKey).toBe('test.eu.created')
    expect(m.properties.headers).toEqual(properties.headers)
    expect(status.log.some((l) => l.text.includes(`${exchange}/test.eu.created`))).toBe(true)
  })

  it('sends an MQTT message to amq.topic with the topic levels as dotted words', async () => {
    const mqtt = await api<Profile>('createProfile', {
      config: { protocol: 'mqtt', name: 'mqtt source', host: '127.0.0.1', port: 1 },
    })
    const line = JSON.stringify({
      topic: `${id}/kitchen/temp`,
      direction: 'in',
      receivedAt: Date.now(),
      qos: 1,
      retain: false,
      dup: false,
      properties: { contentType: 'text/plain', userProperties: [['unit', 'C']] },
      payload: '21.5',
    })
    expect(
      (await api<{ imported: number }>('importHistory', { profileId: mqtt.id, text: line })).imported,
    ).toBe(1)
    const history = await api<{ hits: { id: number }[] }>('queryHistory', {
      filter: { profileId: mqtt.id },
    })
    const saved = await api<SavedPayload>('saveMessage', { messageId: history.hits[0]!.id, name: 'temp' })
    await replay({ source: { kind: 'saved', ids: [saved.id] }, targetProfileId: profileId, pace: 'asap' })
    const m = await take(mqttQueue)
    expect(m.fields.exchange).toBe('amq.topic')
    expect(m.fields.routingKey).toBe(`${id}.kitchen.temp`)
    expect(m.content.toString()).toBe('21.5')
    expect(m.properties).toMatchObject({ contentType: 'text/plain', deliveryMode: 2, headers: { unit: 'C' } })
  })
})
