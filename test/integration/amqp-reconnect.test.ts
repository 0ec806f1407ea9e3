import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import amqp, { type Channel, type ChannelModel } from 'amqplib'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { AmqpConsumerStatus, AmqpNotice } from '../../src/shared/amqp'
import type { ApiEvent } from '../../src/shared/api'
import type { ConnectionStatus } from '../../src/shared/connection-status'
import type { MessageSummary } from '../../src/shared/messages'
import type { Profile } from '../../src/shared/profiles'
import { amqpTreePath } from '../../src/shared/tree-paths'
import { testBroker, type TestRabbitmq } from '../support/brokers'
import { TcpProxy } from '../support/tcp-proxy'
import { testCore } from '../support/test-core'

const run = promisify(execFile)

/**
 * Consumers and taps across a restart of RabbitMQ's application (`rabbitmqctl stop_app` and
 * `start_app` on the shared test broker, which is back before this file ends, whatever happens):
 * the connection reconnects, every consumer and tap is restored on the new link with one notice,
 * what is published afterwards is consumed, and the history holds each message that reached the app
 * once, plus the broker's own redeliveries of what was not acked, marked as such.
 */
describe('AMQP consumers across a broker restart', () => {
  let broker: TestRabbitmq
  let ctx: ReturnType<typeof testCore>
  let profileId: string
  const events: ApiEvent[] = []
  const id = `it-reconnect-${Date.now().toString(36)}`
  const autoQueue = `${id}.auto`
  const manualQueue = `${id}.manual`
  const exchange = `${id}.events`

  const api = <T>(method: string, input?: unknown) => ctx.core.invoke(method, input, 'test') as Promise<T>
  const ctl = (...args: string[]) =>
    run(broker.ctl.command, ['-n', broker.nodeName, ...args], {
      env: { ...process.env, ...broker.ctl.env },
      timeout: 120_000,
    })
  /** Runs `fn` on a client connection of its own (one made before the restart does not survive it). */
  const withClient = async <T>(fn: (ch: Channel) => Promise<T>): Promise<T> => {
    const conn: ChannelModel = await amqp.connect(broker.amqpUrl)
    conn.on('error', () => undefined)
    try {
      return await fn(await conn.createChannel())
    } finally {
      await conn.close().catch(() => undefined)
    }
  }
  const publish = (target: { queue?: string; routingKey?: string }, bodies: string[]) =>
    withClient(async (ch) => {
      for (const b of bodies) {
        const content = Buffer.from(b)
        // Persistent, so that what waits in a durable queue survives the restart.
        if (target.queue) ch.sendToQueue(target.queue, content, { persistent: true })
        else ch.publish(exchange, target.routingKey!, content, { persistent: true })
      }
      if (target.queue) await ch.checkQueue(target.queue)
      else await ch.checkExchange(exchange)
    })
  const statusOf = async (consumerId: string) =>
    (await api<AmqpConsumerStatus[]>('listAmqpConsumers')).find((s) => s.id === consumerId)!
  const waitStatus = (consumerId: string, check: (s: AmqpConsumerStatus) => void, timeout = 10_000) =>
    vi.waitFor(async () => check(await statusOf(consumerId)), { timeout, interval: 100 })
  const statesOf = (consumerId: string) =>
    events.flatMap((e) => (e.type === 'amqp.consumer' && e.status.id === consumerId ? [e.status.state] : []))
  const bodiesOf = async (topic: string) =>
    (await api<MessageSummary[]>('getTopicMessages', { profileId, topic, limit: 1000 })).reverse()

  /** The broker answers again on AMQP: start_app has finished and the listener is up. */
  const brokerBack = async () => {
    await ctl('start_app').catch(() => undefined)
    await ctl('await_startup').catch(() => undefined)
    await vi.waitFor(() => withClient(async () => undefined), { timeout: 90_000, interval: 500 })
  }

  beforeAll(async () => {
    broker = testBroker('rabbitmq')
    ctx = testCore()
    ctx.core.onEvent((e) => {
      events.push(e)
    })
    await withClient(async (ch) => {
      await ch.assertQueue(autoQueue, { durable: true })
      await ch.assertQueue(manualQueue, { durable: true })
      await ch.assertExchange(exchange, 'topic', { durable: true })
    })
    const p = await api<Profile>('createProfile', {
      config: {
        protocol: 'amqp',
        name: 'rabbit across a restart',
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
    // Other test files use this broker after this one: it must be fully back, whatever happened.
    await brokerBack()
    for (const c of await api<AmqpConsumerStatus[]>('listAmqpConsumers').catch(() => []))
      await api('stopAmqpConsumer', { id: c.id }).catch(() => undefined)
    await ctx?.dispose()
    await withClient(async (ch) => {
      await ch.deleteQueue(autoQueue)
      await ch.deleteQueue(manualQueue)
      await ch.deleteExchange(exchange)
    }).catch(() => undefined)
  }, 180_000)

  it('restores consumers and taps after stop_app / start_app, and stores each message once', async () => {
    const auto = await api<AmqpConsumerStatus>('startAmqpConsumer', {
      profileId,
      queue: autoQueue,
      ackMode: 'auto',
      prefetch: 50,
    })
    const manual = await api<AmqpConsumerStatus>('startAmqpConsumer', {
      profileId,
      queue: manualQueue,
      ackMode: 'manual',
      prefetch: 10,
    })
    const tap = await api<AmqpConsumerStatus>('startAmqpTap', { profileId, exchange, bindingKey: 'orders.#' })

    const before = Array.from({ length: 20 }, (_, i) => `a-${i}`)
    await publish({ queue: autoQueue }, before)
    await publish({ queue: manualQueue }, ['m-0', 'm-1', 'm-2', 'm-3', 'm-4'])
    await publish({ routingKey: 'orders.eu' }, ['t-0', 't-1', 't-2'])
    await waitStatus(auto.id, (s) => expect(s.delivered).toBe(20))
    await waitStatus(tap.id, (s) => expect(s.delivered).toBe(3))
    await waitStatus(manual.id, (s) => expect(s.pending).toBe(5))
    const held = await api<MessageSummary[]>('listAmqpPending', { id: manual.id })
    await api('settleAmqp', { consumerId: manual.id, messageIds: [held[0]!.id, held[1]!.id], action: 'ack' })

    await ctl('stop_app')
    try {
      await vi.waitFor(
        () => {
          const lost = events.find(
            (e) =>
              e.type === 'connection.status' &&
              e.status.profileId === profileId &&
              e.status.state === 'reconnecting',
          )
          expect(lost && lost.type === 'connection.status' && lost.status.reason).toMatch(/CONNECTION_FORCED/)
        },
        { timeout: 30_000 },
      )
      for (const c of [auto, tap]) await waitStatus(c.id, (s) => expect(s.state).toBe('restoring'))
      await waitStatus(manual.id, (s) => {
        expect(s.state).toBe('restoring')
        expect(s.pending).toBe(0)
        expect(s.reason).toMatch(/CONNECTION_FORCED.*\(3 unsettled messages went back to the queue/)
      })
      const notices = await api<AmqpNotice[]>('listAmqpNotices', { profileId })
      expect(notices.map((n) => n.kind)).toContain('connection-lost')
    } finally {
      await ctl('start_app')
    }

    await vi.waitFor(
      async () => {
        const [conn] = await api<ConnectionStatus[]>('listConnections')
        expect(conn!.state).toBe('connected')
      },
      { timeout: 120_000, interval: 250 },
    )
    for (const c of [auto, manual, tap]) await waitStatus(c.id, (s) => expect(s.state).toBe('active'), 20_000)
    await vi.waitFor(async () => {
      const restored = (await api<AmqpNotice[]>('listAmqpNotices', { profileId })).filter(
        (n) => n.kind === 'restored',
      )
      expect(restored.map((n) => n.text)).toEqual(['Restored 2 consumers and 1 tap after the reconnect'])
    })
    for (const c of [auto, manual, tap]) {
      const states = statesOf(c.id)
      expect(states.slice(states.indexOf('restoring'))).toContain('active')
    }
    const newTap = await statusOf(tap.id)
    expect(newTap.queue, 'a fresh server-named queue').toMatch(/^amq\.gen-/)
    expect(newTap.queue).not.toBe(tap.queue)

    // What the app had not acked comes again, flagged by the broker.
    await waitStatus(manual.id, (s) => expect(s.pending).toBe(3))
    const again = await api<MessageSummary[]>('listAmqpPending', { id: manual.id })
    expect(again.map((m) => [m.preview, m.amqp?.redelivered])).toEqual([
      ['m-2', true],
      ['m-3', true],
      ['m-4', true],
    ])

    const after = Array.from({ length: 20 }, (_, i) => `a-${20 + i}`)
    await publish({ queue: autoQueue }, after)
    await publish({ routingKey: 'orders.us' }, ['t-3', 't-4'])
    await waitStatus(auto.id, (s) => expect(s.delivered).toBe(40))
    await waitStatus(tap.id, (s) => expect(s.delivered).toBe(5))

    // Every message that reached the app is stored once; nothing is stored twice by the app.
    const autoRows = await bodiesOf(amqpTreePath('', autoQueue))
    expect(autoRows.map((m) => m.preview)).toEqual([...before, ...after])
    expect(autoRows.every((m) => m.amqp?.redelivered === false && m.amqp.queue === autoQueue)).toBe(true)
    const tapRows = [
      ...(await bodiesOf(amqpTreePath(exchange, 'orders.eu'))),
      ...(await bodiesOf(amqpTreePath(exchange, 'orders.us'))),
    ]
    expect(tapRows.map((m) => m.preview)).toEqual(['t-0', 't-1', 't-2', 't-3', 't-4'])
    const manualRows = await bodiesOf(amqpTreePath('', manualQueue))
    expect(manualRows.map((m) => [m.preview, m.amqp?.redelivered])).toEqual([
      ['m-0', false],
      ['m-1', false],
      ['m-2', false],
      ['m-3', false],
      ['m-4', false],
      ['m-2', true],
      ['m-3', true],
      ['m-4', true],
    ])
  }, 240_000)
})

/**
 * The same machinery with the link cut by a TCP relay instead (the shared broker keeps running): a
 * queue deleted while the link is down fails its consumer on restore, with the broker's words;
 * disconnecting stops consumers, including while a reconnect is pending.
 */
describe('AMQP consumers when the link is cut', () => {
  let broker: TestRabbitmq
  let ctx: ReturnType<typeof testCore>
  let client: ChannelModel
  let ch: Channel
  let proxy: TcpProxy
  let profileId: string
  const id = `it-link-${Date.now().toString(36)}`
  const queues: string[] = []

  const api = <T>(method: string, input?: unknown) => ctx.core.invoke(method, input, 'test') as Promise<T>
  const statusOf = async (consumerId: string) =>
    (await api<AmqpConsumerStatus[]>('listAmqpConsumers')).find((s) => s.id === consumerId)!
  const waitStatus = (consumerId: string, check: (s: AmqpConsumerStatus) => void, timeout = 10_000) =>
    vi.waitFor(async () => check(await statusOf(consumerId)), { timeout, interval: 100 })
  const waitConnection = (state: ConnectionStatus['state']) =>
    vi.waitFor(
      async () => {
        const conn = (await api<ConnectionStatus[]>('listConnections')).find((c) => c.profileId === profileId)
        expect(conn?.state ?? 'disconnected').toBe(state)
      },
      { timeout: 30_000, interval: 100 },
    )
  const queue = async (name: string) => {
    const q = `${id}.${name}`
    await ch.assertQueue(q, { durable: false })
    queues.push(q)
    return q
  }
  const consume = (queueName: string) =>
    api<AmqpConsumerStatus>('startAmqpConsumer', { profileId, queue: queueName, ackMode: 'auto' })

  beforeAll(async () => {
    broker = testBroker('rabbitmq')
    ctx = testCore()
    client = await amqp.connect(broker.amqpUrl)
    client.on('error', () => undefined)
    ch = await client.createChannel()
    proxy = new TcpProxy(broker.ports.amqp)
    const port = await proxy.start()
    const p = await api<Profile>('createProfile', {
      config: {
        protocol: 'amqp',
        name: 'proxied consumer',
        host: '127.0.0.1',
        port,
        username: broker.username,
      },
      secrets: { password: broker.password },
    })
    profileId = p.id
  })
  afterAll(async () => {
    await ctx?.dispose()
    await proxy?.stop()
    for (const q of queues) await ch?.deleteQueue(q).catch(() => undefined)
    await client?.close().catch(() => undefined)
  })

  it('fails a consumer whose queue went while the link was down, and restores the others', async () => {
    expect((await api<ConnectionStatus>('connect', { profileId })).state).toBe('connected')
    const keep = await queue('keep')
    const gone = await queue('gone')
    const kept = await consume(keep)
    const lost = await consume(gone)

    await proxy.stop()
    await waitConnection('reconnecting')
    for (const c of [kept, lost]) {
      await waitStatus(c.id, (s) => {
        expect(s.state).toBe('restoring')
        expect(s.reason).toBeTruthy()
      })
    }
    await ch.deleteQueue(gone)
    await proxy.start(proxy.port)
    await waitConnection('connected')

    await waitStatus(kept.id, (s) => expect(s.state).toBe('active'))
    const message = `404 NOT_FOUND - no queue '${gone}' in vhost '/'`
    await waitStatus(lost.id, (s) => expect(s).toMatchObject({ state: 'failed', reason: message }))
    await vi.waitFor(async () => {
      const notices = await api<AmqpNotice[]>('listAmqpNotices', { profileId })
      expect(notices.find((n) => n.kind === 'restored')?.text).toBe(
        `Restored 1 consumer after the reconnect; 1 could not be: consumer of queue "${gone}": ${message}`,
      )
      expect(notices.some((n) => n.kind === 'channel-closed' && n.text.includes(message))).toBe(true)
    })
    ch.sendToQueue(keep, Buffer.from('after the cut'))
    await waitStatus(kept.id, (s) => expect(s.delivered).toBe(1))
    await api('disconnect', { profileId })
  })

  it('stops consumers on disconnect, also while a reconnect is pending, and does not bring them back', async () => {
    expect((await api<ConnectionStatus>('connect', { profileId })).state).toBe('connected')
    const q = await queue('stopped')
    const first = await consume(q)
    await api('disconnect', { profileId })
    await waitStatus(first.id, (s) => expect(s).toMatchObject({ state: 'stopped', reason: 'Disconnected' }))

    expect((await api<ConnectionStatus>('connect', { profileId })).state).toBe('connected')
    const second = await consume(q)
    const tap = await api<AmqpConsumerStatus>('startAmqpTap', { profileId, exchange: 'amq.topic' })
    await proxy.stop()
    await waitConnection('reconnecting')
    await waitStatus(second.id, (s) => expect(s.state).toBe('restoring'))
    await api('disconnect', { profileId })
    for (const c of [second, tap])
      await waitStatus(c.id, (s) => expect(s).toMatchObject({ state: 'stopped', reason: 'Disconnected' }))

    await proxy.start(proxy.port)
    expect((await api<ConnectionStatus>('connect', { profileId })).state).toBe('connected')
    for (const c of [first, second, tap]) expect((await statusOf(c.id)).state).toBe('stopped')
    await api('disconnect', { profileId })
  })
})
