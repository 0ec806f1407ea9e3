import { createHash, randomBytes } from 'node:crypto'
import mqtt, { type MqttClient } from 'mqtt'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { ApiEvent } from '../../src/shared/api'
import type { ConnectionStatus } from '../../src/shared/connection-status'
import type { HistoryPage } from '../../src/shared/history'
import { PREVIEW_BYTES, type MessagePayload, type MessageSummary } from '../../src/shared/messages'
import type { Profile } from '../../src/shared/profiles'
import type { PublishResult } from '../../src/shared/publish'
import { TREE_PREVIEW_BYTES, type TreeSnapshot } from '../../src/shared/topic-tree'
import { encodeFrame } from '../../src/shared/wire'
import { testBroker } from '../support/brokers'
import { testCore } from '../support/test-core'

const MiB = 1024 * 1024
const SIZE = 64 * MiB
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex')
/** No event or list row may carry more than this, whatever the size of the message it is about. */
const EVENT_BOUND = 64 * 1024

/**
 * A 64 MB message through the real Mosquitto (which has no message size limit set: MQTT's own is
 * 256 MB): the core stores it whole, reads it back byte for byte from the history, and everything
 * that flows to a window about it (tree, deltas, lists) carries a bounded preview, never the payload.
 */
describe('a 64 MB MQTT message', () => {
  let ctx: ReturnType<typeof testCore>
  let other: MqttClient
  let profileId: string
  const topic = `it-large-${Date.now().toString(36)}/blob`
  const eventSizes: { type: string; size: number }[] = []
  const api = <T>(method: string, input?: unknown) => ctx.core.invoke(method, input, 'window') as Promise<T>

  beforeAll(async () => {
    const broker = testBroker('mosquitto')
    ctx = testCore()
    // Every event measured as the web host would send it.
    ctx.core.onEvent((event: ApiEvent) =>
      eventSizes.push({ type: event.type, size: encodeFrame({ event }).length }),
    )
    other = await mqtt.connectAsync({ host: '127.0.0.1', port: broker.ports.plain })
    const p = await api<Profile>('createProfile', {
      config: {
        protocol: 'mqtt',
        name: 'large',
        host: '127.0.0.1',
        port: broker.ports.plain,
        subscriptions: [{ filter: topic, qos: 1 }],
      },
    })
    profileId = p.id
    expect((await api<ConnectionStatus>('connect', { profileId })).state).toBe('connected')
    await vi.waitFor(async () =>
      expect((await api<{ state: string }[]>('listSubscriptions', { profileId }))[0]?.state).toBe('active'),
    )
    // A window watching the topic: its deltas are where a payload could leak into events.
    await api<TreeSnapshot>('setTreeView', {
      profileId,
      viewId: 'large',
      expanded: [topic.split('/')[0]!],
      selected: topic,
    })
  })
  afterAll(async () => {
    await other?.endAsync(true)
    await ctx?.dispose()
  })

  it('is received whole: stored, the right size, the same hash when read back from the history', async () => {
    const payload = randomBytes(SIZE)
    const hash = sha256(payload)
    await other.publishAsync(topic, payload, { qos: 1 })

    const [summary] = await vi.waitFor(
      async () => {
        const list = await api<MessageSummary[]>('getTopicMessages', { profileId, topic })
        expect(list).toHaveLength(1)
        return list
      },
      { timeout: 60_000, interval: 250 },
    )
    expect(summary!.size).toBe(SIZE)
    expect(summary!.previewTruncated).toBe(true)
    expect(summary!.preview).toBeNull() // random bytes are binary: no text, but the size is right
    expect(encodeFrame(summary).length).toBeLessThan(EVENT_BOUND)

    const read = await api<MessagePayload>('getMessagePayload', { id: summary!.id })
    expect(read.bytes.length).toBe(SIZE)
    expect(sha256(read.bytes)).toBe(hash)

    const page = await api<HistoryPage>('queryHistory', { filter: { profileId, topic } })
    expect(page.hits.map((h) => [h.id, h.size])).toEqual([[summary!.id, SIZE]])
    expect(encodeFrame(page).length).toBeLessThan(EVENT_BOUND)
  }, 180_000)

  it('shows a bounded text preview in the tree, deltas and lists, for a 64 MB text payload', async () => {
    const text = Buffer.alloc(SIZE, 'All work and no play. ')
    const hash = sha256(text)
    const before = eventSizes.length
    await other.publishAsync(topic, text, { qos: 1 })
    const newest = await vi.waitFor(
      async () => {
        const list = await api<MessageSummary[]>('getTopicMessages', { profileId, topic })
        expect(list).toHaveLength(2)
        return list[0]!
      },
      { timeout: 60_000, interval: 250 },
    )
    expect(newest).toMatchObject({ size: SIZE, previewTruncated: true })
    expect(new TextEncoder().encode(newest.preview!).length).toBeLessThanOrEqual(PREVIEW_BYTES)
    expect(newest.preview!.startsWith('All work and no play.')).toBe(true)
    expect(sha256((await api<MessagePayload>('getMessagePayload', { id: newest.id })).bytes)).toBe(hash)

    // A new view: its snapshot lists every expanded node's children.
    const snapshot = await api<TreeSnapshot>('setTreeView', {
      profileId,
      viewId: 'large-2',
      expanded: [topic.split('/')[0]!],
      selected: topic,
    })
    expect(snapshot.detail?.node?.last?.size).toBe(SIZE)
    const node = snapshot.children.flatMap((c) => c.nodes).find((n) => n.path === topic)
    expect(node?.last).toMatchObject({ size: SIZE, previewTruncated: true })
    expect(new TextEncoder().encode(node!.last!.preview!).length).toBeLessThanOrEqual(TREE_PREVIEW_BYTES)
    expect(encodeFrame(snapshot).length).toBeLessThan(EVENT_BOUND)

    // A delta about the new message reached the window, and none of the events was large.
    await vi.waitFor(() => expect(eventSizes.slice(before).some((e) => e.type === 'tree.delta')).toBe(true))
    expect(Math.max(...eventSizes.map((e) => e.size))).toBeLessThan(EVENT_BOUND)
  }, 180_000)

  it('goes out whole too: a 64 MB publish from the core reaches another client byte for byte', async () => {
    const out = `${topic}/out`
    const payload = randomBytes(SIZE)
    const received = new Promise<Buffer>((resolve) =>
      other.on('message', (t, p) => {
        if (t === out) resolve(p)
      }),
    )
    await other.subscribeAsync(out, { qos: 1 })
    const result = await api<PublishResult>('publish', {
      profileId,
      target: { protocol: 'mqtt', topic: out, qos: 1 },
      payload: new Uint8Array(payload),
    })
    expect(result.ok).toBe(true)
    expect(sha256(await received)).toBe(sha256(payload))
    expect(Math.max(...eventSizes.map((e) => e.size))).toBeLessThan(EVENT_BOUND)
  }, 180_000)
})
