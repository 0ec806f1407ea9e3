import amqp, { type Channel, type ChannelModel, type GetMessage } from 'amqplib'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { AmqpConsumerStatus, AmqpNotice, AmqpSettleResult } from '../../src/shared/amqp'
import type { ApiEvent } from '../../src/shared/api'
import type { ConnectionStatus } from '../../src/shared/connection-status'
import type { MessageSummary } from '../../src/shared/messages'
import type { Profile } from '../../src/shared/profiles'
import { amqpTreePath } from '../../src/shared/tree-paths'
import { testBroker, type TestRabbitmq } from '../support/brokers'
import { testCore } from '../support/test-core'

const ALL_BYTES = Uint8Array.from({ length: 256 }, (_, i) => i)

/**
 * Consuming from the real RabbitMQ through the core: what reaches the history (every property and
 * header, the redelivered flag, the queue, the tree path), manual acks against the broker's own
 * counts, nack with and without requeue (dead-lettering), prefetch, auto-ack, exclusive, a queue
 * deleted under a consumer, and taps beside an exchange's existing consumers.
 */
describe('consuming AMQP', () => {
  let broker: TestRabbitmq
  let ctx: ReturnType<typeof testCore>
  let client: ChannelModel
  let ch: Channel
  let profileId: string
  const events: ApiEvent[] = []
  const id = `it-consume-${Date.now().toString(36)}`
  const queues: string[] = []
  const exchanges: string[] = []

  const api = <T>(method: string, input?: unknown) => ctx.core.invoke(method, input, 'test') as Promise<T>
  /** A fresh, empty, non-durable queue of this run. */
  const queue = async (name: string, args: Record<string, unknown> = {}) => {
    const q = `${id}.${name}`
    await ch.assertQueue(q, { durable: false, arguments: args })
    queues.push(q)
    return q
  }
  const exchange = async (name: string, type: string) => {
    const x = `${id}.${name}`
    await ch.assertExchange(x, type, { durable: false })
    exchanges.push(x)
    return x
  }
  const fill = async (q: string, bodies: string[]) => {
    for (const b of bodies) ch.sendToQueue(q, Buffer.from(b))
    // A round trip on the same channel: everything sent before it has been routed.
    await ch.checkQueue(q)
  }
  const ready = async (q: string) => (await ch.checkQueue(q)).messageCount
  const status = async (consumerId: string) =>
    (await api<AmqpConsumerStatus[]>('listAmqpConsumers')).find((s) => s.id === consumerId)!
  const waitStatus = (consumerId: string, check: (s: AmqpConsumerStatus) => void, timeout = 10_000) =>
    vi.waitFor(async () => check(await status(consumerId)), { timeout, interval: 50 })
  /** The broker's unacknowledged count, from the management API (its figures lag a few seconds). */
  const unacked = async (q: string) => {
    const auth = Buffer.from(`${broker.username}:${broker.password}`).toString('base64')
    const res = await fetch(`${broker.managementUrl}/api/queues/%2F/${encodeURIComponent(q)}`, {
      headers: { authorization: `Basic ${auth}` },
    })
    const body = (await res.json()) as { messages_unacknowledged?: number }
    return body.messages_unacknowledged
  }
  const waitUnacked = (q: string, n: number) =>
    vi.waitFor(async () => expect(await unacked(q)).toBe(n), { timeout: 30_000, interval: 500 })
  const pending = (consumerId: string) => api<MessageSummary[]>('listAmqpPending', { id: consumerId })
  const settle = (consumerId: string, messageIds: number[] | null, action: 'ack' | 'nack', requeue = true) =>
    api<AmqpSettleResult>('settleAmqp', { consumerId, messageIds, action, requeue })
  const consume = (input: Record<string, unknown>) =>
    api<AmqpConsumerStatus>('startAmqpConsumer', { profileId, ...input })

  beforeAll(async () => {
    broker = testBroker('rabbitmq')
    ctx = testCore()
    ctx.core.onEvent((e) => {
      events.push(e)
    })
    client = await amqp.connect(broker.amqpUrl)
    // Unheard, a connection error would throw inside amqplib before it closes its channels.
    client.on('error', () => undefined)
    ch = await client.createChannel()
    const p = await api<Profile>('createProfile', {
      config: {
        protocol: 'amqp',
        name: 'rabbit consumer',
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
    for (const c of (await api<AmqpConsumerStatus[]>('listAmqpConsumers').catch(() => [])) ?? [])
      await api('stopAmqpConsumer', { id: c.id }).catch(() => undefined)
    for (const q of queues) await ch?.deleteQueue(q).catch(() => undefined)
    for (const x of exchanges) await ch?.deleteExchange(x).catch(() => undefined)
    await client?.close().catch(() => undefined)
    await ctx?.dispose()
  })

  it('stores each delivery with every property, nested and typed headers, queue and tree path', async () => {
    const x = await exchange('props', 'topic')
    const q = await queue('props')
    await ch.bindQueue(q, x, 'orders.#')
    const timestamp = Math.floor(Date.now() / 1000)
    const headers = {
      'x-tenant': 'acme',
      attempt: 3,
      large: 2 ** 40,
      ratio: 0.25,
      urgent: true,
      none: null,
      audit: { by: 'it', depth: { level: 2, ok: false, tags: ['a', 7] } },
      raw: Buffer.from([0, 1, 2, 255]),
      sentAt: { '!': 'timestamp', value: 1_700_000_000 },
      price: { '!': 'decimal', value: { places: 2, digits: 1999 } },
      // Single precision, which amqplib decodes as a plain number (RabbitMQ refuses NaN: Erlang has none).
      single: { '!': 'float', value: 1.5 },
    }
    const c = await consume({ queue: q, ackMode: 'auto' })
    expect(c).toMatchObject({ kind: 'consumer', queue: q, ackMode: 'auto', state: 'active', exchange: null })
    ch.publish(x, 'orders.eu.created', Buffer.from(ALL_BYTES), {
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
    })
    ch.publish(x, 'orders.us', Buffer.from('plain'))
    await waitStatus(c.id, (s) => expect(s.delivered).toBe(2))

    const [first] = await api<MessageSummary[]>('getTopicMessages', {
      profileId,
      topic: amqpTreePath(x, 'orders.eu.created'),
      limit: 10,
    })
    expect(first).toMatchObject({
      direction: 'in',
      protocol: 'amqp',
      size: 256,
      qos: null,
      retain: false,
      properties: null,
      kafka: null,
      amqp: {
        exchange: x,
        routingKey: 'orders.eu.created',
        redelivered: false,
        queue: q,
        properties: {
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
        },
      },
    })
    expect(first!.amqp!.properties.headers).toEqual({
      ...headers,
      raw: { '!': 'bytes', value: 'AAEC/w==' },
      single: 1.5,
    })
    const payload = await api<{ bytes: Uint8Array }>('getMessagePayload', { id: first!.id })
    expect(Buffer.from(payload.bytes).equals(Buffer.from(ALL_BYTES))).toBe(true)

    const [second] = await api<MessageSummary[]>('getTopicMessages', {
      profileId,
      topic: amqpTreePath(x, 'orders.us'),
      limit: 10,
    })
    expect(second).toMatchObject({ preview: 'plain', amqp: { queue: q, properties: {} } })
    // The tree names them by exchange, then routing key.
    const found = await api<{ paths: string[] }>('searchTopics', { profileId, query: 'orders.eu', limit: 10 })
    expect(found.paths).toContain(`${x}/orders.eu.created`)
    await api('stopAmqpConsumer', { id: c.id })
  })

  it('manual ack: messages stay unacked in the broker until settled; ack removes them', async () => {
    const q = await queue('manual')
    await fill(q, ['m0', 'm1', 'm2', 'm3', 'm4'])
    const c = await consume({ queue: q, ackMode: 'manual', prefetch: 10 })
    await waitStatus(c.id, (s) => expect(s).toMatchObject({ delivered: 5, pending: 5, acked: 0 }))
    const held = await pending(c.id)
    expect(
      held.map((m) => m.preview),
      'oldest first',
    ).toEqual(['m0', 'm1', 'm2', 'm3', 'm4'])
    expect(held.every((m) => m.amqp?.queue === q && m.amqp.redelivered === false)).toBe(true)
    expect(await ready(q)).toBe(0)
    await waitUnacked(q, 5)

    const some = await settle(c.id, [held[0]!.id, held[3]!.id, 999_999_999], 'ack')
    expect(some).toMatchObject({ settled: 2, missing: [999_999_999], status: { acked: 2, pending: 3 } })
    expect((await pending(c.id)).map((m) => m.preview)).toEqual(['m1', 'm2', 'm4'])
    await waitUnacked(q, 3)

    const rest = await settle(c.id, null, 'ack')
    expect(rest).toMatchObject({ settled: 3, missing: [], status: { acked: 5, pending: 0, state: 'active' } })
    await waitUnacked(q, 0)
    const stopped = await api<AmqpConsumerStatus>('stopAmqpConsumer', { id: c.id })
    expect(stopped).toMatchObject({ state: 'stopped', reason: 'Stopped' })
    expect(await ready(q), 'acked messages are gone for good').toBe(0)
  })

  it('nack with requeue gives a message back (it comes again, redelivered); stop requeues the rest', async () => {
    const q = await queue('requeue')
    await fill(q, ['a', 'b'])
    const c = await consume({ queue: q, ackMode: 'manual', prefetch: 10 })
    await waitStatus(c.id, (s) => expect(s.pending).toBe(2))
    const [a] = await pending(c.id)
    expect(a!.preview).toBe('a')
    expect(await settle(c.id, [a!.id], 'nack', true)).toMatchObject({ settled: 1, status: { nacked: 1 } })
    // The broker hands it straight back to its only consumer, flagged.
    await waitStatus(c.id, (s) => expect(s).toMatchObject({ delivered: 3, pending: 2 }))
    const again = await pending(c.id)
    expect(again.map((m) => [m.preview, m.amqp?.redelivered])).toEqual([
      ['b', false],
      ['a', true],
    ])
    expect(again[1]!.id, 'a new history row for the new delivery').not.toBe(a!.id)

    const stopped = await api<AmqpConsumerStatus>('stopAmqpConsumer', { id: c.id })
    expect(stopped.state).toBe('stopped')
    expect(stopped.reason).toMatch(/^Stopped: 2 unsettled messages went back to the queue/)
    expect(await ready(q)).toBe(2)
    const back = [await ch.get(q, { noAck: true }), await ch.get(q, { noAck: true })]
    expect(back.map((m) => m && [m.content.toString(), m.fields.redelivered]).sort()).toEqual([
      ['a', true],
      ['b', true],
    ])
  })

  it('nack without requeue dead-letters into the queue’s DLX', async () => {
    const dlx = await exchange('dlx', 'fanout')
    const dead = await queue('dead')
    await ch.bindQueue(dead, dlx, '')
    const q = await queue('with-dlx', { 'x-dead-letter-exchange': dlx })
    await fill(q, ['d0', 'd1', 'd2'])
    const c = await consume({ queue: q, ackMode: 'manual', prefetch: 10 })
    await waitStatus(c.id, (s) => expect(s.pending).toBe(3))
    const held = await pending(c.id)
    expect(await settle(c.id, [held[0]!.id, held[1]!.id], 'nack', false)).toMatchObject({
      settled: 2,
      status: { nacked: 2, pending: 1 },
    })
    await vi.waitFor(async () => expect(await ready(dead)).toBe(2), { timeout: 5000, interval: 50 })
    const got = [await ch.get(dead, { noAck: true }), await ch.get(dead, { noAck: true })]
    expect(got.map((m) => m && m.content.toString())).toEqual(['d0', 'd1'])
    const death = (got[0] as GetMessage).properties.headers?.['x-death'] as {
      reason: string
      queue: string
    }[]
    expect(death[0]).toMatchObject({ reason: 'rejected', queue: q })
    // The one left is still held, not dropped, not requeued.
    expect(await ready(q)).toBe(0)
    expect((await pending(c.id)).map((m) => m.preview)).toEqual(['d2'])
    await api('stopAmqpConsumer', { id: c.id })
  })

  it('prefetch N caps the pending messages at N', async () => {
    const q = await queue('prefetch')
    await fill(
      q,
      Array.from({ length: 10 }, (_, i) => `p${i}`),
    )
    const c = await consume({ queue: q, ackMode: 'manual', prefetch: 3 })
    expect(c.prefetch).toBe(3)
    await waitStatus(c.id, (s) => expect(s.pending).toBe(3))
    // The broker sent exactly three: the other seven are still ready.
    expect(await ready(q)).toBe(7)
    expect((await status(c.id)).delivered).toBe(3)
    await settle(c.id, null, 'ack')
    await waitStatus(c.id, (s) => expect(s).toMatchObject({ pending: 3, delivered: 6, acked: 3 }))
    expect(await ready(q)).toBe(4)
    expect((await pending(c.id)).map((m) => m.preview)).toEqual(['p3', 'p4', 'p5'])
    await api('stopAmqpConsumer', { id: c.id })
    expect(await ready(q)).toBe(7)
  })

  it('auto-ack consumes everything into the history, and status events report it', async () => {
    const q = await queue('auto')
    const n = 500
    await fill(
      q,
      Array.from({ length: n }, (_, i) => `auto-${i}`),
    )
    const before = events.length
    const c = await consume({ queue: q, ackMode: 'auto', prefetch: 100 })
    await waitStatus(c.id, (s) => expect(s).toMatchObject({ delivered: n, pending: 0 }))
    expect(await ready(q)).toBe(0)
    const { count } = await api<{ count: number }>('countHistory', {
      filter: { profileId, topic: amqpTreePath('', q) },
    })
    expect(count).toBe(n)
    const reports = () =>
      events
        .slice(before)
        .flatMap((e) => (e.type === 'amqp.consumer' && e.status.id === c.id ? [e.status] : []))
    expect(reports()[0]!.state).toBe('active')
    // The throttled reports catch up with the last message within a quarter of a second.
    await vi.waitFor(() => expect(reports().at(-1)?.delivered).toBe(n), { timeout: 2000 })
    const counts = reports().map((s) => s.delivered)
    expect(counts, 'counts only grow').toEqual([...counts].sort((a, b) => a - b))
    await expect(settle(c.id, null, 'ack')).rejects.toMatchObject({ code: 'invalid_input' })
    await api('stopAmqpConsumer', { id: c.id })
  })

  it('refuses a second consumer on an exclusively consumed queue with the broker’s words', async () => {
    const q = await queue('exclusive')
    const c = await consume({ queue: q, ackMode: 'auto', exclusive: true })
    await expect(consume({ queue: q, ackMode: 'auto' })).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringMatching(
        /^403 ACCESS_REFUSED - queue '.*exclusive' in vhost '\/' in exclusive use$/,
      ),
    })
    expect((await status(c.id)).state, 'the first one carries on').toBe('active')
    await api('stopAmqpConsumer', { id: c.id })
  })

  it('refuses a missing queue (not_found) and an unconnected profile (unavailable)', async () => {
    await expect(consume({ queue: `${id}.nowhere` })).rejects.toMatchObject({
      code: 'not_found',
      message: `404 NOT_FOUND - no queue '${id}.nowhere' in vhost '/'`,
    })
    expect(
      (await api<AmqpConsumerStatus[]>('listAmqpConsumers')).some((s) => s.queue === `${id}.nowhere`),
    ).toBe(false)
    const offline = await api<Profile>('createProfile', {
      config: { protocol: 'amqp', name: 'offline', host: '127.0.0.1', port: broker.ports.amqp },
    })
    await expect(
      api('startAmqpConsumer', { profileId: offline.id, queue: 'anything' }),
    ).rejects.toMatchObject({ code: 'unavailable' })
    await expect(api('startAmqpTap', { profileId: offline.id, exchange: 'amq.topic' })).rejects.toMatchObject(
      { code: 'unavailable' },
    )
  })

  it('fails a consumer whose queue is deleted, with the broker’s words and a notice', async () => {
    const q = await queue('deleted')
    await fill(q, ['x'])
    const c = await consume({ queue: q, ackMode: 'manual' })
    await waitStatus(c.id, (s) => expect(s.pending).toBe(1))
    await ch.deleteQueue(q)
    await waitStatus(c.id, (s) => {
      expect(s.state).toBe('failed')
      expect(s.reason).toBe(`The broker cancelled the consumer: 404 NOT_FOUND - no queue '${q}' in vhost '/'`)
      expect(s.pending).toBe(0)
    })
    const notices = await api<AmqpNotice[]>('listAmqpNotices', { profileId })
    expect(notices.at(-1)).toMatchObject({
      kind: 'channel-closed',
      text: expect.stringContaining('NOT_FOUND'),
    })
    expect(events.some((e) => e.type === 'amqp.notice' && e.notice.kind === 'channel-closed')).toBe(true)
    // Only that channel was lost: the connection and other work carry on.
    const [conn] = await api<ConnectionStatus[]>('listConnections')
    expect(conn!.state).toBe('connected')
    expect(await api<AmqpConsumerStatus>('stopAmqpConsumer', { id: c.id })).toMatchObject({ state: 'failed' })
  })

  it('a tap sees everything an exchange routes, and its existing queue still gets all of it', async () => {
    const x = await exchange('tapped', 'topic')
    const existing = await queue('existing')
    await ch.bindQueue(existing, x, 'sensors.#')
    const theirs: string[] = []
    const other = await client.createChannel()
    await other.consume(existing, (m) => m && theirs.push(m.content.toString()), { noAck: true })

    const tap = await api<AmqpConsumerStatus>('startAmqpTap', { profileId, exchange: x, bindingKey: '#' })
    expect(tap).toMatchObject({
      kind: 'tap',
      exchange: x,
      bindingKey: '#',
      ackMode: 'auto',
      state: 'active',
      queue: expect.stringMatching(/^amq\.gen-/),
    })
    const keys = Array.from({ length: 20 }, (_, i) => `sensors.room${i % 4}.t`)
    keys.forEach((k, i) => ch.publish(x, k, Buffer.from(`reading-${i}`)))
    await waitStatus(tap.id, (s) => expect(s.delivered).toBe(20))
    await vi.waitFor(() => expect(theirs).toHaveLength(20), { timeout: 5000 })
    expect(theirs).toEqual(keys.map((_, i) => `reading-${i}`))
    const stored = await api<MessageSummary[]>('getTopicMessages', {
      profileId,
      topic: amqpTreePath(x, 'sensors.room1.t'),
      limit: 100,
    })
    expect(stored.map((m) => m.preview).sort()).toEqual([
      'reading-1',
      'reading-13',
      'reading-17',
      'reading-5',
      'reading-9',
    ])
    expect(stored[0]!.amqp).toMatchObject({ exchange: x, queue: tap.queue, redelivered: false })

    expect(await api<AmqpConsumerStatus>('stopAmqpConsumer', { id: tap.id })).toMatchObject({
      state: 'stopped',
    })
    // Its queue goes with it; the existing binding is untouched.
    await vi.waitFor(
      async () => {
        const probe = await client.createChannel()
        probe.on('error', () => undefined)
        await expect(probe.checkQueue(tap.queue)).rejects.toThrow(/404/)
      },
      { timeout: 5000 },
    )
    ch.publish(x, 'sensors.after', Buffer.from('after'))
    await vi.waitFor(() => expect(theirs.at(-1)).toBe('after'), { timeout: 5000 })
    await other.close()
  })

  it('a tap on a missing exchange is refused with the broker’s words', async () => {
    await expect(api('startAmqpTap', { profileId, exchange: `${id}.no-exchange` })).rejects.toMatchObject({
      code: 'not_found',
      message: `404 NOT_FOUND - no exchange '${id}.no-exchange' in vhost '/'`,
    })
  })

  it('says not_found for unknown consumers', async () => {
    await expect(api('stopAmqpConsumer', { id: 'consumer-999999' })).rejects.toMatchObject({
      code: 'not_found',
    })
    await expect(api('listAmqpPending', { id: 'consumer-999999' })).rejects.toMatchObject({
      code: 'not_found',
    })
    await expect(settle('consumer-999999', null, 'ack')).rejects.toMatchObject({ code: 'not_found' })
  })
})
