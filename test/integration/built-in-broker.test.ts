import { execFile, spawn, type ChildProcess } from 'node:child_process'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { createServer, Socket, type Server } from 'node:net'
import { join } from 'node:path'
import { promisify } from 'node:util'
import mqtt, { type MqttClient } from 'mqtt'
import { generate } from 'mqtt-packet'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { DemoPublisher } from '../../src/main/built-in-broker/demo/demo-publisher'
import type { ApiEvent } from '../../src/shared/api'
import type {
  BrokerClient,
  BrokerEvent,
  BrokerPacket,
  BuiltInBrokerSettings,
  BuiltInBrokerStatus,
} from '../../src/shared/built-in-broker'
import type { ConnectionStatus } from '../../src/shared/connection-status'
import type { MessageSummary } from '../../src/shared/messages'
import type { Profile } from '../../src/shared/profiles'
import type { TreeSnapshot } from '../../src/shared/topic-tree'
import { MosquittoSub } from '../support/mosquitto-sub'
import { SubscriberProcess } from '../support/subscriber-process'
import { testCore } from '../support/test-core'

const run = promisify(execFile)
const PICO = join(process.cwd(), 'test', 'support', 'pico-client.mjs')

/** A port the system just handed out on loopback, so never the 1883 of a broker the user runs. */
async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const { port } = server.address() as { port: number }
  await new Promise((r) => server.close(r))
  return port
}

/** The local addresses with a socket listening on `port`, as the kernel lists them (Linux). */
function listeningOn(port: number): string[] {
  const out: string[] = []
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    if (!existsSync(file)) continue
    for (const line of readFileSync(file, 'utf8').split('\n').slice(1)) {
      const cols = line.trim().split(/\s+/)
      if (cols[3] !== '0A') continue // LISTEN
      const [addr, hexPort] = cols[1]!.split(':') as [string, string]
      if (parseInt(hexPort, 16) !== port) continue
      out.push(
        addr.length === 8
          ? (addr.match(/../g) ?? [])
              .reverse()
              .map((b) => parseInt(b, 16))
              .join('.')
          : addr,
      )
    }
  }
  return out
}

function portIsFree(port: number): Promise<boolean> {
  const server: Server = createServer()
  return new Promise((resolve) => {
    server.once('error', () => resolve(false))
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)))
  })
}

