import mqtt, { type MqttClient } from 'mqtt'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { ApiEvent } from '../../src/shared/api'
import type { PublishResult } from '../../src/shared/publish'
import type { ConnectionStatus } from '../../src/shared/connection-status'
import type { MessageSummary } from '../../src/shared/messages'
import type { Profile, ProfileConfigInput } from '../../src/shared/profiles'
import type { SubscriptionStatus } from '../../src/shared/subscriptions'
import type { TreeDelta, TreeSnapshot } from '../../src/shared/topic-tree'
import { testBrokers, type TestBrokers } from '../support/brokers'
import { MosquittoProcess } from '../support/mosquitto-process'
import { TcpProxy } from '../support/tcp-proxy'
import { testCore } from '../support/test-core'

const CLIENT = 'test-window'
const enc = (s: string) => new TextEncoder().encode(s)

/** The MQTT client of the core against the real Mosquitto, checked by independent mqtt.js clients. */
describe('MQTT client against the real Mosquitto', () => {
  let b: TestBrokers
  let ctx: ReturnType<typeof testCore>
  const events: { event: ApiEvent; clientId: string | null }[] = []
  const others: MqttClient[] = []
  let prefix: string

  beforeAll(() => {
    b = testBrokers()
    ctx = testCore()
    ctx.core.onEvent((event, clientId) => events.push({ event, clientId }))
    prefix = `it-${Date.now().toString(36)}`
  })
  afterAll(async () => {
    await Promise.all(others.map((c) => c.endAsync(true)))
    await ctx.dispose()
  })

  const api = <T>(method: string, input?: unknown) => ctx.core.invoke(method, input, CLIENT) as Promise<T>
  const connectProfile = async (config: Partial<ProfileConfigInput & { protocol: 'mqtt' }>) => {
    const p = await api<Profile>('createProfile', {
      config: {
        protocol: 'mqtt',
        name: `mqtt ${events.length}`,
        host: '127.0.0.1',
        port: b.mosquitto.ports.plain,
        ...config,
      },
    })
    const status = await api<ConnectionStatus>('connect', { profileId: p.id })
    expect(status.state).toBe('connected')
    return p.id
  }
  const other = async (opts: mqtt.IClientOptions = {}) => {
    const c = await mqtt.connectAsync({ host: '127.0.0.1', port: b.mosquitto.ports.plain, ...opts })
    others.push(c)
    return c
  }
  const subsOf = (profileId: string) => api<SubscriptionStatus[]>('listSubscriptions', { profileId })
  const messagesOf = (profileId: string, topic: string) =>
    api<MessageSummary[]>('getTopicMessages', { profileId, topic, limit: 100 })
  const waitActive = (profileId: string) =>
    vi.waitFor(async () => expect((await subsOf(profileId)).every((s) => s.state === 'active')).toBe(true))

  it('receives QoS 0, 1 and 2 with their flags, and keeps every byte', async () => {
    const id = await connectProfile({ subscriptions: [{ filter: `${prefix}/in/#`, qos: 2 }] })
    await waitActive(id)
    const pub = await other()
    const binary = Uint8Array.from({ length: 256 }, (_, i) => i)
    for (const qos of [0, 1, 2] as const)
      await pub.publishAsync(`${prefix}/in/q${qos}`, Buffer.from(`qos ${qos}`), { qos })
    await pub.publishAsync(`${prefix}/in/bin`, Buffer.from(binary), { qos: 1 })
    await vi.waitFor(async () => expect(await messagesOf(id, `${prefix}/in/q2`)).toHaveLength(1))
    for (const qos of [0, 1, 2]) {
      const [m] = await messagesOf(id, `${prefix}/in/q${qos}`)
      expect(m).toMatchObject({
        qos,
        retain: false,
        dup: false,
        preview: `qos ${qos}`,
        size: 5,
        direction: 'in',
      })
    }
    const [bin] = await vi.waitFor(async () => {
      const list = await messagesOf(id, `${prefix}/in/bin`)
      expect(list).toHaveLength(1)
      return list
    })
    expect(bin!.preview).toBeNull() // binary: no text preview, but all the bytes on request
    const payload = await api<{ bytes: Uint8Array }>('getMessagePayload', { id: bin!.id })
    expect(Array.from(payload.bytes)).toEqual(Array.from(binary))
  })

  it('publishes with QoS 0, 1 and 2 to an independent subscriber', async () => {
    const id = await connectProfile({ subscriptions: [] })
    const sub = await other()
    const got: mqtt.IPublishPacket[] = []
    sub.on('message', (_t, _p, packet) => got.push(packet))
    await sub.subscribeAsync(`${prefix}/out/#`, { qos: 2 })
    for (const qos of [0, 1, 2] as const) {
      const r = await api<PublishResult>('publish', {
        profileId: id,
        target: { protocol: 'mqtt', topic: `${prefix}/out/q${qos}`, qos },
        payload: enc(`out ${qos}`),
      })
      expect(r.ok).toBe(true)
      expect(r.messageId).toBeGreaterThan(0)
    }
    await vi.waitFor(() => expect(got).toHaveLength(3))
    expect(got.map((p) => [p.topic, p.qos, String(p.payload)]).sort()).toEqual([
      [`${prefix}/out/q0`, 0, 'out 0'],
      [`${prefix}/out/q1`, 1, 'out 1'],
      [`${prefix}/out/q2`, 2, 'out 2'],
    ])
    // What the app sent is in its history too, as outgoing.
    const [sent] = await messagesOf(id, `${prefix}/out/q2`)
    expect(sent).toMatchObject({ direction: 'out', qos: 2 })
  })

  it('marks retained topics in the tree and clears a subtree of them', async () => {
    const pub = await other()
    for (const n of [1, 2, 3])
      await pub.publishAsync(`${prefix}/ret/dev${n}/config`, Buffer.from(`{"n":${n}}`), {
        qos: 1,
        retain: true,
      })
    await pub.publishAsync(`${prefix}/ret/dev1/state`, Buffer.from('ON'), { qos: 1 })
    const id = await connectProfile({ subscriptions: [{ filter: `${prefix}/ret/#`, qos: 1 }] })
    const snap = await vi.waitFor(async () => {
      const s = await api<TreeSnapshot>('setTreeView', {
        profileId: id,
        viewId: 'v-ret',
        expanded: [prefix, `${prefix}/ret`, `${prefix}/ret/dev1`],
        selected: null,
      })
      expect(s.totals.messages).toBe(3)
      return s
    })
    const dev1 = snap.children.find((c) => c.parent === `${prefix}/ret/dev1`)!.nodes
    expect(dev1.find((n) => n.path.endsWith('/config'))).toMatchObject({
      retained: true,
      last: { retain: true },
    })
    const preview = await api<{ count: number; topics: string[] }>('previewClearRetained', {
      profileId: id,
      path: `${prefix}/ret`,
      subtree: true,
    })
    expect(preview.count).toBe(3)
    expect(preview.topics.sort()).toEqual([1, 2, 3].map((n) => `${prefix}/ret/dev${n}/config`))
    expect(await api('clearRetained', { profileId: id, path: `${prefix}/ret`, subtree: true })).toEqual({
      cleared: 3,
    })
    // The broker no longer holds them: a new subscriber gets no retained message.
    const late = await other()
    const retained: string[] = []
    late.on('message', (t, _p, packet) => packet.retain && retained.push(t))
    await late.subscribeAsync(`${prefix}/ret/#`)
    await new Promise((r) => setTimeout(r, 300))
    expect(retained).toEqual([])
    await vi.waitFor(async () =>
      expect(
        (
          await api<{ count: number }>('previewClearRetained', {
            profileId: id,
            path: `${prefix}/ret`,
            subtree: true,
          })
        ).count,
      ).toBe(0),
    )
  })

  it('round-trips every MQTT 5 publish property, both ways', async () => {
    const id = await connectProfile({
      mqttVersion: 5,
      subscriptions: [{ filter: `${prefix}/v5/in`, qos: 1 }],
    })
    await waitActive(id)
    const properties = {
      payloadFormatIndicator: true,
      messageExpiryInterval: 3600,
      responseTopic: `${prefix}/v5/reply`,
      correlationData: Uint8Array.from([1, 2, 3, 250]),
      userProperties: [
        ['room', 'kitchen'],
        ['room', 'hall'],
        ['ünï', 'cødé'],
      ],
      contentType: 'application/json',
    }
    const sub = await other({ protocolVersion: 5 })
    const got: mqtt.IPublishPacket[] = []
    sub.on('message', (_t, _p, packet) => got.push(packet))
    await sub.subscribeAsync(`${prefix}/v5/out`, { qos: 1 })
    const r = await api<PublishResult>('publish', {
      profileId: id,
      target: { protocol: 'mqtt', topic: `${prefix}/v5/out`, qos: 1, properties },
      payload: enc('{"a":1}'),
    })
    expect(r.reasonCode).toBe(0)
    await vi.waitFor(() => expect(got).toHaveLength(1))
    const p = got[0]!.properties!
    expect(p.payloadFormatIndicator).toBe(true)
    expect(p.messageExpiryInterval).toBeGreaterThan(3590)
    expect(p.responseTopic).toBe(`${prefix}/v5/reply`)
    expect(Array.from(p.correlationData!)).toEqual([1, 2, 3, 250])
    expect(p.userProperties).toEqual({ room: ['kitchen', 'hall'], ünï: 'cødé' })
    expect(p.contentType).toBe('application/json')

    const pub = await other({ protocolVersion: 5 })
    await pub.publishAsync(`${prefix}/v5/in`, Buffer.from('x'), {
      qos: 1,
      properties: {
        contentType: 'text/plain',
        userProperties: { a: '1' },
        correlationData: Buffer.from([9]),
        responseTopic: 'r/t',
      },
    })
    const [m] = await vi.waitFor(async () => {
      const list = await messagesOf(id, `${prefix}/v5/in`)
      expect(list).toHaveLength(1)
      return list
    })
    expect(m!.properties).toMatchObject({
      contentType: 'text/plain',
      userProperties: [['a', '1']],
      responseTopic: 'r/t',
    })
    expect(Array.from(m!.properties!.correlationData!)).toEqual([9])
    expect(m!.properties!.subscriptionIdentifiers).toBeUndefined()
  })

  it('tags messages with the subscription identifiers that matched (MQTT 5)', async () => {
    const id = await connectProfile({
      mqttVersion: 5,
      subscriptions: [
        { filter: `${prefix}/sid/#`, qos: 1, subscriptionIdentifier: 7 },
        { filter: `${prefix}/sid/+/x`, qos: 1, subscriptionIdentifier: 42 },
      ],
    })
    await waitActive(id)
    const pub = await other()
    await pub.publishAsync(`${prefix}/sid/a/x`, Buffer.from('1'), { qos: 1 })
    const [m] = await vi.waitFor(async () => {
      const list = await messagesOf(id, `${prefix}/sid/a/x`)
      expect(list.length).toBeGreaterThan(0)
      return list
    })
    // Mosquitto sends one copy per matching subscription unless they overlap into one delivery.
    const ids = (await messagesOf(id, `${prefix}/sid/a/x`)).flatMap(
      (x) => x.properties?.subscriptionIdentifiers ?? [],
    )
    expect(ids.sort((a, b) => a - b)).toEqual([7, 42])
    expect(m!.qos).toBe(1)
  })

  it('receives a 10 MB payload whole', async () => {
    const id = await connectProfile({ subscriptions: [{ filter: `${prefix}/big`, qos: 1 }] })
    await waitActive(id)
    const big = Buffer.alloc(10 * 1024 * 1024)
    for (let i = 0; i < big.length; i += 4096) big[i] = i % 251
    const pub = await other()
    await pub.publishAsync(`${prefix}/big`, big, { qos: 1 })
    const [m] = await vi.waitFor(async () => {
      const list = await messagesOf(id, `${prefix}/big`)
      expect(list).toHaveLength(1)
      return list
    })
    expect(m).toMatchObject({ size: big.length, previewTruncated: true })
    const payload = await api<{ bytes: Uint8Array }>('getMessagePayload', { id: m!.id })
    expect(Buffer.from(payload.bytes).equals(big)).toBe(true)
  })

  it('shows the broker refusing a subscription, with the reason, on 5.0 and 3.1.1', async () => {
    for (const mqttVersion of [5, 4] as const) {
      const id = await connectProfile({
        port: b.mosquitto.ports.acl,
        mqttVersion,
        subscriptions: [{ filter: 'allowed/#' }],
      })
      await waitActive(id)
      const refused = await api<SubscriptionStatus>('subscribe', {
        profileId: id,
        subscription: { filter: 'secret/#', qos: 1 },
      })
      expect(refused.state).toBe('refused')
      if (mqttVersion === 5)
        expect(refused).toMatchObject({ reasonCode: 0x87, reason: expect.stringContaining('Not authorized') })
      else expect(refused).toMatchObject({ reasonCode: 0x80, reason: expect.stringContaining('Failure') })
      const list = await subsOf(id)
      expect(list.map((s) => [s.filter, s.state])).toEqual([
        ['allowed/#', 'active'],
        ['secret/#', 'refused'],
      ])
    }
  })

  it('grants a lower QoS when asked, and saves subscriptions in the profile', async () => {
    const id = await connectProfile({ subscriptions: [] })
    const s = await api<SubscriptionStatus>('subscribe', {
      profileId: id,
      subscription: { filter: `${prefix}/sq/#`, qos: 2 },
    })
    expect(s).toMatchObject({ state: 'active', grantedQos: 2 })
    const profile = await api<Profile>('getProfile', { id })
    expect(profile.config.protocol === 'mqtt' && profile.config.subscriptions.map((x) => x.filter)).toEqual([
      `${prefix}/sq/#`,
    ])
    await api('unsubscribe', { profileId: id, filter: `${prefix}/sq/#` })
    expect(await subsOf(id)).toEqual([])
  })

  it('fires the last will when the link dies, and not on a clean disconnect', async () => {
    const proxy = new TcpProxy(b.mosquitto.ports.plain)
    const port = await proxy.start()
    const willTopic = `${prefix}/will/status`
    const watcher = await other()
    const wills: string[] = []
    watcher.on('message', (t, p) => t === willTopic && wills.push(String(p)))
    await watcher.subscribeAsync(willTopic, { qos: 1 })
    const id = await connectProfile({
      port,
      keepalive: 5,
      will: { topic: willTopic, payload: 'offline', qos: 1, retain: false },
    })
    await api('disconnect', { profileId: id })
    await new Promise((r) => setTimeout(r, 300))
    expect(wills).toEqual([]) // a clean DISCONNECT discards the will
    await api('connect', { profileId: id })
    await proxy.stop() // the socket is cut under the broker's feet, as a pulled plug would
    await vi.waitFor(() => expect(wills).toEqual(['offline']), { timeout: 15_000 })
    await api('disconnect', { profileId: id })
  })

  it('keeps odd topics faithful in the tree: leading slash, empty levels, spaces, Unicode, deep', async () => {
    const id = await connectProfile({ subscriptions: [{ filter: '#', qos: 1 }] })
    await waitActive(id)
    const deep = [`${prefix}-deep`, ...Array.from({ length: 200 }, (_, i) => `l${i}`)].join('/')
    const odd = [
      `/${prefix}/lead`,
      `${prefix}//empty`,
      `${prefix}/with space/x`,
      `${prefix}/ünïcødé/温度`,
      deep,
    ]
    const pub = await other()
    for (const t of odd) await pub.publishAsync(t, Buffer.from('1'), { qos: 1 })
    await vi.waitFor(async () => expect(await messagesOf(id, deep)).toHaveLength(1))
    const snap = await api<TreeSnapshot>('setTreeView', {
      profileId: id,
      viewId: 'v-odd',
      expanded: ['', prefix],
      selected: null,
    })
    const top = snap.children.find((c) => c.parent === null)!.nodes.map((n) => n.path)
    expect(top).toEqual(expect.arrayContaining(['', prefix, `${prefix}-deep`]))
    const under = snap.children.find((c) => c.parent === prefix)!.nodes.map((n) => n.path)
    expect(under).toEqual(expect.arrayContaining([`${prefix}/`, `${prefix}/with space`, `${prefix}/ünïcødé`]))
    const emptyRoot = snap.children.find((c) => c.parent === '')!.nodes
    expect(emptyRoot.map((n) => n.path)).toEqual([`/${prefix}`])
    for (const t of odd) expect((await messagesOf(id, t))[0]?.topic).toBe(t)
  })

  it('sends coalesced tree deltas, at most ten a second, to the view’s client only', async () => {
    const id = await connectProfile({ subscriptions: [{ filter: `${prefix}/burst/#`, qos: 0 }] })
    await waitActive(id)
    await api<TreeSnapshot>('setTreeView', {
      profileId: id,
      viewId: 'v-burst',
      expanded: [prefix, `${prefix}/burst`],
      selected: `${prefix}/burst/t7`,
    })
    const before = events.length
    const pub = await other()
    const started = Date.now()
    for (let i = 0; i < 2000; i++) pub.publish(`${prefix}/burst/t${i % 10}`, String(i))
    await vi.waitFor(() => {
      const last = deltas(before, id).at(-1)
      expect(last?.totals.messages).toBeGreaterThanOrEqual(2000)
    })
    const elapsed = Date.now() - started
    const mine = deltas(before, id)
    expect(mine.length).toBeLessThanOrEqual(Math.ceil(elapsed / 100) + 2)
    expect(
      events
        .slice(before)
        .filter((e) => e.event.type === 'tree.delta')
        .every((e) => e.clientId === CLIENT),
    ).toBe(true)
    const t7 = mine
      .flatMap((d) => d.nodes)
      .filter((n) => n.path === `${prefix}/burst/t7`)
      .at(-1)
    expect(t7?.own).toBe(200)
    const detailMessages = mine.reduce(
      (sum, d) => sum + (d.detail ? d.detail.messages.length + d.detail.skipped : 0),
      0,
    )
    expect(detailMessages).toBe(200) // every message of the selected topic is shown or counted
    const series = mine.flatMap((d) => d.detail?.series ?? []).map(([, v]) => v)
    expect(series).toHaveLength(200)
    expect(series.slice(0, 3)).toEqual([7, 17, 27])
  })

  function deltas(from: number, profileId: string): TreeDelta[] {
    return events
      .slice(from)
      .map((e) => e.event)
      .filter((e): e is TreeDelta => e.type === 'tree.delta' && e.profileId === profileId)
  }

  it('reconnects after the broker is killed and restarted, resubscribes, and the UI is told each step', async () => {
    const broker = new MosquittoProcess()
    await broker.start()
    try {
      const id = await connectProfile({ port: broker.port, subscriptions: [{ filter: 'restart/#', qos: 1 }] })
      await waitActive(id)
      await broker.kill()
      await vi.waitFor(async () => {
        const [status] = (await api<ConnectionStatus[]>('listConnections')).filter((s) => s.profileId === id)
        expect(status).toMatchObject({ state: 'reconnecting' })
        expect(status!.attempt).toBeGreaterThanOrEqual(1)
        expect(status!.reason).toBeTruthy()
      })
      expect((await subsOf(id)).map((s) => s.state)).toEqual(['offline'])
      await broker.start()
      await vi.waitFor(
        async () => {
          const [status] = (await api<ConnectionStatus[]>('listConnections')).filter(
            (s) => s.profileId === id,
          )
          expect(status?.state).toBe('connected')
        },
        { timeout: 30_000, interval: 200 },
      )
      await waitActive(id)
      const pub = await mqtt.connectAsync({ host: '127.0.0.1', port: broker.port })
      await pub.publishAsync('restart/after', Buffer.from('back'), { qos: 1 })
      await pub.endAsync()
      await vi.waitFor(async () => expect((await messagesOf(id, 'restart/after'))[0]?.preview).toBe('back'))
      const states = events
        .map((e) => e.event)
        .filter(
          (e): e is Extract<ApiEvent, { type: 'connection.status' }> =>
            e.type === 'connection.status' && e.status.profileId === id,
        )
        .map((e) => e.status.state)
      expect(states).toEqual(expect.arrayContaining(['connected', 'reconnecting', 'connected']))
    } finally {
      await broker.dispose()
    }
  }, 60_000)
})
