import mqtt, { type MqttClient } from 'mqtt'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import type { ApiEvent } from '../../src/shared/api'
import type { ConnectionStatus } from '../../src/shared/connection-status'
import type { HistoryPage } from '../../src/shared/history'
import type { MessagePayload, MessageSummary } from '../../src/shared/messages'
import type { Profile } from '../../src/shared/profiles'
import type { TreeSnapshot } from '../../src/shared/topic-tree'
import { BrokenMqttBroker, rawPublish, varint } from '../support/broken-mqtt-broker'
import { testBroker } from '../support/brokers'
import { testCore } from '../support/test-core'

/**
 * What a broken broker or device can put on the wire, which a real broker would never relay: the
 * core reports a protocol error on that connection, stores nothing of the bad packet, keeps serving
 * every other call and connection, and reconnects. Then the same through the real Mosquitto for
 * what a broker does relay: payloads that are not UTF-8, empty payloads, and odd but valid topics.
 */

const enc = (s: string) => Buffer.from(s, 'utf8')
const run = Date.now().toString(36)

const PARSE = /^Protocol error from the broker: .+\. The connection was closed$/
const TOPIC = (why: RegExp) =>
  new RegExp(
    `^The broker sent a PUBLISH with an invalid topic \\(${why.source}\\)\\. The connection was closed$`,
  )

const SCENARIOS: [string, { bytes: Buffer[]; close?: boolean }, RegExp][] = [
  [
    'a PUBLISH whose topic is not UTF-8',
    { bytes: [rawPublish(Buffer.from([0x61, 0x2f, 0xff, 0xfe]), enc('x'))] },
    TOPIC(/Topic is not valid UTF-8/),
  ],
  [
    'a topic cut off in the middle of a character',
    { bytes: [rawPublish(Buffer.from([0x61, 0x2f, 0xe2, 0x82]), enc('x'))] },
    TOPIC(/Topic is not valid UTF-8/),
  ],
  ['a remaining length shorter than the topic', { bytes: [rawPublish(enc('a/b'), enc('hello'), 3)] }, PARSE],
  ['a packet of the reserved type 0', { bytes: [Buffer.from([0x00, 0x00])] }, PARSE],
  ['a packet of type 15 (AUTH, not in 3.1.1)', { bytes: [Buffer.from([0xf0, 0x00])] }, PARSE],
  ['a PUBLISH to a topic with #', { bytes: [rawPublish(enc('a/#'), enc('x'))] }, TOPIC(/.*wildcards.*/)],
  ['a PUBLISH to a topic with +', { bytes: [rawPublish(enc('a/+/b'), enc('x'))] }, TOPIC(/.*wildcards.*/)],
  [
    'a PUBLISH to a topic with NUL',
    { bytes: [rawPublish(enc('a\u0000b'), enc('x'))] },
    TOPIC(/.*null character/),
  ],
  [
    'a PUBLISH with an empty topic',
    { bytes: [rawPublish(Buffer.alloc(0), enc('x'))] },
    TOPIC(/Topic must not be empty/),
  ],
  [
    'a declared length of 256 MB, then the socket closes',
    {
      bytes: [Buffer.concat([Buffer.from([0x30]), varint(268_435_455), enc('\u0000\u0003abc')])],
      close: true,
    },
    /^The broker closed the connection$/,
  ],
]

