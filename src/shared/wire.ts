import { z } from 'zod'
import { ApiErrorPayload } from './api-error'

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
