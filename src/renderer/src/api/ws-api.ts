import { ApiEvent, apiMethodNames, type Api, type ApiMethod } from '../../../shared/api'
import { ApiError } from '../../../shared/api-error'
import { decodeFrame, encodeFrame, WireServerFrame, type WireRequest } from '../../../shared/wire'
import { parseResult } from './api-error-from'
import type { ApiTransport, TransportState } from './transport-state'

/** The part of the browser's WebSocket this transport uses (a test passes a fake). */
export interface WebSocketLike {
  readonly readyState: number
  send(data: string): void
  close(code?: number, reason?: string): void
  onopen: ((ev: unknown) => void) | null
  onclose: ((ev: { code: number; reason: string }) => void) | null
  onmessage: ((ev: { data: unknown }) => void) | null
  onerror: ((ev: unknown) => void) | null
}
export type WebSocketFactory = (url: string) => WebSocketLike

export interface WsApiOptions {
  /** Defaults to the browser's WebSocket. */
  createSocket?: WebSocketFactory
  /** Reconnect delays: initialMs, doubled per attempt up to maxMs, with ±20 % jitter. */
  backoff?: { initialMs: number; maxMs: number }
  random?: () => number
  now?: () => number
}

const OPEN = 1

interface Pending {
  method: ApiMethod
  resolve: (value: unknown) => void
  reject: (err: ApiError) => void
}

export interface WsApi {
  api: Api
  transport: ApiTransport & { retryNow(): void }
}

/**
 * The Api over the web host's WebSocket (frames of `shared/wire.ts`). Requests are correlated by id,
 * so answers may arrive in any order. When the socket drops, calls in flight fail with an
 * `unavailable` ApiError (they may or may not have been carried out), the socket is reopened with
 * exponential backoff, and listeners of the transport state learn of it so the UI can re-fetch.
 */
