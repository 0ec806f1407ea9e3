import type { WebSocket } from 'ws'
import { ApiError } from '../../shared/api-error'
import { decodeFrame, encodeFrame, WireRequest, type WireServerFrame } from '../../shared/wire'
import type { Core } from '../core'

/** Frames larger than this are refused by the socket itself (profile imports are the biggest input). */
export const MAX_FRAME_BYTES = 80 * 1024 * 1024

/**
 * Binds one WebSocket to the core: requests in, answers and events out. A malformed frame gets an
 * error answer (when it has an id) and never closes the socket or reaches the core.
 */
let nextSocket = 1

export function bindSocket(socket: WebSocket, core: Core, log: (m: string) => void): void {
  const clientId = `socket-${nextSocket++}`
  const send = (frame: WireServerFrame) => {
    if (socket.readyState === socket.OPEN) socket.send(encodeFrame(frame))
  }
  const unsubscribe = core.onEvent((event, target) => {
    if (target === null || target === clientId) send({ event })
  })
  socket.on('close', () => {
    unsubscribe()
    core.releaseClient(clientId)
  })
  socket.on('error', (err) => log(`[web] socket error: ${err.message}`))

  socket.on('message', (data, isBinary) => {
    if (isBinary)
      return send({
        id: 0,
        ok: false,
        error: { code: 'invalid_input', message: 'Binary frames are not part of the API' },
      })
    let raw: unknown
    try {
      raw = decodeFrame(data.toString())
    } catch (err) {
      // JSON.parse throws a SyntaxError; anything else is a value the wire format refuses (a
      // `$bytes` that is not base64), which the sender should hear about in those words.
      const message =
        err instanceof SyntaxError ? 'Frame is not JSON' : `Frame is not valid: ${(err as Error).message}`
      return send({ id: 0, ok: false, error: { code: 'invalid_input', message } })
    }
    const frame = WireRequest.safeParse(raw)
    if (!frame.success) {
      const id = typeof (raw as { id?: unknown })?.id === 'number' ? (raw as { id: number }).id : 0
      return send({ id, ok: false, error: ApiError.fromZod(frame.error, 'request frame').toPayload() })
    }
    const { id, method, input } = frame.data
    core.invoke(method, input, clientId).then(
      (result) => send({ id, ok: true, result: result ?? null }),
      (err: unknown) =>
        send({
          id,
          ok: false,
          error: err instanceof ApiError ? err.toPayload() : { code: 'internal', message: String(err) },
        }),
    )
  })
}
