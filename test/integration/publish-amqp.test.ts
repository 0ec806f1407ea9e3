import amqp, { type Channel, type ChannelModel, type GetMessage } from 'amqplib'
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import type { ConnectionStatus } from '../../src/shared/connection-status'
import type { AmqpProperties, MessageSummary } from '../../src/shared/messages'
import type { Profile } from '../../src/shared/profiles'
import type { PublishResult } from '../../src/shared/publish'
import { amqpTreePath } from '../../src/shared/tree-paths'
import { testBroker, type TestRabbitmq } from '../support/brokers'
import { TcpProxy } from '../support/tcp-proxy'
import { testCore } from '../support/test-core'

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex')
const ALL_BYTES = Uint8Array.from({ length: 256 }, (_, i) => i)

/**
 * Publishing from the core to the real RabbitMQ, read back with a separate amqplib connection:
 * routing through a topic exchange, every basic property, confirms, mandatory returns, and a
 * refused exchange that costs a channel but not the connection.
 */
describe('publishing to AMQP', () => {
  let broker: TestRabbitmq
  let ctx: ReturnType<typeof testCore>
  let reader: ChannelModel
  let ch: Channel
  let profileId: string
  const id = `it-pub-${Date.now().toString(36)}`
  const exchange = `${id}.events`
  /** Takes `orders.<region>.created` only. */
  const created = `${id}.created`
  /** Takes everything below `orders.`. */
  const allOrders = `${id}.all-orders`

  const api = <T>(method: string, input?: unknown) => ctx.core.invoke(method, input, 'test') as Promise<T>
  const publish = (
    target: { exchange?: string; routingKey?: string; mandatory?: boolean; properties?: AmqpProperties },
    payload: Uint8Array,
  ) => api<PublishResult>('publish', { profileId, target: { protocol: 'amqp', ...target }, payload })
  /** The next message in a queue, waiting a little for it to be routed. */
  const take = (queue: string) =>
    vi.waitFor(
      async () => {
        const m = await ch.get(queue, { noAck: true })
        if (!m) throw new Error(`nothing in ${queue} yet`)
        return m
      },
      { timeout: 5000, interval: 50 },
    )
  const depth = async (queue: string) => (await ch.checkQueue(queue)).messageCount

  beforeAll(async () => {
    broker = testBroker('rabbitmq')
    ctx = testCore()
    reader = await amqp.connect(broker.amqpUrl)
    ch = await reader.createChannel()
    await ch.assertExchange(exchange, 'topic', { durable: false })
    await ch.assertQueue(created, { durable: false })
    await ch.assertQueue(allOrders, { durable: false })
    await ch.bindQueue(created, exchange, 'orders.*.created')
    await ch.bindQueue(allOrders, exchange, 'orders.#')
    const p = await api<Profile>('createProfile', {
      config: {
        protocol: 'amqp',
        name: 'rabbit publisher',
        host: '127.0.0.1',
        port: broker.ports.amqp,
        username: broker.username,
      },
      secrets: { password: broker.password },
    })
    profileId = p.id
    expect((await api<ConnectionStatus>('connect', { profileId })).state).toBe('connected')
  })
  // Each test starts with empty queues, so that one failing leaves nothing behind for the next.
  beforeEach(async () => {
    await ch.purgeQueue(created)
    await ch.purgeQueue(allOrders)
  })
  afterAll(async () => {
    await ch?.deleteQueue(created)
    await ch?.deleteQueue(allOrders)
    await ch?.deleteExchange(exchange)
    await reader?.close()
    await ctx?.dispose()
  })

  it('routes through a topic exchange with every property and header, byte for byte', async () => {
    const timestamp = Math.floor(Date.now() / 1000)
    const headers = {
      'x-tenant': 'acme',
      attempt: 3,
      large: 2 ** 40,
      ratio: 0.25,
      urgent: true,
      audit: { by: 'it', depth: { level: 2, ok: false } },
      path: ['a', 7, true],
    }
    const properties: AmqpProperties = {
      contentType: 'application/octet-stream',
      contentEncoding: 'identity',
      deliveryMode: 2,
      priority: 7,
      correlationId: 'corr-1',
      replyTo: `${id}.replies`,
      expiration: '60000',
      messageId: 'msg-1',
      timestamp,
      type: 'order.created',
      userId: broker.username,
      appId: 'brokerlens-it',
      headers,
    }
    const routingKey = 'orders.eu.created'
    const result = await publish({ exchange, routingKey, mandatory: true, properties }, ALL_BYTES)
    expect(result).toMatchObject({
      ok: true,
      reasonCode: null,
      reason: null,
      kafka: null,
      amqp: { confirmed: true, returned: null },
    })
    expect(result.messageId).toEqual(expect.any(Number))

    // Both bindings match, so both queues have their own copy.
    for (const queue of [created, allOrders]) {
      const m: GetMessage = await take(queue)
      expect(hex(m.content)).toBe(hex(ALL_BYTES))
      expect(m.fields).toMatchObject({ exchange, routingKey, redelivered: false })
      const { headers: got, ...rest } = m.properties
      expect(rest).toMatchObject({
        contentType: 'application/octet-stream',
        contentEncoding: 'identity',
        deliveryMode: 2,
        priority: 7,
        correlationId: 'corr-1',
        replyTo: `${id}.replies`,
        expiration: '60000',
        messageId: 'msg-1',
        timestamp,
        type: 'order.created',
        userId: broker.username,
        appId: 'brokerlens-it',
      })
      expect(got).toEqual(headers)
    }

    // The history has it as sent, named by exchange and routing key, with its AMQP metadata.
    const [sent] = await api<MessageSummary[]>('getTopicMessages', {
      profileId,
      topic: amqpTreePath(exchange, routingKey),
      limit: 10,
    })
    expect(sent).toMatchObject({
      id: result.messageId,
      direction: 'out',
      protocol: 'amqp',
      qos: null,
      size: 256,
      amqp: { exchange, routingKey, properties: { ...properties, headers }, redelivered: false, queue: null },
    })
    const stored = await api<{ bytes: Uint8Array }>('getMessagePayload', { id: result.messageId })
    expect(hex(stored.bytes)).toBe(hex(ALL_BYTES))
  })

  it('routes by pattern: a key only `orders.#` matches reaches that queue alone', async () => {
    const result = await publish({ exchange, routingKey: 'orders.eu.shipped.late' }, Buffer.from('shipped'))
    expect(result.ok).toBe(true)
    expect((await take(allOrders)).content.toString()).toBe('shipped')
    expect(await depth(created)).toBe(0)
  })

  it('reports a mandatory message no queue takes as returned (312 NO_ROUTE), and carries on', async () => {
    const returned = await publish(
      { exchange, routingKey: 'invoices.paid', mandatory: true },
      Buffer.from('lost?'),
    )
    expect(returned).toMatchObject({
      ok: false,
      reasonCode: 312,
      amqp: { confirmed: true, returned: { replyCode: 312, replyText: 'NO_ROUTE' } },
    })
    expect(returned.reason).toMatch(/^NO_ROUTE: no queue is bound/)
    // Without `mandatory` the broker drops it silently: that is AMQP, and it is still a success.
    expect(await publish({ exchange, routingKey: 'invoices.paid' }, Buffer.from('dropped'))).toMatchObject({
      ok: true,
      amqp: { confirmed: true, returned: null },
    })
    // Nothing is lost on the connection: the next message goes through as usual.
    const next = await publish(
      { exchange, routingKey: 'orders.us.created', mandatory: true },
      Buffer.from('next'),
    )
    expect(next).toMatchObject({ ok: true, amqp: { confirmed: true, returned: null } })
    expect((await take(created)).content.toString()).toBe('next')
    expect((await take(allOrders)).content.toString()).toBe('next')
    expect(await depth(created)).toBe(0)
    expect(await depth(allOrders)).toBe(0)
  })

  it('matches each return to its own publish when several are sent at once', async () => {
    const keys = ['orders.a.created', 'nowhere.1', 'orders.b.created', 'nowhere.2', 'orders.c']
    const results = await Promise.all(
      keys.map((routingKey) => publish({ exchange, routingKey, mandatory: true }, Buffer.from(routingKey))),
    )
    expect(results.map((r) => [r.ok, r.reasonCode])).toEqual([
      [true, null],
      [false, 312],
      [true, null],
      [false, 312],
      [true, null],
    ])
    const got: string[] = []
    for (let i = 0; i < 3; i++) got.push((await take(allOrders)).content.toString())
    expect(got.sort()).toEqual(['orders.a.created', 'orders.b.created', 'orders.c'])
    for (let i = 0; i < 2; i++) await take(created)
  })

  it('reports a missing exchange with the broker’s 404 and keeps the profile usable', async () => {
    const missing = await publish({ exchange: `${id}.no-such-exchange`, routingKey: 'x' }, Buffer.from('x'))
    expect(missing).toMatchObject({ ok: false, reasonCode: 404, amqp: { confirmed: false, returned: null } })
    expect(missing.reason).toMatch(/^NOT_FOUND - no exchange '.*no-such-exchange' in vhost '\/'$/)
    // The broker closed the channel, not the connection: the next publish on the profile works.
    const after = await publish({ exchange, routingKey: 'orders.eu.created' }, Buffer.from('after 404'))
    expect(after).toMatchObject({ ok: true, amqp: { confirmed: true, returned: null } })
    expect((await take(created)).content.toString()).toBe('after 404')
    await take(allOrders)
    const [status] = await api<ConnectionStatus[]>('listConnections')
    expect(status).toMatchObject({ profileId, state: 'connected' })
  })

  it('publishes through the default exchange by queue name', async () => {
    const result = await publish({ exchange: '', routingKey: created }, Buffer.from('direct'))
    expect(result).toMatchObject({ ok: true, amqp: { confirmed: true, returned: null } })
    expect(await take(created)).toMatchObject({ fields: { exchange: '', routingKey: created } })
    const [sent] = await api<MessageSummary[]>('getTopicMessages', {
      profileId,
      topic: amqpTreePath('', created),
      limit: 1,
    })
    expect(sent).toMatchObject({ id: result.messageId, amqp: { exchange: '', routingKey: created } })
  })

  it('says unavailable while the link is down, and publishes on the new link once it is back', async () => {
    const proxy = new TcpProxy(broker.ports.amqp)
    const port = await proxy.start()
    const p = await api<Profile>('createProfile', {
      config: { protocol: 'amqp', name: 'proxied', host: '127.0.0.1', port, username: broker.username },
      secrets: { password: broker.password },
    })
    const statusOf = async () =>
      (await api<ConnectionStatus[]>('listConnections')).find((s) => s.profileId === p.id)
    try {
      expect((await api<ConnectionStatus>('connect', { profileId: p.id })).state).toBe('connected')
      const target = { protocol: 'amqp', exchange, routingKey: 'orders.eu.created' }
      const send = (text: string) =>
        api<PublishResult>('publish', { profileId: p.id, target, payload: Buffer.from(text) })
      expect((await send('before')).ok).toBe(true)
      await proxy.stop()
      await vi.waitFor(async () => expect((await statusOf())?.state).toBe('reconnecting'), {
        timeout: 10_000,
      })
      await expect(send('while down')).rejects.toMatchObject({ code: 'unavailable' })
      await proxy.start(port)
      await vi.waitFor(async () => expect((await statusOf())?.state).toBe('connected'), { timeout: 20_000 })
      expect(await send('after')).toMatchObject({ ok: true, amqp: { confirmed: true, returned: null } })
      const got: string[] = []
      for (let i = 0; i < 2; i++) got.push((await take(created)).content.toString())
      expect(got).toEqual(['before', 'after'])
      for (let i = 0; i < 2; i++) await take(allOrders)
    } finally {
      await api('disconnect', { profileId: p.id })
      await proxy.stop()
    }
  })

  it('refuses a target of another protocol', async () => {
    await expect(
      api('publish', { profileId, target: { protocol: 'kafka', topic: 'x' }, payload: new Uint8Array(1) }),
    ).rejects.toMatchObject({ code: 'invalid_input' })
  })
})
