import mqtt, { type MqttClient } from 'mqtt'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { ApiEvent } from '../../src/shared/api'
import type { ConnectionStatus } from '../../src/shared/connection-status'
import type { Profile } from '../../src/shared/profiles'
import type { PublishJobStatus, PublishLogEntry, PublishResult } from '../../src/shared/publish'
import { testBrokers, type TestBrokers } from '../support/brokers'
import { testCore } from '../support/test-core'

const enc = (s: string) => new TextEncoder().encode(s)

/** The publish service over a real Mosquitto: log, re-send, templates, and jobs of N messages. */
describe('publish log, templates and jobs', () => {
  let b: TestBrokers
  let ctx: ReturnType<typeof testCore>
  let sub: MqttClient
  const events: ApiEvent[] = []
  const got: { topic: string; payload: string; bytes: number[] }[] = []
  const prefix = `pl-${Date.now().toString(36)}`
  let profileId: string

  const api = <T>(method: string, input?: unknown) => ctx.core.invoke(method, input, 'w') as Promise<T>

  beforeAll(async () => {
    b = testBrokers()
    ctx = testCore()
    ctx.core.onEvent((e) => events.push(e))
    sub = await mqtt.connectAsync({ host: '127.0.0.1', port: b.mosquitto.ports.plain })
    sub.on('message', (topic, payload) =>
      got.push({ topic, payload: payload.toString(), bytes: [...payload] }),
    )
    await sub.subscribeAsync(`${prefix}/#`, { qos: 1 })
    const p = await api<Profile>('createProfile', {
      config: { protocol: 'mqtt', name: 'log', host: '127.0.0.1', port: b.mosquitto.ports.plain },
    })
    profileId = p.id
  })
  afterAll(async () => {
    await sub.endAsync(true)
    await ctx.dispose()
  })

  it('refuses to publish while not connected, and logs nothing', async () => {
    await expect(
      api('publish', { profileId, target: { protocol: 'mqtt', topic: `${prefix}/x` }, payload: enc('x') }),
    ).rejects.toMatchObject({ code: 'unavailable', message: 'log is not connected' })
    expect(await api<PublishLogEntry[]>('listPublishLog', { profileId })).toEqual([])
  })

  it('logs each publish with its result, newest first, and tells every window', async () => {
    expect((await api<ConnectionStatus>('connect', { profileId })).state).toBe('connected')
    const r = await api<PublishResult>('publish', {
      profileId,
      target: { protocol: 'mqtt', topic: `${prefix}/a`, qos: 1 },
      payload: enc('first'),
    })
    expect(r).toMatchObject({ ok: true, resolvedText: null })
    await api('publish', {
      profileId,
      target: { protocol: 'mqtt', topic: `${prefix}/b`, qos: 0, retain: false },
      payload: new Uint8Array([0, 255, 1]),
    })
    const log = await api<PublishLogEntry[]>('listPublishLog', { profileId })
    expect(
      log.map((e) => [e.target.protocol === 'mqtt' && e.target.topic, e.size, e.sent, e.failed]),
    ).toEqual([
      [`${prefix}/b`, 3, 1, 0],
      [`${prefix}/a`, 5, 1, 0],
    ])
    expect(log[1]!.preview).toBe('first')
    expect(log[1]!.result?.messageId).toBe(r.messageId)
    expect(events.filter((e) => e.type === 'publish.logged')).toHaveLength(2)
  })

  it('does not log a target the adapter rejects, and names the field', async () => {
    const before = (await api<PublishLogEntry[]>('listPublishLog', { profileId })).length
    await expect(
      api('publish', {
        profileId,
        target: { protocol: 'mqtt', topic: `${prefix}/+/bad` },
        payload: enc('x'),
      }),
    ).rejects.toMatchObject({ code: 'invalid_input', issues: [{ path: 'topic' }] })
    expect(await api<PublishLogEntry[]>('listPublishLog', { profileId })).toHaveLength(before)
  })

  it('re-sends a logged entry byte for byte', async () => {
    const [latest] = await api<PublishLogEntry[]>('listPublishLog', { profileId })
    const ofB = () => got.filter((m) => m.topic === `${prefix}/b`)
    await vi.waitFor(() => expect(ofB()).toHaveLength(1))
    const r = await api<PublishResult>('resendPublish', { id: latest!.id })
    expect(r.ok).toBe(true)
    await vi.waitFor(() => expect(ofB()).toHaveLength(2))
    expect(ofB()[1]!.bytes).toEqual([0, 255, 1])
  })

  it('resolves a template at send time, anew for each message', async () => {
    got.length = 0
    const r = await api<PublishResult>('publish', {
      profileId,
      target: { protocol: 'mqtt', topic: `${prefix}/tpl`, qos: 1 },
      payload: enc('{"n":{{counter}},"id":"{{uuid}}","v":{{random 5 5}}}'),
      template: true,
    })
    expect(r.resolvedText).toMatch(/^\{"n":1,"id":"[0-9a-f-]{36}","v":5\}$/)
    // The log keeps the template as entered, not what it became.
    const [row] = await api<PublishLogEntry[]>('listPublishLog', { profileId })
    const { bytes } = await api<{ bytes: Uint8Array }>('getPublishLogPayload', { id: row!.id })
    expect(new TextDecoder().decode(bytes)).toBe('{"n":{{counter}},"id":"{{uuid}}","v":{{random 5 5}}}')
    await vi.waitFor(() => expect(got).toHaveLength(1))
    expect(got[0]!.payload).toBe(r.resolvedText)
    await expect(
      api('publish', {
        profileId,
        target: { protocol: 'mqtt', topic: `${prefix}/tpl` },
        payload: enc('{{nope}}'),
        template: true,
      }),
    ).rejects.toMatchObject({ code: 'invalid_input', issues: [{ path: 'payload' }] })
  })

  it('sends a payload N times at an interval, counting with {{counter}}, with progress and a log row', async () => {
    got.length = 0
    const start = await api<PublishJobStatus>('startPublishJob', {
      request: {
        profileId,
        target: { protocol: 'mqtt', topic: `${prefix}/job`, qos: 1 },
        payload: enc('{{counter}}'),
        template: true,
      },
      count: 5,
      intervalMs: 40,
    })
    expect(start).toMatchObject({ state: 'running', count: 5, sent: 0 })
    const done = await vi.waitFor(
      async () => {
        const [s] = (await api<PublishJobStatus[]>('listPublishJobs')).filter((j) => j.id === start.id)
        expect(s?.state).toBe('done')
        return s!
      },
      { timeout: 5000 },
    )
    expect(done).toMatchObject({ sent: 5, failed: 0 })
    // The absolute clock: five sends 40 ms apart take at least 160 ms.
    expect(done.updatedAt - done.startedAt).toBeGreaterThanOrEqual(160)
    await vi.waitFor(() => expect(got).toHaveLength(5))
    expect(got.map((m) => m.payload)).toEqual(['1', '2', '3', '4', '5'])
    const row = (await api<PublishLogEntry[]>('listPublishLog', { profileId })).find(
      (e) => e.id === done.logId,
    )
    expect(row).toMatchObject({ count: 5, sent: 5, failed: 0, template: true })
    const progress = events.filter((e) => e.type === 'publish.job' && e.status.id === start.id)
    expect(progress.at(-1)).toMatchObject({ status: { state: 'done', sent: 5 } })
  })

  it('stops a job on request, and says how far it got', async () => {
    const start = await api<PublishJobStatus>('startPublishJob', {
      request: { profileId, target: { protocol: 'mqtt', topic: `${prefix}/slow` }, payload: enc('s') },
      count: 1000,
      intervalMs: 50,
    })
    await new Promise((r) => setTimeout(r, 120))
    await api('stopPublishJob', { id: start.id })
    const s = await vi.waitFor(async () => {
      const [j] = (await api<PublishJobStatus[]>('listPublishJobs')).filter((x) => x.id === start.id)
      expect(j?.state).toBe('stopped')
      return j!
    })
    expect(s.sent).toBeGreaterThan(0)
    expect(s.sent).toBeLessThan(1000)
  })

  it('fails a job when the connection goes, with the reason', async () => {
    const start = await api<PublishJobStatus>('startPublishJob', {
      request: { profileId, target: { protocol: 'mqtt', topic: `${prefix}/gone` }, payload: enc('g') },
      count: 1000,
      intervalMs: 30,
    })
    await new Promise((r) => setTimeout(r, 100))
    await api('disconnect', { profileId })
    const s = await vi.waitFor(async () => {
      const [j] = (await api<PublishJobStatus[]>('listPublishJobs')).filter((x) => x.id === start.id)
      expect(j?.state).toBe('failed')
      return j!
    })
    expect(s.lastError).toMatch(/not connected/i)
  })

  it('clears the log, and deleting the profile deletes its log', async () => {
    const { removed } = await api<{ removed: number }>('clearPublishLog', { profileId })
    expect(removed).toBeGreaterThan(3)
    expect(await api<PublishLogEntry[]>('listPublishLog', { profileId })).toEqual([])
    await api('connect', { profileId })
    await api('publish', { profileId, target: { protocol: 'mqtt', topic: `${prefix}/z` }, payload: enc('z') })
    await api('deleteProfile', { id: profileId })
    await expect(api('listPublishLog', { profileId })).resolves.toEqual([])
  })
})
