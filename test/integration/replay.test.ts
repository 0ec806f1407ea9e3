import mqtt, { type MqttClient } from 'mqtt'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { ApiEvent } from '../../src/shared/api'
import type { Profile } from '../../src/shared/profiles'
import type { ReplayStatus } from '../../src/shared/replay'
import type { SavedPayload } from '../../src/shared/saved-payloads'
import { testBrokers, type TestBrokers } from '../support/brokers'
import { SubscriberProcess } from '../support/subscriber-process'
import { TcpProxy } from '../support/tcp-proxy'
import { testCore } from '../support/test-core'

/** Saved payloads and replay into the real Mosquitto, checked by an independent subscriber. */
describe('saved payloads and replay', () => {
  let b: TestBrokers
  let ctx: ReturnType<typeof testCore>
  let watcher: MqttClient
  const arrivals: { topic: string; payload: string; at: number }[] = []
  const statuses: ReplayStatus[] = []
  const prefix = `replay-${Date.now().toString(36)}`
  const api = <T>(method: string, input?: unknown) => ctx.core.invoke(method, input) as Promise<T>

  beforeAll(async () => {
    b = testBrokers()
    ctx = testCore()
    ctx.core.onEvent((e: ApiEvent) => {
      if (e.type === 'replay.status') statuses.push(e.status)
    })
    watcher = await mqtt.connectAsync({ host: '127.0.0.1', port: b.mosquitto.ports.plain })
    watcher.on('message', (topic, payload) =>
      arrivals.push({ topic, payload: String(payload), at: performance.now() }),
    )
    await watcher.subscribeAsync(`${prefix}/#`, { qos: 1 })
  })
  afterAll(async () => {
    await watcher.endAsync()
    await ctx.dispose()
  })

  const mqttProfile = async (port = b.mosquitto.ports.plain) => {
    const p = await api<Profile>('createProfile', {
      config: { protocol: 'mqtt', name: `target ${port}`, host: '127.0.0.1', port, subscriptions: [] },
    })
    expect((await api<{ state: string }>('connect', { profileId: p.id })).state).toBe('connected')
    return p.id
  }
  const finished = (id: string) =>
    vi.waitFor(() => expect(statuses.filter((s) => s.id === id).at(-1)?.state).toBe('done'), {
      timeout: 20_000,
    })

  it('replays a recorded sequence in order with the original gaps at 1×', async () => {
    const timing = new SubscriberProcess()
    await timing.start(`mqtt://127.0.0.1:${b.mosquitto.ports.plain}`, `${prefix}/seq/#`)
    const source = (
      await api<Profile>('createProfile', { config: { protocol: 'mqtt', name: 'recorded', host: 'h' } })
    ).id
    const gaps = [0, 200, 500, 300, 100, 400, 250]
    let t = 1_700_000_000_000
    const lines = gaps.map((g, i) => {
      t += g
      return JSON.stringify({ topic: `${prefix}/seq/${i}`, receivedAt: t, qos: 1, payload: `m${i}` })
    })
    expect(
      (await api<{ imported: number }>('importHistory', { profileId: source, text: lines.join('\n') }))
        .imported,
    ).toBe(7)
    const target = await mqttProfile()
    const from = arrivals.length
    const started = await api<ReplayStatus>('startReplay', {
      source: { kind: 'history', filter: { profileId: source, topic: `${prefix}/seq/#` } },
      targetProfileId: target,
    })
    expect(started).toMatchObject({ state: 'running', total: 7 })
    await finished(started.id)
    await vi.waitFor(() => expect(timing.arrivals).toHaveLength(gaps.length))
    await timing.stop()
    expect(arrivals.slice(from).map((a) => a.payload)).toEqual(gaps.map((_, i) => `m${i}`))
    const got = timing.arrivals
    expect(got.map((a) => a.payload)).toEqual(gaps.map((_, i) => `m${i}`))
    for (let i = 1; i < gaps.length; i++) {
      const measured = got[i]!.at - got[i - 1]!.at
      expect(
        Math.abs(measured - gaps[i]!),
        `gap ${i}: ${measured.toFixed(1)} ms for ${gaps[i]} ms`,
      ).toBeLessThanOrEqual(gaps[i]! * 0.1)
    }
  })

  it('plays at a speed factor, rewrites topics, and saves messages as named payloads', async () => {
    const target = await mqttProfile()
    const saved = [] as SavedPayload[]
    for (const [i, body] of ['{"cmd":"on"}', '{"cmd":"off"}'].entries()) {
      saved.push(
        await api<SavedPayload>('createSavedPayload', {
          payload: {
            folder: 'lights / kitchen',
            name: `cmd ${i}`,
            topic: `prod/light/${i}`,
            qos: 1,
            payload: new TextEncoder().encode(body),
          },
        }),
      )
    }
    expect(saved[0]!.folder).toBe('lights/kitchen')
    const list = await api<{ name: string; preview: string }[]>('listSavedPayloads')
    expect(list.map((p) => [p.name, p.preview])).toEqual([
      ['cmd 0', '{"cmd":"on"}'],
      ['cmd 1', '{"cmd":"off"}'],
    ])
    const from = arrivals.length
    const job = await api<ReplayStatus>('startReplay', {
      source: { kind: 'saved', ids: saved.map((s) => s.id) },
      targetProfileId: target,
      rewrite: { from: 'prod/', to: `${prefix}/test/` },
      pace: 'asap',
    })
    await finished(job.id)
    expect(arrivals.slice(from).map((a) => [a.topic, a.payload])).toEqual([
      [`${prefix}/test/light/0`, '{"cmd":"on"}'],
      [`${prefix}/test/light/1`, '{"cmd":"off"}'],
    ])
    const exported = await api<{ json: string }>('exportSavedPayloads', {})
    const other = testCore()
    try {
      const result = (await other.core.invoke('importSavedPayloads', { json: exported.json })) as {
        imported: number
      }
      expect(result.imported).toBe(2)
      const copy = (await other.core.invoke('listSavedPayloads', undefined)) as {
        folder: string
        topic: string
      }[]
      expect(copy.map((c) => [c.folder, c.topic])).toEqual([
        ['lights/kitchen', 'prod/light/0'],
        ['lights/kitchen', 'prod/light/1'],
      ])
    } finally {
      await other.dispose()
    }
  })

  it('pauses, resumes, and waits through a lost target without losing its place', async () => {
    const proxy = new TcpProxy(b.mosquitto.ports.plain)
    const port = await proxy.start()
    const target = await mqttProfile(port)
    const source = (
      await api<Profile>('createProfile', { config: { protocol: 'mqtt', name: 'src', host: 'h' } })
    ).id
    const lines = Array.from({ length: 20 }, (_, i) =>
      JSON.stringify({
        topic: `${prefix}/loss/${i}`,
        receivedAt: 1_700_000_000_000 + i * 100,
        qos: 1,
        payload: `n${i}`,
      }),
    )
    await api('importHistory', { profileId: source, text: lines.join('\n') })
    const from = arrivals.length
    const job = await api<ReplayStatus>('startReplay', {
      source: { kind: 'history', filter: { profileId: source } },
      targetProfileId: target,
    })
    await vi.waitFor(() => expect(arrivals.length - from).toBeGreaterThanOrEqual(3))
    expect((await api<ReplayStatus>('pauseReplay', { id: job.id })).state).toBe('paused')
    const atPause = arrivals.length
    await new Promise((r) => setTimeout(r, 500))
    expect(arrivals.length).toBeLessThanOrEqual(atPause + 1) // at most one already in flight
    await proxy.stop()
    await api('resumeReplay', { id: job.id })
    await vi.waitFor(() => expect(statuses.filter((s) => s.id === job.id).at(-1)?.state).toBe('waiting'), {
      timeout: 10_000,
    })
    await proxy.start(port)
    await finished(job.id)
    const got = arrivals.slice(from).map((a) => a.payload)
    expect([...new Set(got)]).toEqual(Array.from({ length: 20 }, (_, i) => `n${i}`))
    const log = statuses
      .filter((s) => s.id === job.id)
      .at(-1)!
      .log.map((l) => l.text)
    expect(log.join('\n')).toMatch(/Waiting for the target/)
    expect(log.join('\n')).toMatch(/Target is back/)
    await proxy.stop()
  }, 60_000)
})
