import { mkdirSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import WebSocket from 'ws'
import { startWebHost, type WebHost } from '../../src/main/web/web-host'
import type { BrokerClient, BuiltInBrokerStatus } from '../../src/shared/built-in-broker'
import type { ConnectionStatus } from '../../src/shared/connection-status'
import type { Profile, ProfileConfigInput, SecretsPatch } from '../../src/shared/profiles'
import { scanBuffer, type Secret } from '../../scripts/security/secrets-scan.mjs'
import { testBrokers, type TestBrokers } from '../support/brokers'
import { brokerSecrets, socketCaller, unique, wrongPasswords } from '../support/secret-fixtures'
import { testCore } from '../support/test-core'

/**
 * No secret ever reaches the renderer. A core with profiles that hold every kind of secret, for
 * all three protocols (passwords, client keys and passphrases, SASL, the management API's own
 * password) and the built-in broker's password, is driven over a real WebSocket of the web host,
 * the way the renderer drives it: every method that returns profiles or connection state is
 * called, connections are made, refused and closed, and every frame that comes back, answers and
 * pushed events alike, is searched for each secret in every encoding it could take (see
 * scripts/security/secrets-scan.mjs; base64 matters: the management API's Basic header).
 *
 * The one deliberate exception, exportProfiles with includeSecrets (the user ticks "include
 * passwords" to save them into the file), is called outside the captured socket, as the proof that
 * the search finds secrets when they are there.
 */

async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const { port } = server.address() as { port: number }
  await new Promise((r) => server.close(r))
  return port
}

