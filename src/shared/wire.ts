import { z } from 'zod'
import { ApiErrorPayload } from './api-error'
import { base64ToBytes, bytesToBase64 } from './base64'

/**
 * Frames of the web host's WebSocket. Requests carry an id so that answers may come back out of
 * order; events have no id. The payloads inside are validated against the API contract separately.
 */
export const WireRequest = z.strictObject({
  id: z.number().int().nonnegative(),
  method: z.string().max(64),
  input: z.unknown().optional(),
})
export type WireRequest = z.infer<typeof WireRequest>

export const WireResponse = z.union([
  z.strictObject({ id: z.number().int(), ok: z.literal(true), result: z.unknown() }),
  z.strictObject({ id: z.number().int(), ok: z.literal(false), error: ApiErrorPayload }),
])
export type WireResponse = z.infer<typeof WireResponse>

export const WireEvent = z.strictObject({ event: z.unknown() })

export const WireServerFrame = z.union([WireResponse, WireEvent])
export type WireServerFrame = z.infer<typeof WireServerFrame>

/** Path of the API socket on the web host. */
export const WIRE_PATH = '/api'
/** Query parameter (and sessionStorage key) of the web host's access token. */
export const TOKEN_PARAM = 'token'

/**
 * JSON text of a frame. Uint8Array values (payloads) travel as {"$bytes": base64}, so that the
 * contract can say Uint8Array on both transports (IPC's structured clone keeps them as they are).
 */
export function encodeFrame(frame: unknown): string {
  return JSON.stringify(frame, (_key, value: unknown) =>
    value instanceof Uint8Array ? { $bytes: bytesToBase64(value) } : value,
  )
}

export function decodeFrame(text: string): unknown {
  // Most frames carry no bytes, and a reviver makes JSON.parse several times slower.
  if (!text.includes('"$bytes"')) return JSON.parse(text)
  return JSON.parse(text, (_key, value: unknown) => {
    if (
      typeof value === 'object' &&
      value !== null &&
      '$bytes' in value &&
      typeof value.$bytes === 'string'
    ) {
      const keys = Object.keys(value)
      if (keys.length === 1) return base64ToBytes(value.$bytes)
    }
    return value
  })
}
