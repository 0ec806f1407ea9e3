import type { BrokerClient } from '../../shared/built-in-broker'
import type { BrokerConnection } from './broker-connection'

export interface RegistryLimits {
  /** Ended connections kept (the oldest ending is forgotten first). */
  ended: number
  /** Counter changes (publishes, last packet) of a connection are sent at most this often. */
  throttleMs: number
}

const DEFAULT_LIMITS: RegistryLimits = { ended: 200, throttleMs: 1000 }

/**
 * The connections of the built-in broker: open ones, and the last 200 that ended (across restarts of
 * the broker, so "why did my device drop" survives one). Each change is sent as `broker.client`;
 * what changes with every packet (counters, last packet time) at most once a second per connection.
 */
export class ClientRegistry {
  private readonly open = new Map<string, BrokerConnection>()
  /** In the order they ended. */
  private readonly ended = new Map<string, BrokerConnection>()
  private readonly dirty = new Set<BrokerConnection>()
  private timer: NodeJS.Timeout | null = null
  private readonly limits: RegistryLimits

  constructor(
    private readonly emit: (client: BrokerClient) => void,
    limits: Partial<RegistryLimits> = {},
  ) {
    this.limits = { ...DEFAULT_LIMITS, ...limits }
  }

  /** A new socket; not listed until its CONNECT is answered (or it ends). */
  add(connection: BrokerConnection): void {
    this.open.set(connection.connectionId, connection)
  }

  get(connectionId: string): BrokerConnection | undefined {
    return this.open.get(connectionId) ?? this.ended.get(connectionId)
  }

  /** The accepted connection of a client id, if there is one. */
  connectedWithId(clientId: string): BrokerConnection | undefined {
    for (const c of this.open.values()) if (c.phase === 'connected' && c.clientId === clientId) return c
    return undefined
  }

  /** Open connections, the CONNECT-pending ones included (a stopping broker closes those too). */
  openConnections(): BrokerConnection[] {
    return [...this.open.values()]
  }

  get connectedCount(): number {
    let n = 0
    for (const c of this.open.values()) if (c.phase === 'connected') n++
    return n
  }

  /** Connected ones in the order they came, then the ended ones, the latest ending first. */
  list(): BrokerClient[] {
    const out: BrokerClient[] = []
    for (const c of this.open.values()) if (c.phase === 'connected') out.push(c.toClient())
    const ended = [...this.ended.values()]
    for (let i = ended.length - 1; i >= 0; i--) out.push(ended[i]!.toClient())
    return out
  }

  /** Something a user would notice changed: sent now. Counters only: sent with the next throttled batch. */
  changed(connection: BrokerConnection, counters = false): void {
    if (connection.phase === 'connecting') return
    if (!counters) {
      this.dirty.delete(connection)
      this.emit(connection.toClient())
      return
    }
    this.dirty.add(connection)
    this.timer ??= setTimeout(() => this.flush(), this.limits.throttleMs)
  }

  /** The connection closed (`end` was called on it): kept among the ended ones, if it was ever listed. */
  closed(connection: BrokerConnection, listed: boolean): void {
    this.open.delete(connection.connectionId)
    this.dirty.delete(connection)
    if (!listed) return
    this.ended.set(connection.connectionId, connection)
    while (this.ended.size > this.limits.ended) {
      const oldest = this.ended.keys().next().value
      if (oldest === undefined) break
      this.ended.delete(oldest)
    }
    this.emit(connection.toClient())
  }

  flush(): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    const list = [...this.dirty]
    this.dirty.clear()
    for (const c of list) this.emit(c.toClient())
  }

  close(): void {
    this.flush()
  }
}
