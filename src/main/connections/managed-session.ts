import type { ConnectionState } from '../../shared/connection-status'
import { backoffDelay } from './backoff'
import { describeError, LinkError, type BrokerLink, type LinkFactory } from './broker-link'

export interface SessionStatus {
  state: ConnectionState
  attempt: number
  reason: string | null
  serverInfo: string | null
}

/**
 * The state machine of one profile's connection, the same for every protocol:
 *
 *   disconnected ─open─► connecting ─ok─► connected ─lost─► reconnecting(n) ─ok─► connected
 *                              └─error─► failed                  └─fatal error─► failed
 *
 * A first attempt that fails ends in `failed` with the reason (a wrong host should not spin
 * forever); a connection that was up and drops is retried with backoff until the user disconnects.
 */
export class ManagedSession {
  private status: SessionStatus = { state: 'disconnected', attempt: 0, reason: null, serverInfo: null }
  private link: BrokerLink | null = null
  private abort: AbortController | null = null
  private retryTimer: NodeJS.Timeout | null = null
  /** Bumped by every open/close so that late results of an abandoned attempt are ignored. */
  private generation = 0

  constructor(
    private readonly factory: LinkFactory,
    private readonly onStatus: (status: SessionStatus) => void,
    private readonly delay: (attempt: number) => number = backoffDelay,
  ) {}

  get current(): SessionStatus {
    return this.status
  }

  /** Connects; resolves once the first attempt has settled (connected or failed). */
  async open(): Promise<SessionStatus> {
    if (this.status.state !== 'disconnected' && this.status.state !== 'failed') return this.status
    const gen = ++this.generation
    this.set({ state: 'connecting', attempt: 0, reason: null, serverInfo: null })
    try {
      await this.attempt(gen)
    } catch (err) {
      if (gen === this.generation)
        this.set({ state: 'failed', attempt: 0, reason: describeError(err), serverInfo: null })
    }
    return this.status
  }

  /** Disconnects, cancelling an attempt or a scheduled retry. */
  async close(): Promise<SessionStatus> {
    this.generation++
    this.abort?.abort()
    this.abort = null
    if (this.retryTimer) clearTimeout(this.retryTimer)
    this.retryTimer = null
    const link = this.link
    this.link = null
    if (link) await link.close().catch(() => undefined)
    if (this.status.state !== 'failed' || link) {
      this.set({ state: 'disconnected', attempt: 0, reason: null, serverInfo: null })
    }
    return this.status
  }

  private async attempt(gen: number): Promise<void> {
    const abort = new AbortController()
    this.abort = abort
    const made: { link?: BrokerLink } = {}
    const link = await this.factory.connect(
      { onLost: (reason) => this.lost(gen, made.link, reason) },
      abort.signal,
    )
    made.link = link
    if (gen !== this.generation) {
      // The user gave up on this attempt while it was under way: do not leak the connection.
      await link.close().catch(() => undefined)
      return
    }
    this.abort = null
    this.link = link
    this.set({ state: 'connected', attempt: 0, reason: null, serverInfo: link.serverInfo })
  }

  private lost(gen: number, link: BrokerLink | undefined, reason: string): void {
    // A loss before the link was handed over is the factory's to report, by rejecting.
    if (gen !== this.generation || !link || this.link !== link) return
    this.link = null
    this.scheduleRetry(gen, 1, reason)
  }

  private scheduleRetry(gen: number, attempt: number, reason: string): void {
    this.set({ state: 'reconnecting', attempt, reason, serverInfo: null })
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null
      if (gen !== this.generation) return
      this.attempt(gen).catch((err: unknown) => {
        if (gen !== this.generation) return
        if (err instanceof LinkError && err.fatal) {
          this.set({ state: 'failed', attempt, reason: describeError(err), serverInfo: null })
        } else {
          this.scheduleRetry(gen, attempt + 1, describeError(err))
        }
      })
    }, this.delay(attempt))
  }

  private set(status: SessionStatus): void {
    this.status = status
    this.onStatus(status)
  }
}
