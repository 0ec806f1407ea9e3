/**
 * One live network connection to a broker, as each protocol adapter makes it. A `ManagedSession`
 * owns the links of a profile: it makes a new one after a loss, with backoff, and says so.
 */
export interface BrokerLink {
  /** What the broker said about itself (version, cluster id), for the status line. */
  readonly serverInfo: string | null
  /** Closes the connection on the user's request; `onLost` is not called for it. */
  close(): Promise<void>
}

export interface LinkCallbacks {
  /** The connection went away without being asked to; `reason` is the broker's or socket's words. */
  onLost(reason: string): void
}

export interface LinkFactory {
  /**
   * Makes one connection attempt. Rejects with an Error whose message is the broker's or the socket's
   * reason; a `LinkError` with `fatal` set stops reconnecting (bad credentials will not get better).
   * The signal aborts an attempt the user cancelled.
   */
  connect(callbacks: LinkCallbacks, signal: AbortSignal): Promise<BrokerLink>
}

export class LinkError extends Error {
  constructor(
    message: string,
    readonly fatal: boolean,
  ) {
    super(message)
    this.name = 'LinkError'
  }
}

export function describeError(err: unknown): string {
  if (err instanceof Error) {
    // Node network errors carry the useful part (ECONNREFUSED 127.0.0.1:1) in the message already;
    // AggregateError (happy-eyeballs over IPv4 and IPv6) hides it in its members.
    if (err instanceof AggregateError && err.errors.length > 0) {
      return [...new Set(err.errors.map(describeError))].join('; ')
    }
    return err.message || err.name
  }
  return String(err)
}
