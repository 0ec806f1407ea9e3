import type { ChannelModel } from 'amqplib'
import type { z } from 'zod'
import type {
  AmqpConsumerStatus,
  AmqpPeekResult,
  AmqpSettleResult,
  PeekAmqpQueue,
  SettleAmqp,
  StartAmqpConsumer,
  StartAmqpTap,
} from '../../shared/amqp'
import { ApiError } from '../../shared/api-error'
import type { MessageSummary } from '../../shared/messages'
import type { HistoryStore } from '../history/history-store'
import { summarize } from '../history/message-record'
import type { Ingest } from '../ingest/ingest'
import { AmqpConsumer, type AmqpConsumerHost, type AmqpConsumerSpec } from './amqp-consumer'
import type { AmqpNotices } from './amqp-notices'
import { peekQueue } from './amqp-peek'

export interface AmqpConsumerDeps {
  amqpOf(profileId: string): ChannelModel
  ingest: Ingest
  history: HistoryStore
  notices: AmqpNotices
  emit(status: AmqpConsumerStatus): void
}

/** Stopped and failed consumers listed, newest kept. */
const FINISHED_KEPT = 20
/** Closing waits this long for the channels to close; the connections close right after anyway. */
const CLOSE_WAIT_MS = 3_000

/**
 * The consumers and taps of every AMQP profile, and peeks. They belong to the session: a lost
 * link puts a profile's consumers in `restoring` and the next link opens them again (taps on a
 * fresh queue), with one `restored` notice; disconnecting stops them.
 */
export class AmqpConsumerService {
  private readonly consumers = new Map<string, AmqpConsumer>()
  private readonly host: AmqpConsumerHost
  private nextId = 1
  private closed = false

  constructor(private readonly deps: AmqpConsumerDeps) {
    this.host = {
      ingest: deps.ingest,
      notices: deps.notices,
      emit: deps.emit,
      linkOf: (profileId) => {
        try {
          return deps.amqpOf(profileId)
        } catch {
          return null
        }
      },
    }
  }

  /** A profile's connection is up (first time or again): restore its consumers and taps on it. */
  linkUp(profileId: string, connection: ChannelModel): void {
    const waiting = this.of(profileId).filter((c) => c.status.state === 'restoring')
    if (waiting.length > 0) void this.restore(profileId, connection, waiting)
  }

  /** A profile's connection is gone: `byUser` stops its consumers, else they wait to be restored. */
  linkDown(profileId: string, reason: string, byUser: boolean): void {
    for (const c of this.of(profileId)) c.linkDown(reason, byUser)
  }

  /**
   * The profile's session is over (disconnected, or failed for good while reconnecting): consumers
   * still waiting for a link stop (or fail with the session's reason) instead of waiting forever.
   */
  sessionEnded(profileId: string, failure: string | null): void {
    for (const c of this.of(profileId)) c.sessionEnded(failure)
  }

  start(input: z.output<typeof StartAmqpConsumer>): Promise<AmqpConsumerStatus> {
    const { queue, ackMode, prefetch, exclusive } = input
    return this.begin(input.profileId, { kind: 'consumer', queue, ackMode, prefetch, exclusive })
  }

  startTap(input: z.output<typeof StartAmqpTap>): Promise<AmqpConsumerStatus> {
    const { exchange, bindingKey, arguments: args } = input
    return this.begin(input.profileId, { kind: 'tap', exchange, bindingKey, arguments: args })
  }

  stop(id: string): Promise<AmqpConsumerStatus> {
    return this.get(id).stop()
  }

  list(): AmqpConsumerStatus[] {
    return [...this.consumers.values()].map((c) => ({ ...c.status }))
  }

  pending(id: string): MessageSummary[] {
    return this.get(id).pendingRecords().map(summarize)
  }

  settle(input: z.output<typeof SettleAmqp>): Promise<AmqpSettleResult> {
    return Promise.resolve(this.get(input.consumerId).settle(input.messageIds, input.action, input.requeue))
  }

  peek(input: z.output<typeof PeekAmqpQueue>): Promise<AmqpPeekResult> {
    const connection = this.deps.amqpOf(input.profileId)
    return peekQueue(connection, this.deps.ingest, input.profileId, input.queue, input.count)
  }

  async close(): Promise<void> {
    this.closed = true
    const running = [...this.consumers.values()]
    const stopped = Promise.all(running.map((c) => c.stop().catch(() => undefined)))
    let timer: NodeJS.Timeout | undefined
    await Promise.race([stopped, new Promise((resolve) => (timer = setTimeout(resolve, CLOSE_WAIT_MS)))])
    clearTimeout(timer)
    for (const c of running) c.dispose()
  }

  private async begin(profileId: string, spec: AmqpConsumerSpec): Promise<AmqpConsumerStatus> {
    if (this.closed) throw new ApiError('unavailable', 'Closing')
    const connection = this.deps.amqpOf(profileId)
    const prefix = spec.kind === 'tap' ? 'tap' : 'consumer'
    const consumer = new AmqpConsumer(`${prefix}-${this.nextId++}`, profileId, spec, this.host)
    // Listed before it opens, so that a link lost meanwhile finds it (and restores it later).
    this.consumers.set(consumer.status.id, consumer)
    try {
      await consumer.open(connection)
    } catch (err) {
      this.consumers.delete(consumer.status.id)
      consumer.dispose()
      throw err
    }
    this.forgetFinished()
    return { ...consumer.status }
  }

  private async restore(profileId: string, connection: ChannelModel, waiting: AmqpConsumer[]): Promise<void> {
    await Promise.all(waiting.map((c) => c.restore(connection)))
    // A link lost again meanwhile has its own restore to come: say nothing of this one.
    if (this.host.linkOf(profileId) !== connection) return
    const back = waiting.filter((c) => c.status.state === 'active')
    const failed = waiting.filter((c) => c.status.state === 'failed')
    if (back.length === 0) return
    const counted = countKinds(back)
    const text =
      failed.length === 0
        ? `Restored ${counted} after the reconnect`
        : `Restored ${counted} after the reconnect; ${failed.length} could not be: ` +
          failed.map((c) => `${c.label}: ${c.status.reason ?? 'unknown reason'}`).join('; ')
    this.deps.notices.add(profileId, 'restored', text)
  }

  private get(id: string): AmqpConsumer {
    const c = this.consumers.get(id)
    if (!c) throw new ApiError('not_found', `No AMQP consumer or tap ${id}`)
    return c
  }

  private of(profileId: string): AmqpConsumer[] {
    return [...this.consumers.values()].filter((c) => c.status.profileId === profileId)
  }

  private forgetFinished(): void {
    const finished = [...this.consumers.values()].filter((c) => c.finished)
    for (const c of finished.slice(0, Math.max(0, finished.length - FINISHED_KEPT))) {
      c.dispose()
      this.consumers.delete(c.status.id)
    }
  }
}

function countKinds(list: AmqpConsumer[]): string {
  const consumers = list.filter((c) => c.status.kind === 'consumer').length
  const taps = list.length - consumers
  const parts: string[] = []
  if (consumers > 0) parts.push(consumers === 1 ? '1 consumer' : `${consumers} consumers`)
  if (taps > 0) parts.push(taps === 1 ? '1 tap' : `${taps} taps`)
  return parts.join(' and ')
}