/** The pico client script in a process of its own, its JSON lines collected. */
function startPico(url: string, args: string[]): { child: ChildProcess; lines: { event: string }[] } {
  const child = spawn(process.execPath, [PICO, '--url', url, ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  const lines: { event: string }[] = []
  let buffer = ''
  child.stdout!.on('data', (d: Buffer) => {
    buffer += d.toString()
    let nl: number
    while ((nl = buffer.indexOf('\n')) >= 0) {
      lines.push(JSON.parse(buffer.slice(0, nl)) as { event: string })
      buffer = buffer.slice(nl + 1)
    }
  })
  return { child, lines }
}

/** A raw TCP client: bytes in, bytes out, no MQTT library between. */
async function rawClient(port: number): Promise<{ socket: Socket; received: () => Buffer }> {
  const socket = new Socket()
  const chunks: Buffer[] = []
  socket.on('data', (d: Buffer) => chunks.push(d))
  socket.on('error', () => undefined)
  await new Promise<void>((r) => socket.connect(port, '127.0.0.1', r))
  return { socket, received: () => Buffer.concat(chunks) }
}

/**
 * The built-in broker through the core's API, on a port of its own: real clients (mqtt.js in this
 * process and in another, mosquitto_pub/sub, raw sockets, the Pico W script) talk to it, and the
 * device view must say what really happened on the wire.
 */
describe('the built-in broker', () => {
  let ctx: ReturnType<typeof testCore>
  let port: number
  let url: string
  const events: ApiEvent[] = []
  const clients: MqttClient[] = []
  const subs: MosquittoSub[] = []
  const children: ChildProcess[] = []

  const api = <T>(method: string, input?: unknown) => ctx.core.invoke(method, input, 'test') as Promise<T>
  const start = (settings: BuiltInBrokerSettings) =>
    api<BuiltInBrokerStatus>('startBuiltInBroker', { settings: { port, ...settings } })
  const listClients = () => api<BrokerClient[]>('listBrokerClients')
  const timelineOf = (clientId: string) => api<BrokerEvent[]>('getBrokerTimeline', { clientId })
  // Up to 10 s: a client script takes a moment to start, and a keepalive timeout to fire.
  const connectionOf = (clientId: string, pick: (c: BrokerClient) => boolean = () => true) =>
    vi.waitFor(
      async () => {
        const found = (await listClients()).find((c) => c.clientId === clientId && pick(c))
        expect(found, `a connection of ${clientId}`).toBeDefined()
        return found!
      },
      { timeout: 10_000 },
    )
  const ended = (clientId: string) => connectionOf(clientId, (c) => !c.connected)
  const client = async (opts: mqtt.IClientOptions) => {
    const c = await mqtt.connectAsync(url, { reconnectPeriod: 0, ...opts })
    clients.push(c)
    return c
  }
  const profileId = async () => (await api<BuiltInBrokerStatus>('builtInBrokerStatus')).profileId!
  const messagesOf = async (topic: string) =>
    api<MessageSummary[]>('getTopicMessages', { profileId: await profileId(), topic, limit: 100 })
  const mosquittoPub = (args: string[]) =>
    run('mosquitto_pub', ['-h', '127.0.0.1', '-p', String(port), ...args])

  beforeAll(async () => {
    ctx = testCore()
    ctx.core.onEvent((event) => events.push(event))
    port = await freePort()
    url = `mqtt://127.0.0.1:${port}`
  })
  afterAll(async () => {
    for (const child of children) child.kill('SIGKILL')
    await Promise.all(clients.map((c) => c.endAsync(true).catch(() => undefined)))
    await Promise.all(subs.map((s) => s.stop()))
    await ctx.dispose()
  })

  it('starts on loopback, makes its own profile and connects it through the normal path', async () => {
    const status = await start({})
    expect(status).toMatchObject({ state: 'running', error: null, bindAddress: '127.0.0.1', port })
    // What the kernel says, not what the app believes: bound to loopback only.
    expect(listeningOn(port)).toEqual(['127.0.0.1'])
    expect(events).toContainEqual({
      type: 'broker.status',
      status: expect.objectContaining({ state: 'running' }),
    })

    const profile = await api<Profile>('getProfile', { id: status.profileId })
    expect(profile.config).toMatchObject({
      protocol: 'mqtt',
      name: 'Built-in broker',
      host: '127.0.0.1',
      port,
    })
    expect((await api<Profile[]>('listProfiles')).map((p) => p.id)).toContain(profile.id)
    const connection = (await api<ConnectionStatus[]>('listConnections')).find(
      (c) => c.profileId === profile.id,
    )
    expect(connection?.state).toBe('connected')
    // Its own connection is among the broker's clients, under the profile's client id.
    const self = await connectionOf(
      profile.config.protocol === 'mqtt' ? profile.config.clientId : '',
      (c) => c.subscriptions.length > 0, // the SUBSCRIBE follows the CONNECT
    )
    expect(self).toMatchObject({
      connected: true,
      protocolVersion: 5,
      subscriptions: [{ topic: '#', qos: 0 }],
    })
    expect((await api<BuiltInBrokerStatus>('builtInBrokerStatus')).clientsConnected).toBeGreaterThanOrEqual(1)
  })

  it('hands what others publish to the built-in profile: its tree and history', async () => {
    const pub = await client({ clientId: 'it-publisher' })
    await pub.publishAsync('lab/kitchen/temperature', '21.5', { qos: 1 })
    const [m] = await vi.waitFor(async () => {
      const list = await messagesOf('lab/kitchen/temperature')
      expect(list).toHaveLength(1)
      return list
    })
    // Delivered at the QoS of the profile's subscription (# at QoS 0).
    expect(m).toMatchObject({ preview: '21.5', qos: 0, direction: 'in' })
    const tree = await api<TreeSnapshot>('setTreeView', {
      profileId: await profileId(),
      viewId: 'it-tree',
      expanded: [],
      selected: null,
    })
    expect(tree.children.find((c) => c.parent === null)!.nodes.map((n) => n.path)).toContain('lab')
  })

  it('carries QoS 0, 1 and 2 to a subscriber in another process, and keeps retained messages', async () => {
    const sub = new SubscriberProcess()
    await sub.start(url, 'qos/#')
    try {
      for (const qos of [0, 1, 2])
        await mosquittoPub(['-q', String(qos), '-t', `qos/q${qos}`, '-m', `at ${qos}`])
      await vi.waitFor(() => expect(sub.arrivals).toHaveLength(3))
      expect(sub.arrivals.map((a) => [a.topic, a.payload]).sort()).toEqual([
        ['qos/q0', 'at 0'],
        ['qos/q1', 'at 1'],
        ['qos/q2', 'at 2'],
      ])
    } finally {
      await sub.stop()
    }

    await mosquittoPub(['-r', '-q', '1', '-t', 'retained/config', '-m', '{"on":true}'])
    const late = MosquittoSub.start(port, ['retained/#'])
    subs.push(late)
    const got = await late.next((m) => m.topic === 'retained/config')
    expect(got).toMatchObject({ retain: true, payloadHex: Buffer.from('{"on":true}').toString('hex') })
  })

  it('forwards MQTT 5 properties to an MQTT 5 subscriber, and publishes a will', async () => {
    const sub = MosquittoSub.start(port, ['v5/#'], { qos: 1 })
    subs.push(sub)
    const probe = await client({ clientId: 'it-probe' })
    await sub.ready('v5/probe', () => probe.publishAsync('v5/probe', 'ping'))
    await run('mosquitto_pub', [
      ...['-h', '127.0.0.1', '-p', String(port), '-V', 'mqttv5', '-q', '1', '-t', 'v5/props', '-m', 'hello'],
      ...['-D', 'publish', 'user-property', 'site', 'lab'],
      ...['-D', 'publish', 'content-type', 'text/plain'],
      ...['-D', 'publish', 'message-expiry-interval', '120'],
      ...['-D', 'publish', 'response-topic', 'v5/replies'],
      ...['-D', 'publish', 'correlation-data', 'req-42'],
    ])
    const m = await sub.next((x) => x.topic === 'v5/props')
    expect(m.userProperties).toEqual([['site', 'lab']])
    expect(m.contentType).toBe('text/plain')
    expect(m.responseTopic).toBe('v5/replies')
    expect(m.correlationData.toString()).toBe('req-42')
    expect(m.messageExpiry).toBeGreaterThan(100)
    expect(m.messageExpiry).toBeLessThanOrEqual(120)

    const doomed = await client({
      clientId: 'it-doomed',
      protocolVersion: 5,
      will: { topic: 'v5/will', payload: Buffer.from('gone'), qos: 1, retain: false },
    })
    doomed.stream.destroy()
    const will = await sub.next((x) => x.topic === 'v5/will')
    expect(will.payloadHex).toBe(Buffer.from('gone').toString('hex'))
  })

  it('records a Pico W: its connect, its readings, and a keepalive timeout with the will', async () => {
    const status = MosquittoSub.start(port, ['pico/status'], { qos: 1 })
    subs.push(status)
    const id = `pico-w-${process.pid % 1000}`
    const pico = startPico(url, ['--client-id', id, '--keepalive', '1', '--stall-after', '2'])
    children.push(pico.child)

    const live = await connectionOf(id)
    expect(live).toMatchObject({
      connected: true,
      protocolVersion: 4,
      keepalive: 1,
      cleanSession: true,
      username: null,
      will: { topic: 'pico/status', preview: 'offline', size: 7, qos: 1, retain: true },
    })
    expect(live.address).toMatch(/^127\.0\.0\.1:\d+$/)
    await status.next((m) => m.payloadHex === Buffer.from('online').toString('hex'))

    const gone = await ended(id)
    expect(gone.disconnectReason).toBe('keepalive-timeout')
    expect(gone.publishesIn).toBeGreaterThanOrEqual(3) // online + at least one pair of readings
    expect(pico.lines.map((l) => l.event)).toContain('stalled')
    // The broker sent the will: a subscriber saw it, and the timeline says so and why.
    const will = await status.next((m) => m.payloadHex === Buffer.from('offline').toString('hex'))
    expect(will.retain).toBe(false) // forwarded live; the broker keeps it retained for later subscribers

    const lines = await timelineOf(id)
    const kinds = lines.map((l) => l.kind)
    expect(kinds[0]).toBe('connect')
    expect(lines[0]!.text).toContain('MQTT 3.1.1')
    expect(lines[0]!.text).toContain('keepalive 1 s')
    expect(lines[0]!.text).toContain('will on pico/status')
    expect(lines.find((l) => l.kind === 'publish' && l.topic === 'pico/temperature/dht22')).toMatchObject({
      qos: 0,
      retain: false,
      preview: expect.stringMatching(/^\d+\.\d$/),
    })
    expect(kinds.slice(-3)).toEqual(['keepalive-timeout', 'will', 'disconnect'])
    expect(lines.at(-2)).toMatchObject({ topic: 'pico/status', preview: 'offline', retain: true })
    expect(lines.at(-2)!.text).toContain('keepalive timeout')
    expect(lines.at(-1)).toMatchObject({ reason: 'keepalive-timeout' })
    expect(events.some((e) => e.type === 'broker.events' && e.events.some((x) => x.kind === 'will'))).toBe(
      true,
    )
  })

  it('hangs the Pico W script on SIGUSR1 and drops it without DISCONNECT on SIGTERM', async () => {
    const hung = startPico(url, ['--client-id', 'pico-w-hung', '--keepalive', '1'])
    const killed = startPico(url, ['--client-id', 'pico-w-killed', '--keepalive', '30'])
    children.push(hung.child, killed.child)
    await connectionOf('pico-w-hung', (c) => c.connected)
    await connectionOf('pico-w-killed', (c) => c.connected)

    hung.child.kill('SIGUSR1')
    killed.child.kill('SIGTERM')
    expect(await ended('pico-w-hung')).toMatchObject({
      disconnectReason: 'keepalive-timeout',
    })
    expect(hung.lines.map((l) => l.event)).toContain('stalled')
    // The kernel closes a killed process's socket with a FIN, or a reset when data was unread.
    const killedEnd = await ended('pico-w-killed')
    expect(killedEnd.disconnectReason).toBe('socket-error')
    expect(killedEnd.disconnectDetail).toMatch(
      /^(the client closed the connection without DISCONNECT|read ECONNRESET)$/,
    )
    const lines = await timelineOf('pico-w-killed')
    expect(lines.map((l) => l.kind).slice(-2)).toEqual(['will', 'disconnect'])
    expect(lines.at(-2)).toMatchObject({ topic: 'pico/status', preview: 'offline' })
    expect(lines.at(-2)!.text).toMatch(/without DISCONNECT|ECONNRESET/)
  })

  it('tells a clean disconnect, a dropped socket, a reset, a takeover and a non-MQTT client apart', async () => {
    const polite = await client({
      clientId: 'it-polite',
      will: { topic: 'w/polite', payload: Buffer.from('x') },
    })
    await polite.endAsync()
    expect(await ended('it-polite')).toMatchObject({ disconnectReason: 'clean' })

    const dropped = await client({ clientId: 'it-dropped' })
    dropped.stream.destroy()
    expect(await ended('it-dropped')).toMatchObject({
      disconnectReason: 'socket-error',
      disconnectDetail: 'the client closed the connection without DISCONNECT',
    })

    const reset = await client({ clientId: 'it-reset' })
    ;(reset.stream as Socket).resetAndDestroy()
    const r = await ended('it-reset')
    expect(r.disconnectReason).toBe('socket-error')
    expect(r.disconnectDetail).toContain('ECONNRESET')

    const first = await client({ clientId: 'it-twin' })
    first.on('error', () => undefined)
    await client({ clientId: 'it-twin' })
    expect(await ended('it-twin')).toMatchObject({ disconnectReason: 'taken-over' })
    expect(await connectionOf('it-twin', (c) => c.connected)).toBeDefined()

    const http = await rawClient(port)
    http.socket.write('GET /mqtt HTTP/1.1\r\nHost: x\r\n\r\n')
    const stray = await vi.waitFor(async () => {
      const found = (await listClients()).find(
        (c) => c.disconnectReason === 'protocol-error' && c.clientId === '',
      )
      expect(found).toBeDefined()
      return found!
    })
    expect(stray.disconnectDetail).toContain('HTTP request')
  })

  it('captures the raw packets of a connection on request', async () => {
    const raw = await rawClient(port)
    raw.socket.write(
      generate({ cmd: 'connect', clientId: 'it-raw', protocolVersion: 4, keepalive: 60, clean: true }),
    )
    await vi.waitFor(() => expect(raw.received().length).toBeGreaterThanOrEqual(4)) // CONNACK
    const c = await connectionOf('it-raw', (x) => x.connected)
    expect(
      (await api<BrokerClient>('setBrokerCapture', { connectionId: c.connectionId, on: true })).capturing,
    ).toBe(true)

    raw.socket.write(
      generate({
        cmd: 'publish',
        topic: 'raw/t',
        payload: Buffer.from('hi'),
        qos: 0,
        dup: false,
        retain: false,
      }),
    )
    raw.socket.write(generate({ cmd: 'pingreq' }))
    await vi.waitFor(() => expect(raw.received().subarray(-2).toString('hex')).toBe('d000')) // PINGRESP
    const packets = await vi.waitFor(async () => {
      const list = await api<BrokerPacket[]>('getBrokerPackets', { connectionId: c.connectionId })
      expect(list.map((p) => `${p.direction} ${p.type}`)).toEqual([
        'in connect',
        'out connack',
        'in publish',
        'in pingreq',
        'out pingresp',
      ])
      return list
    })
    expect(JSON.parse(packets[0]!.json)).toMatchObject({ cmd: 'connect', clientId: 'it-raw', keepalive: 60 })
    expect(JSON.parse(packets[1]!.json)).toMatchObject({ cmd: 'connack', returnCode: 0 })
    expect(JSON.parse(packets[2]!.json)).toMatchObject({ topic: 'raw/t', payload: 'hi', qos: 0 })
    expect(packets[3]).toMatchObject({ hex: 'c000', size: 2 })
    expect(packets[2]!.hex).toBe(
      generate({
        cmd: 'publish',
        topic: 'raw/t',
        payload: Buffer.from('hi'),
        qos: 0,
        dup: false,
        retain: false,
      }).toString('hex'),
    )
    raw.socket.destroy()
  })

  it('listens for MQTT over WebSocket on /mqtt when asked', async () => {
    const wsPort = await freePort()
    const status = await start({ websocket: true, websocketPort: wsPort })
    expect(status).toMatchObject({ state: 'running', port, websocketPort: wsPort })
    expect(listeningOn(wsPort)).toEqual(['127.0.0.1'])
    await vi.waitFor(async () =>
      expect(
        (await api<ConnectionStatus[]>('listConnections')).find((c) => c.profileId === status.profileId)
          ?.state,
      ).toBe('connected'),
    )
    const ws = await mqtt.connectAsync(`ws://127.0.0.1:${wsPort}/mqtt`, {
      clientId: 'it-ws',
      reconnectPeriod: 0,
    })
    clients.push(ws)
    await ws.publishAsync('ws/hello', 'over websocket', { qos: 1 })
    await vi.waitFor(async () => expect(await messagesOf('ws/hello')).toHaveLength(1))
    expect(await connectionOf('it-ws')).toMatchObject({
      connected: true,
      address: expect.stringMatching(/^127\.0\.0\.1:/),
    })
    await ws.endAsync()
  })

  it('refuses wrong credentials, and keeps the password only as the profile’s encrypted secret', async () => {
    const password = `pw-${Date.now().toString(36)}-secret`
    const status = await start({ username: 'lab', password })
    expect(status.settings).toMatchObject({ username: 'lab', passwordSet: true })
    await vi.waitFor(async () =>
      expect(
        (await api<ConnectionStatus[]>('listConnections')).find((c) => c.profileId === status.profileId)
          ?.state,
      ).toBe('connected'),
    )
    const profile = await api<Profile>('getProfile', { id: status.profileId })
    expect(profile.secretsSet).toContain('password')

    const v4 = await mqtt
      .connectAsync(url, { clientId: 'it-intruder', username: 'lab', password: 'wrong', reconnectPeriod: 0 })
      .then(
        () => null,
        (err: { code?: number }) => err.code,
      )
    expect(v4).toBe(4) // bad user name or password
    const v5 = await mqtt
      .connectAsync(url, { clientId: 'it-intruder5', protocolVersion: 5, reconnectPeriod: 0 })
      .then(
        () => null,
        (err: { code?: number }) => err.code,
      )
    expect(v5).toBe(0x87) // no user name at all: not authorized
    const refused = await ended('it-intruder')
    expect(refused).toMatchObject({
      disconnectReason: 'refused',
      disconnectDetail: 'bad user name or password',
    })
    const lines = await timelineOf('it-intruder')
    expect(lines.map((l) => l.kind)).toEqual(['connect-refused'])
    expect(lines[0]!.text).toBe('refused: bad user name or password (CONNACK 4)')
    await client({ clientId: 'it-allowed', username: 'lab', password })

    // Nowhere in the data folder in plain text (the settings table, the profile, the WAL).
    for (const file of readdirSync(ctx.dataDir))
      expect(readFileSync(join(ctx.dataDir, file)).includes(Buffer.from(password)), file).toBe(false)

    const open = await start({ username: '', password: '' })
    expect(open.settings).toMatchObject({ username: '', passwordSet: false })
  })

  it('binds every interface with lan on (reached here over loopback only), and refuses a busy port', async () => {
    const lan = await start({ lan: true })
    expect(lan).toMatchObject({ state: 'running', bindAddress: '0.0.0.0', port })
    expect(listeningOn(port)).toEqual(['0.0.0.0'])
    await vi.waitFor(async () =>
      expect(
        (await api<ConnectionStatus[]>('listConnections')).find((c) => c.profileId === lan.profileId)?.state,
      ).toBe('connected'),
    )
    expect(lan.lanAddresses.every((a) => a !== '127.0.0.1' && a !== '::1')).toBe(true)

    const blocker = createServer()
    const busy = await freePort()
    await new Promise<void>((r) => blocker.listen(busy, '127.0.0.1', r))
    try {
      const failed = await api<BuiltInBrokerStatus>('startBuiltInBroker', { settings: { port: busy } })
      expect(failed).toMatchObject({ state: 'failed', error: `port ${busy} is in use`, port: null })
    } finally {
      await new Promise((r) => blocker.close(r))
    }
    expect(await start({})).toMatchObject({ state: 'running', bindAddress: '127.0.0.1' })
  })

  it('runs a demo homelab that fills the tree at once, and stops it', async () => {
    const status = await api<BuiltInBrokerStatus>('startDemo')
    expect(status.demo.running).toBe(true)
    let views = 0
    const roots = await vi.waitFor(
      async () => {
        const tree = await api<TreeSnapshot>('setTreeView', {
          profileId: status.profileId,
          viewId: `it-demo-${views++}`,
          expanded: [],
          selected: null,
        })
        const names = tree.children.find((c) => c.parent === null)!.nodes.map((n) => n.path)
        expect(names).toEqual(
          expect.arrayContaining(['zigbee2mqtt', 'tele', 'stat', 'homeassistant', 'home']),
        )
        return names
      },
      { timeout: 5000 },
    )
    expect(roots).toContain('esp-greenhouse')
    await vi.waitFor(async () =>
      expect((await api<BuiltInBrokerStatus>('builtInBrokerStatus')).demo.published).toBeGreaterThan(40),
    )
    expect(await connectionOf('DVES_F1A2B3', (c) => c.connected)).toMatchObject({
      will: { topic: 'tele/tasmota_F1A2B3/LWT', preview: 'Offline', retain: true },
    })
    const [bridge] = await messagesOf('zigbee2mqtt/bridge/state')
    expect(bridge).toMatchObject({ preview: '{"state":"online"}', retain: true })

    const stopped = await api<BuiltInBrokerStatus>('stopDemo')
    expect(stopped.demo.running).toBe(false)
    expect(stopped.state).toBe('running')
    expect(await ended('zigbee2mqtt_demo')).toMatchObject({ disconnectReason: 'clean' })
  })

  it('lets the flaky demo device drop without DISCONNECT, so its will goes out, and come back', async () => {
    const demo = new DemoPublisher({ url, flakyEveryMs: 1500 })
    await demo.start()
    try {
      const lines = await vi.waitFor(
        async () => {
          const list = await timelineOf('DVES_F1A2B3')
          const will = list.findIndex((l) => l.kind === 'will')
          expect(will).toBeGreaterThan(0)
          expect(list.slice(will).some((l) => l.kind === 'connect')).toBe(true)
          return list
        },
        { timeout: 10_000 },
      )
      const will = lines.find((l) => l.kind === 'will')!
      expect(will).toMatchObject({ topic: 'tele/tasmota_F1A2B3/LWT', preview: 'Offline', retain: true })
      expect(will.text).toContain('without DISCONNECT')
    } finally {
      await demo.stop()
    }
  })

  it('stops: every client is closed as broker-stopped and the port is free again', async () => {
    const v4 = await client({ clientId: 'it-last4' })
    const v5 = await client({ clientId: 'it-last5', protocolVersion: 5 })
    const told: number[] = []
    v5.on('disconnect', (p) => told.push(p.reasonCode ?? -1))
    v4.on('error', () => undefined)
    v5.on('error', () => undefined)
    const pid = await profileId()

    const status = await api<BuiltInBrokerStatus>('stopBuiltInBroker')
    expect(status).toMatchObject({ state: 'stopped', port: null, bindAddress: null, clientsConnected: 0 })
    expect(await ended('it-last4')).toMatchObject({ disconnectReason: 'broker-stopped' })
    expect(await ended('it-last5')).toMatchObject({ disconnectReason: 'broker-stopped' })
    expect(told).toEqual([0x8b]) // MQTT 5: "server shutting down"
    expect(await portIsFree(port)).toBe(true)
    // Its own profile was disconnected first, cleanly, and does not try to reconnect.
    expect(
      (await api<ConnectionStatus[]>('listConnections')).find((c) => c.profileId === pid),
    ).toBeUndefined()
    // The device view outlives the broker: what happened before the stop is still there.
    expect(await ended('it-polite')).toMatchObject({ disconnectReason: 'clean' })
  })

  it('stops with the app', async () => {
    const other = testCore()
    const p = await freePort()
    expect(
      (await other.core.invoke('startBuiltInBroker', { settings: { port: p } })) as BuiltInBrokerStatus,
    ).toMatchObject({ state: 'running' })
    expect(await portIsFree(p)).toBe(false)
    await other.dispose()
    expect(await portIsFree(p)).toBe(true)
  })
})
