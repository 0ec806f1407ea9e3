import mqtt, { type MqttClient } from 'mqtt'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { ApiEvent } from '../../src/shared/api'
import type { ConnectionStatus } from '../../src/shared/connection-status'
import type { HistoryPage, HistoryStats } from '../../src/shared/history'
import type { MessageSummary } from '../../src/shared/messages'
import type { Profile, ProfileConfigInput, SecretsPatch } from '../../src/shared/profiles'
import type { PublishResult } from '../../src/shared/publish'
import type { SubscriptionStatus } from '../../src/shared/subscriptions'
import { testBroker, type TestMosquitto, type TestRabbitmq } from '../support/brokers'
import { SilentServer } from '../support/silent-server'
import { StallingProxy } from '../support/stalling-proxy'
import { testCore } from '../support/test-core'

/** Connect timeout of the stalled profiles: long enough for the other calls to run meanwhile. */
const STALL_TIMEOUT_MS = 6000
/**
 * How far past its connect timeout a stalled connect may settle. A deadline, not a speed figure:
 * without one, kafkajs gave up after its own request timeout and retry, saying "Broker not connected".
 */
const DEADLINE_GRACE_MS = 5000
/** kafkajs holds a socket until its ApiVersions request (one connect timeout) and one retry time out. */
const SOCKET_GONE_WITHIN_MS = 3 * STALL_TIMEOUT_MS

/**
 * The network stalls: a broker that accepts TCP and never answers, and a link that goes silent
 * mid-stream. Every connect ends with a reason in words, and the core keeps answering meanwhile.
 */