describe('a broker that breaks the protocol', () => {
  let ctx: ReturnType<typeof testCore>
  let healthyId: string
  let outside: MqttClient
  const statuses: ConnectionStatus[] = []
  let broken: BrokenMqttBroker | null = null
  const api = <T>(method: string, input?: unknown) => ctx.core.invoke(method, input, 'test') as Promise<T>

  beforeAll(async () => {
    const mosquitto = testBroker('mosquitto')
    ctx = testCore()
    ctx.core.onEvent((event: ApiEvent) => {
      if (event.type === 'connection.status') statuses.push(event.status)
    })
    // A second, healthy connection: it must not notice anything.
    const healthy = await api<Profile>('createProfile', {
      config: {
        protocol: 'mqtt',
        name: 'healthy',
        host: '127.0.0.1',
        port: mosquitto.ports.plain,
        subscriptions: [{ filter: `it-broken-${run}/#`, qos: 1 }],
      },
    })
    healthyId = healthy.id
    expect((await api<ConnectionStatus>('connect', { profileId: healthyId })).state).toBe('connected')
    outside = await mqtt.connectAsync({ host: '127.0.0.1', port: mosquitto.ports.plain })
  })
  afterEach(async () => {
    await broken?.stop()
    broken = null
  })
  afterAll(async () => {
    await outside?.endAsync(true)
    await ctx?.dispose()
  })

  it.each(SCENARIOS)(
    '%s: reported on that connection, nothing stored, the rest serves, it reconnects',
    async (name, script, reason) => {
      broken = new BrokenMqttBroker((n) => (n === 1 ? script : null))
      const port = await broken.start()
      const p = await api<Profile>('createProfile', {
        config: {
          protocol: 'mqtt',
          name: `broken: ${name}`,
          host: '127.0.0.1',
          port,
          subscriptions: [{ filter: '#' }],
        },
      })
      const mine = () => statuses.filter((s) => s.profileId === p.id)
      expect((await api<ConnectionStatus>('connect', { profileId: p.id })).state).toBe('connected')

      // The error is reported on this connection, in words, and the session goes on to reconnect.
      const lost = await vi.waitFor(
        () => {
          const s = mine().find((x) => x.state === 'reconnecting')
          expect(s).toBeDefined()
          return s!
        },
        { timeout: 15_000, interval: 50 },
      )
      expect(lost.reason).toMatch(reason)
      await vi.waitFor(
        () =>
          expect(
            mine()
              .slice(mine().indexOf(lost))
              .some((x) => x.state === 'connected'),
          ).toBe(true),
        { timeout: 15_000, interval: 50 },
      )
      expect(broken.connections).toBeGreaterThanOrEqual(2)

      // The new connection reads again, and nothing of the broken packet was stored.
      const after = await vi.waitFor(
        async () => {
          const list = await api<MessageSummary[]>('getTopicMessages', {
            profileId: p.id,
            topic: 'healthy/after',
          })
          expect(list.length).toBeGreaterThan(0)
          return list
        },
        { timeout: 10_000, interval: 50 },
      )
      expect(after[0]?.preview).toMatch(/^connection [2-9]/)
      const page = await api<HistoryPage>('queryHistory', { filter: { profileId: p.id } })
      expect(page.hits.map((h) => h.topic).filter((t) => t !== 'healthy/after')).toEqual([])
      const tree = await api<TreeSnapshot>('setTreeView', {
        profileId: p.id,
        viewId: `broken-${broken.port}`,
        expanded: [''],
        selected: null,
      })
      const paths = tree.children.flatMap((c) => c.nodes.map((n) => n.path))
      expect(paths.filter((t) => /[#+\ufffd]/.test(t) || t.includes('\u0000') || t === '')).toEqual([])

      // Meanwhile everything else went on: other calls, and the healthy connection's traffic.
      expect((await api<Profile[]>('listProfiles')).length).toBeGreaterThanOrEqual(2)
      const topic = `it-broken-${run}/${broken.port}`
      await outside.publishAsync(topic, enc('still here'), { qos: 1 })
      await vi.waitFor(async () =>
        expect(await api<MessageSummary[]>('getTopicMessages', { profileId: healthyId, topic })).toHaveLength(
          1,
        ),
      )
      expect(
        (await api<ConnectionStatus[]>('listConnections')).find((c) => c.profileId === healthyId)?.state,
      ).toBe('connected')
      await api('deleteProfile', { id: p.id })
    },
  )
})

describe('what a real broker relays, through Mosquitto', () => {
  let ctx: ReturnType<typeof testCore>
  let outside: MqttClient
  let profileId: string
  const prefix = `it-relay-${run}`
  const api = <T>(method: string, input?: unknown) => ctx.core.invoke(method, input, 'test') as Promise<T>

  beforeAll(async () => {
    const mosquitto = testBroker('mosquitto')
    ctx = testCore()
    const p = await api<Profile>('createProfile', {
      config: {
        protocol: 'mqtt',
        name: 'relay',
        host: '127.0.0.1',
        port: mosquitto.ports.plain,
        subscriptions: [{ filter: `${prefix}/#`, qos: 1 }],
      },
    })
    profileId = p.id
    expect((await api<ConnectionStatus>('connect', { profileId })).state).toBe('connected')
    await vi.waitFor(async () =>
      expect((await api<{ state: string }[]>('listSubscriptions', { profileId }))[0]?.state).toBe('active'),
    )
    outside = await mqtt.connectAsync({ host: '127.0.0.1', port: mosquitto.ports.plain })
  })
  afterAll(async () => {
    await outside?.endAsync(true)
    await ctx?.dispose()
  })

  const received = (topic: string) =>
    vi.waitFor(async () => {
      const list = await api<MessageSummary[]>('getTopicMessages', { profileId, topic })
      expect(list).toHaveLength(1)
      return list[0]!
    })
  const bytesOf = async (id: number) => (await api<MessagePayload>('getMessagePayload', { id })).bytes

  it('payloads that are not UTF-8 reach the history byte for byte, shown as binary', async () => {
    const payloads = [
      Buffer.from([0xff, 0xfe, 0xfd]),
      Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0xc0, 0xaf, 0x7d]), // JSON-looking, with an overlong '/'
      Buffer.from([0xed, 0xa0, 0x80]), // a UTF-16 surrogate, encoded
      Buffer.concat([enc('température'), Buffer.from([0xe2, 0x82])]), // cut in a character
    ]
    for (const [i, payload] of payloads.entries()) {
      const topic = `${prefix}/binary/${i}`
      await outside.publishAsync(topic, payload, { qos: 1 })
      const m = await received(topic)
      expect(m).toMatchObject({ size: payload.length, preview: null })
      expect(Buffer.from(await bytesOf(m.id))).toEqual(payload)
    }
  })

  it('a zero-length payload is a message of size 0, not a missing one', async () => {
    const topic = `${prefix}/empty`
    await outside.publishAsync(topic, Buffer.alloc(0), { qos: 1 })
    const m = await received(topic)
    expect(m).toMatchObject({ size: 0, preview: '', previewTruncated: false })
    expect(await bytesOf(m.id)).toHaveLength(0)
  })

  it('topics with spaces, unicode, empty levels and a leading or trailing / arrive as they were', async () => {
    const topics = [
      `${prefix}/with space/and  two`,
      `${prefix}/ünïcødé/温度/😀`,
      `${prefix}//empty//levels`,
      `${prefix}/trailing/`,
      `${prefix}/\u200b/zero-width`,
      `${prefix}/$not-sys`,
    ]
    for (const topic of topics) await outside.publishAsync(topic, enc(topic), { qos: 1 })
    for (const topic of topics) {
      const m = await received(topic)
      expect(m.topic).toBe(topic)
      expect(m.preview).toBe(topic)
    }
    const snapshot = await api<TreeSnapshot>('setTreeView', {
      profileId,
      viewId: 'relay',
      expanded: [prefix, `${prefix}/`],
      selected: `${prefix}//empty//levels`,
    })
    const children = snapshot.children.find((c) => c.parent === prefix)?.nodes.map((n) => n.path) ?? []
    expect(children).toEqual(
      expect.arrayContaining([
        `${prefix}/with space`,
        `${prefix}/ünïcødé`,
        `${prefix}/`,
        `${prefix}/trailing`,
      ]),
    )
    expect(snapshot.detail?.messages.map((m) => m.topic)).toEqual([`${prefix}//empty//levels`])
  })
})
