import type { BrokerEvent } from '../../shared/built-in-broker'
import { RingBuffer } from './ring-buffer'

/** A timeline line before it gets its id; the fields a kind does not use may be left out. */
export type TimelineEntry = Pick<BrokerEvent, 'connectionId' | 'clientId' | 'kind' | 'text'> &
  Partial<Pick<BrokerEvent, 'at' | 'topic' | 'qos' | 'retain' | 'preview' | 'size' | 'reason'>>

export interface TimelineLimits {
  /** Lines kept over every client. */
  total: number
  /** Lines kept per client id (a quiet device keeps its story while a chatty one floods the total). */
  perClient: number
  /** Client ids with lines of their own; the one silent longest is forgotten first. */
  clients: number
  /** At most one `broker.events` batch per this many ms. */
  batchMs: number
}

const DEFAULT_LIMITS: TimelineLimits = { total: 5000, perClient: 1000, clients: 1000, batchMs: 250 }

/**
 * The built-in broker's timeline: every connect, refusal, subscribe, publish, will and disconnect,
 * in ring buffers (overall and per client id, so both reads are a slice, not a scan), and sent out
 * in batches at most four times a second rather than one event per line.
 */
export class BrokerTimeline {
  private readonly all: RingBuffer<BrokerEvent>
  /** Map order is recency: a client id's ring is moved to the end on each line. */
  private readonly byClient = new Map<string, RingBuffer<BrokerEvent>>()
  private pending: BrokerEvent[] = []
  private timer: NodeJS.Timeout | null = null
  private nextId = 1
  private readonly limits: TimelineLimits

  constructor(
    private readonly emit: (events: BrokerEvent[]) => void,
    limits: Partial<TimelineLimits> = {},
  ) {
    this.limits = { ...DEFAULT_LIMITS, ...limits }
    this.all = new RingBuffer(this.limits.total)
  }

  add(entry: TimelineEntry): BrokerEvent {
    const event: BrokerEvent = {
      id: this.nextId++,
      at: entry.at ?? Date.now(),
      connectionId: entry.connectionId,
      clientId: entry.clientId,
      kind: entry.kind,
      text: entry.text,
      topic: entry.topic ?? null,
      qos: entry.qos ?? null,
      retain: entry.retain ?? null,
      preview: entry.preview ?? null,
      size: entry.size ?? null,
      reason: entry.reason ?? null,
    }
    this.all.push(event)
    let ring = this.byClient.get(event.clientId)
    if (ring) this.byClient.delete(event.clientId)
    else ring = new RingBuffer(this.limits.perClient)
    ring.push(event)
    this.byClient.set(event.clientId, ring)
    if (this.byClient.size > this.limits.clients) {
      const oldest = this.byClient.keys().next().value
      if (oldest !== undefined) this.byClient.delete(oldest)
    }
    this.pending.push(event)
    this.timer ??= setTimeout(() => this.flush(), this.limits.batchMs)
    return event
  }

  /** The newest `limit` lines of a client id (null: of every client), oldest first. */
  list(clientId: string | null, limit: number): BrokerEvent[] {
    if (clientId === null) return this.all.toArray(limit)
    return this.byClient.get(clientId)?.toArray(limit) ?? []
  }

  /** Sends what is pending now (the batch timer does it otherwise). */
  flush(): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    if (this.pending.length === 0) return
    // A burst larger than the overall ring has pushed its own start out of the ring too.
    const batch =
      this.pending.length > this.limits.total ? this.pending.slice(-this.limits.total) : this.pending
    this.pending = []
    this.emit(batch)
  }

  close(): void {
    this.flush()
  }
}