describe('faults: a stalled network', () => {
  // Kafka's side needs no real broker: only the silent server stands in for one.
  const b = {} as { mosquitto: TestMosquitto; rabbitmq: TestRabbitmq }
  let ctx: ReturnType<typeof testCore>
  let silent: SilentServer
  const statuses: ConnectionStatus[] = []
  const publishers: MqttClient[] = []
  const prefix = `faults-stall-${Date.now().toString(36)}`

  beforeAll(async () => {
    b.mosquitto = testBroker('mosquitto')
    b.rabbitmq = testBroker('rabbitmq')
    ctx = testCore()
    ctx.core.onEvent((e: ApiEvent) => {
      if (e.type === 'connection.status') statuses.push(e.status)
    })
    silent = new SilentServer()
    await silent.start()
  })
  afterAll(async () => {
    await Promise.all(publishers.map((c) => c.endAsync(true)))
    await ctx.dispose()
    await silent.close()
  })

  const api = <T>(method: string, input?: unknown) => ctx.core.invoke(method, input) as Promise<T>
  const createProfile = (config: ProfileConfigInput, secrets?: SecretsPatch) =>
    api<Profile>('createProfile', { config, secrets })
  const statesOf = (id: string) => statuses.filter((s) => s.profileId === id)
  const publisher = async () => {
    const c = await mqtt.connectAsync({ host: '127.0.0.1', port: b.mosquitto.ports.plain })
    publishers.push(c)
    return c
  }
  const messagesOf = (profileId: string, topic: string) =>
    api<MessageSummary[]>('getTopicMessages', { profileId, topic, limit: 10 })
  const waitSubscribed = (profileId: string) =>
    vi.waitFor(async () =>
      expect(
        (await api<SubscriptionStatus[]>('listSubscriptions', { profileId })).map((s) => s.state),
      ).toEqual(['active']),
    )

  /** A profile on the real Mosquitto that subscribes to one topic of this file. */
  const healthyMqtt = (name: string, topic: string) =>
    createProfile({
      protocol: 'mqtt',
      name,
      host: '127.0.0.1',
      port: b.mosquitto.ports.plain,
      subscriptions: [{ filter: topic, qos: 1 }],
    })

  const stalledConfigs: Record<'mqtt' | 'amqp' | 'kafka', () => ProfileConfigInput> = {
    mqtt: () => ({
      protocol: 'mqtt',
      name: 'stalled mqtt',
      host: '127.0.0.1',
      port: silent.port,
      connectTimeoutMs: STALL_TIMEOUT_MS,
    }),
    amqp: () => ({
      protocol: 'amqp',
      name: 'stalled amqp',
      host: '127.0.0.1',
      port: silent.port,
      connectTimeoutMs: STALL_TIMEOUT_MS,
    }),
    kafka: () => ({
      protocol: 'kafka',
      name: 'stalled kafka',
      brokers: [`127.0.0.1:${silent.port}`],
      connectTimeoutMs: STALL_TIMEOUT_MS,
    }),
  }

  describe.each(['mqtt', 'amqp', 'kafka'] as const)(
    '%s: a broker that accepts and never answers',
    (protocol) => {
      it('times out within the connect timeout with a reason in words, while every other call answers', async () => {
        const stalled = await createProfile(stalledConfigs[protocol]())
        const acceptedBefore = silent.accepted
        let settled = false
        const started = Date.now()
        const connecting = api<ConnectionStatus>('connect', { profileId: stalled.id }).finally(() => {
          settled = true
        })

        // The client really got through to the silent server (this is not a refused or unreachable port).
        await vi.waitFor(() => expect(silent.accepted).toBeGreaterThan(acceptedBefore))
        expect(await api<ConnectionStatus[]>('listConnections')).toContainEqual(
          expect.objectContaining({ profileId: stalled.id, state: 'connecting' }),
        )

        // Meanwhile: profiles, history, and a second profile that connects and receives.
        const topic = `${prefix}/${protocol}/alive`
        const healthy = await healthyMqtt(`healthy beside ${protocol}`, topic)
        expect((await api<Profile[]>('listProfiles')).map((p) => p.id)).toEqual(
          expect.arrayContaining([stalled.id, healthy.id]),
        )
        expect((await api<HistoryStats>('historyStats')).writeError).toBeNull()
        expect((await api<ConnectionStatus>('connect', { profileId: healthy.id })).state).toBe('connected')
        await waitSubscribed(healthy.id)
        await (await publisher()).publishAsync(topic, `still here (${protocol})`, { qos: 1 })
        await vi.waitFor(async () =>
          expect((await messagesOf(healthy.id, topic)).map((m) => m.preview)).toEqual([
            `still here (${protocol})`,
          ]),
        )
        const page = await api<HistoryPage>('queryHistory', {
          filter: { profileId: healthy.id, text: 'still' },
        })
        expect(page.hits.map((h) => h.topic)).toEqual([topic])
        // All of the above was answered while the stalled connect was still waiting.
        expect(settled).toBe(false)
        expect(statesOf(stalled.id).map((s) => s.state)).toEqual(['connecting'])

        const status = await connecting
        const waited = Date.now() - started
        expect(status).toMatchObject({ state: 'failed', attempt: 0 })
        expect(status.reason).toMatch(new RegExp(`^No answer from .+ within ${STALL_TIMEOUT_MS} ms$`))
        expect(waited).toBeGreaterThanOrEqual(STALL_TIMEOUT_MS - 250)
        expect(waited).toBeLessThan(STALL_TIMEOUT_MS + DEADLINE_GRACE_MS)
        expect(statesOf(stalled.id).map((s) => s.state)).toEqual(['connecting', 'failed'])
        // A failed first connect is final (no retry loop against a mute host), and no socket is left open.
        expect(await api<ConnectionStatus[]>('listConnections')).toContainEqual(
          expect.objectContaining({ profileId: stalled.id, state: 'failed', reason: status.reason }),
        )
        await vi.waitFor(() => expect(silent.open).toBe(0), { timeout: SOCKET_GONE_WITHIN_MS })
        expect((await api<ConnectionStatus>('disconnect', { profileId: healthy.id })).state).toBe(
          'disconnected',
        )
      })

      it('lets the user give up on the hanging connect at once', async () => {
        const stalled = await createProfile(stalledConfigs[protocol]())
        const acceptedBefore = silent.accepted
        const started = Date.now()
        const connecting = api<ConnectionStatus>('connect', { profileId: stalled.id })
        await vi.waitFor(() => expect(silent.accepted).toBeGreaterThan(acceptedBefore))
        expect((await api<ConnectionStatus>('disconnect', { profileId: stalled.id })).state).toBe(
          'disconnected',
        )
        expect((await connecting).state).toBe('disconnected')
        expect(await api<ConnectionStatus[]>('listConnections')).not.toContainEqual(
          expect.objectContaining({ profileId: stalled.id }),
        )
        // The abandoned attempt's socket is closed, not leaked. amqplib cannot abort a handshake and
        // kafkajs finishes its request first, so theirs go when the attempt's own timeouts end it.
        await vi.waitFor(() => expect(silent.open).toBe(0), { timeout: SOCKET_GONE_WITHIN_MS })
        // The abandoned attempt reports nothing late: no "failed" after the user's "disconnected".
        const pastTimeout = started + STALL_TIMEOUT_MS + 500 - Date.now()
        if (pastTimeout > 0) await new Promise((resolve) => setTimeout(resolve, pastTimeout))
        expect(statesOf(stalled.id).map((s) => s.state)).toEqual(['connecting', 'disconnected'])
      })
    },
  )

  describe('MQTT: the link goes silent mid-stream', () => {
    let proxy: StallingProxy
    beforeAll(async () => {
      proxy = new StallingProxy(b.mosquitto.ports.plain)
      await proxy.start()
    })
    afterAll(() => proxy.stop())

    it('notices by keepalive, says reconnecting and why, and comes back when the network flows again', async () => {
      const topic = `${prefix}/mid-stream`
      const p = await createProfile({
        protocol: 'mqtt',
        name: 'through a stalling link',
        host: '127.0.0.1',
        port: proxy.port,
        keepalive: 2,
        connectTimeoutMs: 3000,
        subscriptions: [{ filter: topic, qos: 1 }],
      })
      expect((await api<ConnectionStatus>('connect', { profileId: p.id })).state).toBe('connected')
      await waitSubscribed(p.id)
      const pub = await publisher()
      await pub.publishAsync(topic, 'before the stall', { qos: 1 })
      await vi.waitFor(async () => expect(await messagesOf(p.id, topic)).toHaveLength(1))

      proxy.stall()
      const reconnecting = () => statesOf(p.id).filter((s) => s.state === 'reconnecting')
      await vi.waitFor(() => expect(reconnecting().length).toBeGreaterThanOrEqual(1), { timeout: 15_000 })
      expect(reconnecting()[0]).toMatchObject({ attempt: 1, reason: 'Keepalive timeout' })
      // The client did talk (PINGREQ) into the stall; no FIN or RST told it anything.
      expect(proxy.heldBytes).toBeGreaterThan(0)
      // Its retries go into the same stall and time out with the reason in words.
      await vi.waitFor(() => expect(reconnecting().length).toBeGreaterThanOrEqual(2), { timeout: 20_000 })
      expect(reconnecting()[1]).toMatchObject({
        attempt: 2,
        reason: 'No answer from the broker within 3000 ms',
      })
      expect(statesOf(p.id).map((s) => s.state)).not.toContain('failed')
      // The core answers while its connection is stuck.
      expect(await api<ConnectionStatus[]>('listConnections')).toContainEqual(
        expect.objectContaining({ profileId: p.id, state: 'reconnecting' }),
      )
      expect((await messagesOf(p.id, topic)).map((m) => m.preview)).toEqual(['before the stall'])

      proxy.flow()
      await vi.waitFor(
        () => expect(statesOf(p.id).at(-1)).toMatchObject({ state: 'connected', reason: null }),
        { timeout: 30_000 },
      )
      await waitSubscribed(p.id)
      await pub.publishAsync(topic, 'after the stall', { qos: 1 })
      await vi.waitFor(async () =>
        expect((await messagesOf(p.id, topic)).map((m) => m.preview)).toEqual([
          'after the stall',
          'before the stall',
        ]),
      )
      expect((await api<ConnectionStatus>('disconnect', { profileId: p.id })).state).toBe('disconnected')
    }, 90_000)
  })

  describe('AMQP: the link goes silent mid-stream', () => {
    let proxy: StallingProxy
    beforeAll(async () => {
      proxy = new StallingProxy(b.rabbitmq.ports.amqp)
      await proxy.start()
    })
    afterAll(() => proxy.stop())

    it('notices by heartbeat, says reconnecting and why, and comes back when the network flows again', async () => {
      const p = await createProfile(
        {
          protocol: 'amqp',
          name: 'rabbit through a stalling link',
          host: '127.0.0.1',
          port: proxy.port,
          username: b.rabbitmq.username,
          heartbeat: 1,
          connectTimeoutMs: 3000,
        },
        { password: b.rabbitmq.password },
      )
      expect((await api<ConnectionStatus>('connect', { profileId: p.id })).state).toBe('connected')
      // A round trip the broker must answer: a mandatory message no queue takes comes back NO_ROUTE.
      const roundTrip = () =>
        api<PublishResult>('publish', {
          profileId: p.id,
          target: { protocol: 'amqp', exchange: '', routingKey: `${prefix}.nowhere`, mandatory: true },
          payload: new TextEncoder().encode('anyone?'),
        })
      const answered = {
        ok: false,
        amqp: { confirmed: true, returned: { replyCode: 312, replyText: 'NO_ROUTE' } },
      }
      expect(await roundTrip()).toMatchObject(answered)

      proxy.stall()
      const reconnecting = () => statesOf(p.id).filter((s) => s.state === 'reconnecting')
      await vi.waitFor(() => expect(reconnecting().length).toBeGreaterThanOrEqual(1), { timeout: 15_000 })
      expect(reconnecting()[0]).toMatchObject({ attempt: 1, reason: expect.stringMatching(/heartbeat/i) })
      expect(proxy.heldBytes).toBeGreaterThan(0)
      await vi.waitFor(() => expect(reconnecting().length).toBeGreaterThanOrEqual(2), { timeout: 20_000 })
      expect(reconnecting()[1]).toMatchObject({
        attempt: 2,
        reason: 'No answer from the broker within 3000 ms',
      })
      expect(statesOf(p.id).map((s) => s.state)).not.toContain('failed')
      await expect(roundTrip()).rejects.toMatchObject({ code: 'unavailable' })

      proxy.flow()
      await vi.waitFor(
        () => expect(statesOf(p.id).at(-1)).toMatchObject({ state: 'connected', reason: null }),
        { timeout: 30_000 },
      )
      expect(await roundTrip()).toMatchObject(answered)
      expect((await api<ConnectionStatus>('disconnect', { profileId: p.id })).state).toBe('disconnected')
    }, 90_000)
  })
})