describe('secrets and the renderer', () => {
  let b: TestBrokers
  let ctx: ReturnType<typeof testCore>
  let host: WebHost
  let ws: WebSocket
  const frames: string[] = []
  let secrets: Secret[]
  const results = new Map<string, unknown[]>()

  /** One API call over the socket, as the renderer makes it. */
  const call = socketCaller(
    () => ws,
    JSON.stringify,
    (method, answer) => results.set(method, [...(results.get(method) ?? []), answer]),
  )

  const profiles: Record<string, Profile> = {}
  const create = async (key: string, config: ProfileConfigInput, patch: SecretsPatch) => {
    profiles[key] = await call<Profile>('createProfile', { config, secrets: patch })
  }
  const connect = (key: string) => call<ConnectionStatus>('connect', { profileId: profiles[key]!.id })
  const disconnect = (key: string) => call<ConnectionStatus>('disconnect', { profileId: profiles[key]!.id })

  beforeAll(async () => {
    b = testBrokers()
    const wrong = wrongPasswords()
    const passphrase = unique('key-passphrase')
    const builtIn = unique('built-in-broker-password')
    const kafkaKeyPassphrase = unique('kafka-key-passphrase')
    secrets = [
      ...brokerSecrets(b, wrong, passphrase),
      { label: 'Kafka TLS key passphrase', value: kafkaKeyPassphrase },
      { label: 'built-in broker password', value: builtIn },
    ]

    ctx = testCore()
    const rendererDir = join(ctx.dataDir, 'renderer')
    mkdirSync(rendererDir, { recursive: true })
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Brokerlens</title>')
    host = await startWebHost({
      core: ctx.core,
      host: '127.0.0.1',
      port: 0,
      rendererDir,
      log: () => undefined,
    })
    ws = await new Promise<WebSocket>((resolve, reject) => {
      const socket = new WebSocket(`ws://127.0.0.1:${host.port}/api`, {
        origin: `http://127.0.0.1:${host.port}`,
      })
      socket.on('message', (data) => frames.push(data.toString()))
      socket.once('open', () => resolve(socket))
      socket.once('error', reject)
    })

    const m = b.mosquitto
    const r = b.rabbitmq
    const k = b.kafka
    await create(
      'mqtt',
      { protocol: 'mqtt', name: 'mqtt password', host: m.host, port: m.ports.password, username: m.username },
      { password: m.password },
    )
    await create(
      'mqttTls',
      {
        protocol: 'mqtt',
        name: 'mqtt client certificate',
        host: m.host,
        port: m.ports.mtls,
        transport: 'mqtts',
        tls: { ca: m.tls.ca.certPem, cert: m.tls.client.certPem },
      },
      { tlsKey: m.tls.client.keyPem, tlsPassphrase: passphrase },
    )
    await create(
      'mqttWrong',
      { protocol: 'mqtt', name: 'mqtt wrong', host: m.host, port: m.ports.password, username: m.username },
      { password: wrong.mqtt },
    )
    await create(
      'amqp',
      {
        protocol: 'amqp',
        name: 'rabbit',
        host: r.host,
        port: r.ports.amqp,
        username: r.username,
        managementUrl: r.managementUrl,
      },
      // A management password the API refuses: its error goes to the renderer, the password must not.
      { password: r.password, managementPassword: wrong.management },
    )
    await create(
      'amqpWrong',
      { protocol: 'amqp', name: 'rabbit wrong', host: r.host, port: r.ports.amqp, username: r.username },
      { password: wrong.amqp },
    )
    await create(
      'kafka',
      {
        protocol: 'kafka',
        name: 'kafka sasl',
        brokers: [k.saslBootstrap],
        sasl: 'scram-sha-256',
        username: k.username,
      },
      { password: k.password },
    )
    await create(
      'kafkaWrong',
      {
        protocol: 'kafka',
        name: 'kafka wrong',
        brokers: [k.saslBootstrap],
        sasl: 'plain',
        username: k.username,
      },
      { password: wrong.kafka },
    )
    await create(
      'kafkaTls',
      {
        protocol: 'kafka',
        name: 'kafka tls to a plain port',
        brokers: [k.bootstrap],
        ssl: true,
        tls: { ca: m.tls.ca.certPem, cert: m.tls.client.certPem },
        connectTimeoutMs: 3000,
      },
      { tlsKey: m.tls.client.keyPem, tlsPassphrase: kafkaKeyPassphrase },
    )

    // Everything that hands profiles back.
    await call('listProfiles')
    for (const p of Object.values(profiles)) await call('getProfile', { id: p.id })
    const updated = await call<Profile>('updateProfile', {
      id: profiles['mqtt']!.id,
      config: { ...profiles['mqtt']!.config, name: 'mqtt password (renamed)' },
    })
    expect(updated.secretsSet).toContain('password')
    await call('duplicateProfile', { id: profiles['amqp']!.id })
    const exported = await call<{ json: string }>('exportProfiles', { includeSecrets: false })
    await call('importProfiles', { json: exported.json })

    // Connections: made, refused, closed; the state read back at each step.
    for (const key of ['mqtt', 'mqttTls', 'amqp', 'kafka']) {
      const status = await connect(key)
      expect(status.state, `${key}: ${status.reason}`).toBe('connected')
    }
    for (const key of ['mqttWrong', 'amqpWrong', 'kafkaWrong', 'kafkaTls'])
      expect((await connect(key)).state, key).toBe('failed')
    await call('listConnections')
    await call('listSubscriptions', { profileId: profiles['mqtt']!.id })
    const topology = await call<{ management: { ok: boolean; error: string | null } }>('amqpTopology', {
      profileId: profiles['amqp']!.id,
    })
    expect(topology.management.ok).toBe(false)
    expect(topology.management.error).toMatch(/401/)
    await call('listAmqpNotices', { profileId: profiles['amqp']!.id })
    await call('kafkaCluster', { profileId: profiles['kafka']!.id })

    // The built-in broker with a password: its own profile connects with it, and its device view
    // decodes that CONNECT packet.
    const started = await call<BuiltInBrokerStatus>('startBuiltInBroker', {
      settings: { port: await freePort(), username: 'dev', password: builtIn },
    })
    expect(started.state).toBe('running')
    const ownClient = await vi.waitFor(
      async () => {
        const found = (await call<BrokerClient[]>('listBrokerClients')).find((c) => c.username === 'dev')
        expect(found).toBeDefined()
        return found!
      },
      { timeout: 15_000 },
    )
    await call('builtInBrokerStatus')
    await call('getBrokerTimeline', {})
    const packets = await call<Array<{ type: string }>>('getBrokerPackets', {
      connectionId: ownClient.connectionId,
    })
    expect(packets.map((p) => p.type)).toContain('connect')

    for (const key of ['mqtt', 'mqttTls', 'amqp', 'kafka'])
      expect((await disconnect(key)).state).toBe('disconnected')
    await call('stopBuiltInBroker')
    await call('listConnections')
    // Late events (a session's last status, the broker's batched timeline) get a moment to arrive.
    await new Promise((r) => setTimeout(r, 1000))
  }, 180_000)

  afterAll(async () => {
    ws?.close()
    await host?.close()
    await ctx?.dispose()
  })

  it('captured what it should: answers to every call, and the status events of every connection', () => {
    for (const method of [
      'listProfiles',
      'getProfile',
      'createProfile',
      'updateProfile',
      'duplicateProfile',
      'exportProfiles',
      'importProfiles',
      'connect',
      'disconnect',
      'listConnections',
      'amqpTopology',
      'kafkaCluster',
      'getBrokerPackets',
    ])
      expect(results.get(method)?.length, method).toBeGreaterThan(0)
    const statuses = frames
      .map((f) => JSON.parse(f) as { event?: { type: string; status?: ConnectionStatus } })
      .filter((f) => f.event?.type === 'connection.status')
      .map((f) => `${f.event!.status!.profileId} ${f.event!.status!.state}`)
    for (const [key, p] of Object.entries(profiles)) {
      const end = key.endsWith('Wrong') || key === 'kafkaTls' ? 'failed' : 'disconnected'
      expect(statuses, key).toContain(`${p.id} connecting`)
      expect(statuses, key).toContain(`${p.id} ${end}`)
    }
    // Refusals carry the broker's words, so there is text in which a password could have slipped.
    const reasons = Object.values(results.get('connect') ?? {}) as ConnectionStatus[]
    expect(reasons.filter((s) => s.state === 'failed').every((s) => (s.reason ?? '').length > 0)).toBe(true)
  })

  const leaksIn = (texts: string[]) =>
    texts.flatMap((text, i) =>
      scanBuffer(Buffer.from(text), secrets).map((hit) => `frame ${i}: the ${hit.label} (${hit.encoding})`),
    )

  it('sent no secret in any frame, in any encoding', () => {
    expect(frames.length).toBeGreaterThan(30)
    // The device view's raw packets are judged on their own below.
    const packetAnswers = new Set((results.get('getBrokerPackets') ?? []).map((r) => JSON.stringify(r)))
    const others = frames.filter((f) => {
      const result = (JSON.parse(f) as { result?: unknown }).result
      return result === undefined || !packetAnswers.has(JSON.stringify(result))
    })
    expect(others.length).toBe(frames.length - 1)
    expect(leaksIn(others)).toEqual([])
  })

  it('shows the built-in broker’s raw CONNECT packet without the password, in its JSON and its hex', () => {
    const answers = (results.get('getBrokerPackets') ?? []).map((r) => JSON.stringify(r))
    expect(answers).toHaveLength(1)
    expect(leaksIn(answers)).toEqual([])
  })

  it('reports only which secrets are set', () => {
    const listed = JSON.parse(frames.find((f) => f.includes('"mqtt client certificate"'))!) as unknown
    expect(JSON.stringify(listed)).toContain('BEGIN CERTIFICATE')
    expect(JSON.stringify(listed)).not.toContain('PRIVATE KEY')
    const p = results
      .get('getProfile')
      ?.find((x) => (x as Profile).config.name === 'mqtt client certificate') as Profile | undefined
    expect(p?.secretsSet.sort()).toEqual(['tlsKey', 'tlsPassphrase'])
  })

  it('would have found them: an export that includes secrets, made outside the socket, holds them', async () => {
    const withSecrets = (await ctx.core.invoke('exportProfiles', { includeSecrets: true })) as {
      json: string
    }
    const found = new Set(scanBuffer(Buffer.from(withSecrets.json), secrets).map((h) => h.label))
    for (const label of [
      'Mosquitto password',
      'RabbitMQ password',
      'Kafka SASL password',
      'management password',
    ])
      expect(found, label).toContain(label)
  })
})
