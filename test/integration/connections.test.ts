import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { ApiEvent } from '../../src/shared/api'
import type { ConnectionStatus } from '../../src/shared/connection-status'
import type { Profile, ProfileConfigInput, SecretsPatch } from '../../src/shared/profiles'
import { testBrokers, type TestBrokers } from '../support/brokers'
import { TcpProxy } from '../support/tcp-proxy'
import { testCore } from '../support/test-core'

/** Connect / disconnect through the real core against the real test brokers, every protocol. */
describe('connections to the real brokers', () => {
  let ctx: ReturnType<typeof testCore>
  let b: TestBrokers
  const statuses: ConnectionStatus[] = []

  beforeAll(() => {
    b = testBrokers()
    ctx = testCore()
    ctx.core.onEvent((e: ApiEvent) => {
      if (e.type === 'connection.status') statuses.push(e.status)
    })
  })
  afterAll(() => ctx.dispose())

  const profile = (config: ProfileConfigInput, secrets?: SecretsPatch) =>
    ctx.core.invoke('createProfile', { config, secrets }) as Promise<Profile>
  const connect = async (config: ProfileConfigInput, secrets?: SecretsPatch) => {
    const p = await profile(config, secrets)
    return { id: p.id, status: (await ctx.core.invoke('connect', { profileId: p.id })) as ConnectionStatus }
  }
  const disconnect = (id: string) =>
    ctx.core.invoke('disconnect', { profileId: id }) as Promise<ConnectionStatus>
  const seenFor = (id: string) => statuses.filter((s) => s.profileId === id).map((s) => s.state)

  describe('MQTT', () => {
    const mqtt = (over: Partial<ProfileConfigInput & { protocol: 'mqtt' }>) =>
      ({
        protocol: 'mqtt',
        name: 'mqtt',
        host: '127.0.0.1',
        port: b.mosquitto.ports.plain,
        ...over,
      }) as ProfileConfigInput

    it('connects to the plain listener and disconnects, with every state announced', async () => {
      const { id, status } = await connect(mqtt({ mqttVersion: 5 }))
      expect(status).toMatchObject({ state: 'connected', protocol: 'mqtt', reason: null })
      expect(status.serverInfo).toContain('MQTT 5.0')
      expect(await ctx.core.invoke('listConnections', undefined)).toEqual([
        expect.objectContaining({ profileId: id, state: 'connected' }),
      ])
      expect((await disconnect(id)).state).toBe('disconnected')
      expect(seenFor(id)).toEqual(['connecting', 'connected', 'disconnected'])
    })

    it('takes the password listener with the right password and shows the broker refusing a wrong one', async () => {
      const good = await connect(mqtt({ port: b.mosquitto.ports.password, username: b.mosquitto.username }), {
        password: b.mosquitto.password,
      })
      expect(good.status.state).toBe('connected')
      await disconnect(good.id)
      const bad = await connect(mqtt({ port: b.mosquitto.ports.password, username: b.mosquitto.username }), {
        password: 'wrong',
      })
      expect(bad.status.state).toBe('failed')
      expect(bad.status.reason).toMatch(/Connection refused: Not authorized/)
    })

    it('verifies TLS against the given CA and reports a wrong CA', async () => {
      const good = await connect(
        mqtt({ port: b.mosquitto.ports.tls, transport: 'mqtts', tls: { ca: b.mosquitto.tls.ca.certPem } }),
      )
      expect(good.status.state).toBe('connected')
      await disconnect(good.id)
      const wrong = await connect(
        mqtt({
          port: b.mosquitto.ports.tls,
          transport: 'mqtts',
          tls: { ca: b.mosquitto.tls.wrongCa.certPem },
        }),
      )
      expect(wrong.status).toMatchObject({ state: 'failed' })
      expect(wrong.status.reason).toMatch(/certificate/i)
    })

    it('presents a client certificate where the broker requires one, and says when it is missing', async () => {
      const tls = { ca: b.mosquitto.tls.ca.certPem, cert: b.mosquitto.tls.client.certPem }
      const good = await connect(mqtt({ port: b.mosquitto.ports.mtls, transport: 'mqtts', tls }), {
        tlsKey: b.mosquitto.tls.client.keyPem,
      })
      expect(good.status.state).toBe('connected')
      await disconnect(good.id)
      const none = await connect(
        mqtt({ port: b.mosquitto.ports.mtls, transport: 'mqtts', tls: { ca: tls.ca } }),
      )
      expect(none.status.state).toBe('failed')
      expect(none.status.reason).toBeTruthy()
    })

    it('connects despite a wrong CA only when verification is explicitly off', async () => {
      const { id, status } = await connect(
        mqtt({
          port: b.mosquitto.ports.tls,
          transport: 'mqtts',
          tls: { ca: b.mosquitto.tls.wrongCa.certPem, verify: false },
        }),
      )
      expect(status.state).toBe('connected')
      await disconnect(id)
    })

    it('connects over WebSocket', async () => {
      const { id, status } = await connect(mqtt({ port: b.mosquitto.ports.ws, transport: 'ws', path: '/' }))
      expect(status.state).toBe('connected')
      await disconnect(id)
    })

    it('shows the socket’s reason for a closed port instead of spinning', async () => {
      const closed = new TcpProxy(1)
      const port = await closed.start()
      await closed.stop() // a port that was just free: nothing listens there now
      const { status } = await connect(mqtt({ port }))
      expect(status.state).toBe('failed')
      expect(status.reason).toMatch(/ECONNREFUSED/)
    })

    it('says reconnecting with the attempt and reason when the link drops, and comes back', async () => {
      const proxy = new TcpProxy(b.mosquitto.ports.plain)
      const port = await proxy.start()
      const { id, status } = await connect(mqtt({ port }))
      expect(status.state).toBe('connected')
      await proxy.stop()
      await vi.waitFor(
        () =>
          expect(
            statuses.filter((s) => s.profileId === id && s.state === 'reconnecting').length,
          ).toBeGreaterThanOrEqual(2),
        { timeout: 15_000 },
      )
      const retries = statuses.filter((s) => s.profileId === id && s.state === 'reconnecting')
      expect(retries.map((s) => s.attempt).slice(0, 2)).toEqual([1, 2])
      expect(retries[1]!.reason).toMatch(/ECONNREFUSED/)
      await proxy.start(port)
      await vi.waitFor(() => expect(statuses.at(-1)).toMatchObject({ profileId: id, state: 'connected' }), {
        timeout: 20_000,
      })
      await disconnect(id)
      await proxy.stop()
    })
  })

  describe('AMQP', () => {
    const amqp = (over: object = {}) =>
      ({
        protocol: 'amqp',
        name: 'rabbit',
        host: '127.0.0.1',
        port: b.rabbitmq.ports.amqp,
        username: b.rabbitmq.username,
        ...over,
      }) as ProfileConfigInput

    it('connects and names the server, disconnects', async () => {
      const { id, status } = await connect(amqp(), { password: b.rabbitmq.password })
      expect(status.state).toBe('connected')
      expect(status.serverInfo).toMatch(/RabbitMQ/)
      expect((await disconnect(id)).state).toBe('disconnected')
    })

    it('shows ACCESS_REFUSED for a wrong password and NOT_ALLOWED for an unknown vhost', async () => {
      const bad = await connect(amqp(), { password: 'wrong' })
      expect(bad.status.state).toBe('failed')
      expect(bad.status.reason).toMatch(/ACCESS.REFUSED/)
      const vhost = await connect(amqp({ vhost: 'no-such-vhost' }), { password: b.rabbitmq.password })
      expect(vhost.status.state).toBe('failed')
      expect(vhost.status.reason).toMatch(/NOT.ALLOWED|vhost/i)
    })

    it('reconnects after the link drops', async () => {
      const proxy = new TcpProxy(b.rabbitmq.ports.amqp)
      const port = await proxy.start()
      const { id } = await connect(amqp({ port }), { password: b.rabbitmq.password })
      await proxy.stop()
      await vi.waitFor(
        () => expect(statuses.at(-1)).toMatchObject({ profileId: id, state: 'reconnecting', attempt: 1 }),
        { timeout: 10_000 },
      )
      await proxy.start(port)
      await vi.waitFor(() => expect(statuses.at(-1)).toMatchObject({ profileId: id, state: 'connected' }), {
        timeout: 20_000,
      })
      await disconnect(id)
      await proxy.stop()
    })
  })

  describe('Kafka', () => {
    const kafka = (over: object = {}) =>
      ({ protocol: 'kafka', name: 'kafka', brokers: [b.kafka.bootstrap], ...over }) as ProfileConfigInput

    it('connects to the plaintext listener and reports the cluster', async () => {
      const { id, status } = await connect(kafka())
      expect(status.state).toBe('connected')
      expect(status.serverInfo).toContain(`cluster ${b.kafka.clusterId}`)
      expect((await disconnect(id)).state).toBe('disconnected')
    })

    it('authenticates with SCRAM-SHA-512 and reports a wrong password', async () => {
      const sasl = { brokers: [b.kafka.saslBootstrap], sasl: 'scram-sha-512', username: b.kafka.username }
      const good = await connect(kafka(sasl), { password: b.kafka.password })
      expect(good.status.state).toBe('connected')
      await disconnect(good.id)
      const bad = await connect(kafka(sasl), { password: 'wrong' })
      expect(bad.status.state).toBe('failed')
      expect(bad.status.reason).toMatch(/SASL|authentication/i)
    })

    it('shows the socket’s reason for a closed port', async () => {
      const closed = new TcpProxy(1)
      const port = await closed.start()
      await closed.stop()
      const { status } = await connect(kafka({ brokers: [`127.0.0.1:${port}`], connectTimeoutMs: 2000 }))
      expect(status.state).toBe('failed')
      expect(status.reason).toMatch(/ECONNREFUSED|Connection error/)
    })
  })
})
