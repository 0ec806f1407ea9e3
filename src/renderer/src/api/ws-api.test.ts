import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ApiError } from '../../../shared/api-error'
import type { ConnectionStatus } from '../../../shared/connection-status'
import type { TransportState } from './transport-state'
import { createWsApi, type WebSocketLike } from './ws-api'

class FakeSocket implements WebSocketLike {
  readyState = 0
  sent: { id: number; method: string; input?: unknown }[] = []
  closedWith: number | null = null
  onopen: ((ev: unknown) => void) | null = null
  onclose: ((ev: { code: number; reason: string }) => void) | null = null
  onmessage: ((ev: { data: unknown }) => void) | null = null
  onerror: ((ev: unknown) => void) | null = null
  constructor(readonly url: string) {}
  send(data: string) {
    this.sent.push(JSON.parse(data))
  }
  close(code = 1000) {
    this.closedWith = code
    this.readyState = 3
  }
  // test side
  serverOpen() {
    this.readyState = 1
    this.onopen?.({})
  }
  serverSend(frame: unknown) {
    this.onmessage?.({ data: JSON.stringify(frame) })
  }
  serverDrop(code = 1006, reason = '') {
    this.readyState = 3
    this.onclose?.({ code, reason })
  }
}

const appInfo = { name: 'Brokerlens', version: '0.1.0', host: 'web', dataDir: '/tmp/x', platform: 'linux' }
const status: ConnectionStatus = {
  profileId: 'p1',
  protocol: 'mqtt',
  state: 'connected',
  attempt: 0,
  reason: null,
  since: 1,
  serverInfo: null,
}

function setup() {
  const sockets: FakeSocket[] = []
  const client = createWsApi('ws://127.0.0.1:1/api?token=t', {
    createSocket: (url) => {
      const s = new FakeSocket(url)
      sockets.push(s)
      return s
    },
    backoff: { initialMs: 100, maxMs: 1000 },
    random: () => 0.5,
  })
  const states: TransportState[] = []
  client.transport.onStateChange((s) => states.push(s))
  const last = () => {
    const s = sockets.at(-1)
    if (!s) throw new Error('no socket')
    return s
  }
  return { client, sockets, states, last }
}

