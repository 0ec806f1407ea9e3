import { z } from 'zod'
import { ProfileId, Protocol } from './profiles'

/**
 * The life of one broker connection as the user sees it. `reason` always carries the broker's or
 * the socket's own words (e.g. "Connection refused: Not authorized", "connect ECONNREFUSED …"):
 * a failed connection never shows as a spinner.
 */
export const ConnectionState = z.enum(['disconnected', 'connecting', 'connected', 'reconnecting', 'failed'])
export type ConnectionState = z.infer<typeof ConnectionState>

export const ConnectionStatus = z.strictObject({
  profileId: ProfileId,
  protocol: Protocol,
  state: ConnectionState,
  /** Reconnect attempt number while reconnecting (1-based). */
  attempt: z.number().int().min(0),
  /** Why the connection is not (or no longer) connected. */
  reason: z.string().max(4096).nullable(),
  /** When the state was entered, ms since the epoch. */
  since: z.number(),
  /** What the broker told about itself on connect (e.g. Kafka cluster id, RabbitMQ version). */
  serverInfo: z.string().max(1024).nullable(),
})
export type ConnectionStatus = z.infer<typeof ConnectionStatus>
