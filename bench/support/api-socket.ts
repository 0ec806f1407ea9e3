// The core's API over the web host's socket, from Node: the frames the renderer sends
// ({id, method, input}) and the events it gets, so the bench drives and watches the same host the
// page is open on.
import WebSocket from 'ws'
import { decodeFrame, encodeFrame } from '../../src/shared/wire'

interface Pending {
  resolve: (v: unknown) => void
  reject: (e: Error) => void
}

export class ApiSocket {
  private next = 1
  private readonly pending = new Map<number, Pending>()
  private readonly listeners = new Set<(event: { type?: string } & Record<string, unknown>) => void>()

  private constructor(private readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const frame = decodeFrame(String(data)) as {
        id?: number
        ok?: boolean
        result?: unknown
        error?: { code: string; message: string }
        event?: { type?: string } & Record<string, unknown>
      }
      if (frame.id === undefined) {
        if (frame.event) for (const l of this.listeners) l(frame.event)
        return
      }
      const p = this.pending.get(frame.id)
      if (!p) return
      this.pending.delete(frame.id)
      if (frame.ok) p.resolve(frame.result)
      else p.reject(new Error(`${frame.error?.code}: ${frame.error?.message}`))
    })
    ws.on('close', () => {
      for (const p of this.pending.values()) p.reject(new Error('the API socket closed'))
      this.pending.clear()
    })
  }

  /** The host accepts its own page's origin only: the socket says it is that page. */
  static open(port: number): Promise<ApiSocket> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(`ws://127.0.0.1:${port}/api`, { origin: `http://127.0.0.1:${port}` })
      ws.once('open', () => resolve(new ApiSocket(ws)))
      ws.once('error', reject)
    })
  }

  call<T = unknown>(method: string, input?: unknown): Promise<T> {
    const id = this.next++
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject })
      this.ws.send(encodeFrame({ id, method, input }))
    })
  }

  onEvent(listener: (event: { type?: string } & Record<string, unknown>) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  close(): void {
    this.ws.close()
  }
}