describe('createWsApi', () => {
  beforeEach(() => {
    vi.useFakeTimers()
    vi.spyOn(console, 'warn').mockImplementation(() => {})
  })
  afterEach(() => {
    vi.useRealTimers()
    vi.restoreAllMocks()
  })

  it('opens the given URL and queues calls made before the socket opens', async () => {
    const { client, last } = setup()
    expect(last().url).toBe('ws://127.0.0.1:1/api?token=t')
    const p = client.api.getAppInfo()
    expect(last().sent).toEqual([])
    last().serverOpen()
    expect(last().sent).toEqual([{ id: 1, method: 'getAppInfo' }])
    last().serverSend({ id: 1, ok: true, result: appInfo })
    await expect(p).resolves.toEqual(appInfo)
  })

  it('correlates answers that arrive out of order', async () => {
    const { client, last } = setup()
    last().serverOpen()
    const a = client.api.getAppInfo()
    const b = client.api.connect({ profileId: 'p1' })
    const [first, second] = last().sent
    expect(first).toEqual({ id: 1, method: 'getAppInfo' })
    expect(second).toEqual({ id: 2, method: 'connect', input: { profileId: 'p1' } })
    last().serverSend({ id: 2, ok: true, result: status })
    last().serverSend({ id: 1, ok: true, result: appInfo })
    await expect(b).resolves.toEqual(status)
    await expect(a).resolves.toEqual(appInfo)
  })

  it('turns error frames into ApiError with issues', async () => {
    const { client, last } = setup()
    last().serverOpen()
    const p = client.api.getProfile({ id: 'nope' })
    last().serverSend({
      id: 1,
      ok: false,
      error: { code: 'not_found', message: 'No profile nope', issues: [{ path: 'id', message: 'unknown' }] },
    })
    const err = await p.catch((e: unknown) => e)
    expect(err).toBeInstanceOf(ApiError)
    expect(err).toMatchObject({
      code: 'not_found',
      message: 'No profile nope',
      issues: [{ path: 'id', message: 'unknown' }],
    })
  })

  it('rejects a result that does not match the contract', async () => {
    const { client, last } = setup()
    last().serverOpen()
    const p = client.api.getAppInfo()
    last().serverSend({ id: 1, ok: true, result: { name: 'x' } })
    await expect(p).rejects.toMatchObject({
      code: 'internal',
      message: expect.stringContaining('invalid result for getAppInfo'),
    })
  })

  it('delivers valid events and drops invalid ones', () => {
    const { client, last } = setup()
    const seen: unknown[] = []
    const off = client.api.onEvent((e) => seen.push(e))
    last().serverOpen()
    last().serverSend({ event: { type: 'profiles.changed' } })
    last().serverSend({ event: { type: 'connection.status', status: { ...status, state: 'bogus' } } })
    last().serverSend({ event: { type: 'connection.status', status } })
    last().serverSend('not a frame')
    off()
    last().serverSend({ event: { type: 'profiles.changed' } })
    expect(seen).toEqual([{ type: 'profiles.changed' }, { type: 'connection.status', status }])
  })

  it('fails calls in flight when the socket drops, then reconnects with backoff and says so', async () => {
    const { client, sockets, states, last } = setup()
    last().serverOpen()
    const p = client.api.listProfiles()
    last().serverDrop(1006)
    await expect(p).rejects.toMatchObject({
      code: 'unavailable',
      message: expect.stringContaining('Lost connection'),
    })
    expect(states.at(-1)).toMatchObject({ kind: 'reconnecting', attempt: 1 })

    // while reconnecting, calls fail at once rather than hang
    await expect(client.api.listProfiles()).rejects.toMatchObject({ code: 'unavailable' })

    expect(sockets).toHaveLength(1)
    vi.advanceTimersByTime(100)
    expect(sockets).toHaveLength(2)
    last().serverDrop(1006)
    expect(states.at(-1)).toMatchObject({ kind: 'reconnecting', attempt: 2 })
    vi.advanceTimersByTime(199)
    expect(sockets).toHaveLength(2)
    vi.advanceTimersByTime(1)
    expect(sockets).toHaveLength(3)
    last().serverOpen()
    expect(states.at(-1)).toEqual({ kind: 'open', reopened: true })

    const q = client.api.listProfiles()
    last().serverSend({ id: last().sent[0]?.id, ok: true, result: [] })
    await expect(q).resolves.toEqual([])
  })

  it('caps the backoff delay and retries at once on request', () => {
    const { client, sockets, states, last } = setup()
    for (let i = 0; i < 6; i++) {
      last().serverDrop(1006)
      vi.advanceTimersByTime(1000)
    }
    last().serverDrop(1006)
    const s = states.at(-1)
    expect(s?.kind).toBe('reconnecting')
    const n = sockets.length
    client.transport.retryNow()
    expect(sockets).toHaveLength(n + 1)
  })

  it('fails queued calls when the first connection attempt fails', async () => {
    const { client, last } = setup()
    const p = client.api.getAppInfo()
    last().serverDrop(1006, 'refused')
    await expect(p).rejects.toMatchObject({
      code: 'unavailable',
      message: expect.stringContaining('refused'),
    })
  })

  it('closes for good', async () => {
    const { client, sockets, last } = setup()
    last().serverOpen()
    const p = client.api.getAppInfo()
    client.transport.close()
    await expect(p).rejects.toMatchObject({ code: 'unavailable' })
    expect(last().closedWith).toBe(1000)
    vi.advanceTimersByTime(60_000)
    expect(sockets).toHaveLength(1)
  })
})