export function createWsApi(url: string, options: WsApiOptions = {}): WsApi {
  const createSocket: WebSocketFactory =
    options.createSocket ?? ((u) => new WebSocket(u) as unknown as WebSocketLike)
  const backoff = options.backoff ?? { initialMs: 500, maxMs: 10_000 }
  const random = options.random ?? Math.random
  const now = options.now ?? Date.now

  let socket: WebSocketLike | null = null
  let state: TransportState = { kind: 'connecting' }
  let everDropped = false
  let attempt = 0
  let retryTimer: ReturnType<typeof setTimeout> | null = null
  let closed = false
  let nextId = 1
  const pending = new Map<number, Pending>()
  /** Requests made before the very first open; sent once it opens. */
  const queued: { frame: WireRequest; entry: Pending }[] = []
  const eventListeners = new Set<(event: ApiEvent) => void>()
  const stateListeners = new Set<(state: TransportState) => void>()

  function setState(next: TransportState) {
    state = next
    for (const l of [...stateListeners]) l(next)
  }

  function open() {
    if (closed) return
    let ws: WebSocketLike
    try {
      ws = createSocket(url)
    } catch (err) {
      handleDrop(err instanceof Error ? err.message : String(err))
      return
    }
    socket = ws
    ws.onopen = () => {
      if (socket !== ws) return
      attempt = 0
      setState({ kind: 'open', reopened: everDropped })
      for (const { frame, entry } of queued.splice(0)) send(frame, entry)
    }
    ws.onmessage = (ev) => {
      if (socket === ws) receive(ev.data)
    }
    ws.onerror = () => {
      // a close event always follows; it carries what there is to say
    }
    ws.onclose = (ev) => {
      if (socket !== ws) return
      socket = null
      handleDrop(ev.reason ? `${ev.reason} (code ${ev.code})` : `the socket closed (code ${ev.code})`)
    }
  }

  function handleDrop(reason: string) {
    everDropped = true
    const lost = [...pending.values()]
    pending.clear()
    for (const p of lost) {
      p.reject(
        new ApiError(
          'unavailable',
          `Lost connection to the Brokerlens host before it answered ${p.method}; it may or may not have been carried out`,
        ),
      )
    }
    for (const { entry } of queued.splice(0)) {
      entry.reject(new ApiError('unavailable', `Could not reach the Brokerlens host (${reason})`))
    }
    if (closed) return
    attempt += 1
    const base = Math.min(backoff.maxMs, backoff.initialMs * 2 ** (attempt - 1))
    const delay = Math.round(base * (0.8 + 0.4 * random()))
    setState({ kind: 'reconnecting', attempt, retryAt: now() + delay, reason })
    retryTimer = setTimeout(() => {
      retryTimer = null
      open()
    }, delay)
  }

  function send(frame: WireRequest, entry: Pending) {
    const ws = socket
    if (!ws || ws.readyState !== OPEN) {
      entry.reject(new ApiError('unavailable', 'Not connected to the Brokerlens host; reconnecting…'))
      return
    }
    pending.set(frame.id, entry)
    try {
      ws.send(encodeFrame(frame))
    } catch (err) {
      pending.delete(frame.id)
      entry.reject(new ApiError('unavailable', `Could not send to the Brokerlens host: ${String(err)}`))
    }
  }

  function receive(data: unknown) {
    let json: unknown
    try {
      json = decodeFrame(typeof data === 'string' ? data : String(data))
    } catch {
      console.warn('[api] dropped a frame that is not JSON')
      return
    }
    const frame = WireServerFrame.safeParse(json)
    if (!frame.success) {
      console.warn('[api] dropped an invalid frame', frame.error.issues)
      return
    }
    const f = frame.data
    if ('event' in f) {
      const event = ApiEvent.safeParse(f.event)
      if (!event.success) {
        console.warn('[api] dropped an invalid event', event.error.issues)
        return
      }
      for (const l of [...eventListeners]) l(event.data)
      return
    }
    const entry = pending.get(f.id)
    if (!entry) return
    pending.delete(f.id)
    if (f.ok) {
      try {
        entry.resolve(parseResult(entry.method, f.result))
      } catch (err) {
        entry.reject(err as ApiError)
      }
    } else {
      entry.reject(ApiError.fromPayload(f.error))
    }
  }

  function call(method: ApiMethod, input: unknown): Promise<unknown> {
    return new Promise((resolve, reject) => {
      if (closed) {
        reject(new ApiError('unavailable', 'The API client is closed'))
        return
      }
      const frame: WireRequest =
        input === undefined ? { id: nextId++, method } : { id: nextId++, method, input }
      const entry: Pending = { method, resolve, reject }
      if (state.kind === 'connecting') queued.push({ frame, entry })
      else send(frame, entry)
    })
  }

  const api: Record<string, unknown> = {}
  for (const method of apiMethodNames) api[method] = (input?: unknown) => call(method, input)
  api.onEvent = (listener: (event: ApiEvent) => void) => {
    eventListeners.add(listener)
    return () => eventListeners.delete(listener)
  }

  const transport: WsApi['transport'] = {
    name: 'websocket',
    getState: () => state,
    onStateChange(listener) {
      stateListeners.add(listener)
      return () => stateListeners.delete(listener)
    },
    retryNow() {
      if (closed || state.kind !== 'reconnecting' || !retryTimer) return
      clearTimeout(retryTimer)
      retryTimer = null
      open()
    },
    close() {
      closed = true
      if (retryTimer) clearTimeout(retryTimer)
      retryTimer = null
      const ws = socket
      socket = null
      ws?.close(1000, 'client closed')
      for (const p of pending.values()) p.reject(new ApiError('unavailable', 'The API client is closed'))
      pending.clear()
      for (const { entry } of queued.splice(0))
        entry.reject(new ApiError('unavailable', 'The API client is closed'))
    },
  }

  open()
  return { api: api as unknown as Api, transport }
}
