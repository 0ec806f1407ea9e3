import type { Channel, ChannelModel, ConsumeMessage } from 'amqplib'
import type { AmqpAckMode, AmqpConsumerStatus, AmqpSettleResult } from '../../shared/amqp'
import { ApiError } from '../../shared/api-error'
import { brokerRefusal, withChannel } from '../brokers/amqp/amqp-channel'
import { describeError } from '../connections/broker-link'
import type { MessageRecord } from '../history/message-record'
import type { Ingest } from '../ingest/ingest'
import { AmqpPendingDeliveries } from './amqp-consumer-pending'
import { deliveryToIncoming } from './amqp-delivery'
import type { AmqpNotices } from './amqp-notices'
import { declareTapQueue, tapLabel, type TapBinding } from './amqp-tap'

export type AmqpConsumerSpec =
  | { kind: 'consumer'; queue: string; ackMode: AmqpAckMode; prefetch: number; exclusive: boolean }
  | ({ kind: 'tap' } & TapBinding)

/** What a consumer needs of the service around it. */
export interface AmqpConsumerHost {
  ingest: Ingest
  notices: AmqpNotices
  emit(status: AmqpConsumerStatus): void
  /** The profile's current connection, or null while it is down. */
  linkOf(profileId: string): ChannelModel | null
}

/** Status events of a consumer that is receiving, at most this often (four a second). */
const REPORT_INTERVAL_MS = 250
/** How long a broker cancel waits before the queue is checked (see brokerCancelled). */
const CANCEL_GRACE_MS = 500
/** A broker cancel this soon after the last one is not answered by consuming again. */
const RECONSUME_GAP_MS = 10_000

/**
 * One consumer of a queue, or one tap, on a channel of its own (a broker's refusal or basic.cancel
 * costs that channel only). Every delivery goes through the ingest into the tree and the history;
 * in manual mode it also waits in `pending` until the user settles it. The channel is opened again
 * on every new link of the profile while the consumer is `restoring`.
 */
export class AmqpConsumer {
  readonly status: AmqpConsumerStatus
  private channel: Channel | null = null
  private consumerTag: string | null = null
  private readonly pending = new AmqpPendingDeliveries()
  /** Bumped by every open, loss, failure and stop: what an older one learns later is ignored. */
  private generation = 0
  private lastReport = 0
  private reportTimer: NodeJS.Timeout | null = null
  private lastCancelAt = 0
  private readonly manual: boolean

  constructor(
    id: string,
    profileId: string,
    private readonly spec: AmqpConsumerSpec,
    private readonly host: AmqpConsumerHost,
  ) {
    const tap = spec.kind === 'tap'
    this.manual = !tap && spec.ackMode === 'manual'
    this.status = {
      id,
      profileId,
      kind: spec.kind,
      queue: tap ? '' : spec.queue,
      exchange: tap ? spec.exchange : null,
      bindingKey: tap ? spec.bindingKey : null,
      ackMode: tap ? 'auto' : spec.ackMode,
      prefetch: tap ? 0 : spec.prefetch,
      state: 'restoring',
      reason: null,
      delivered: 0,
      acked: 0,
      nacked: 0,
      pending: 0,
      startedAt: Date.now(),
      lastMessageAt: null,
    }
  }

  get label(): string {
    return this.spec.kind === 'tap' ? tapLabel(this.spec) : `consumer of queue "${this.spec.queue}"`
  }

  get finished(): boolean {
    return this.status.state === 'stopped' || this.status.state === 'failed'
  }

  /**
   * Opens the channel and consumes. Rejects with the broker's refusal (the consumer is unchanged);
   * returns quietly if a loss or stop overtook it, which then said what the state is.
   */
  async open(connection: ChannelModel): Promise<void> {
    const gen = ++this.generation
    let channel: Channel
    try {
      channel = await connection.createChannel()
    } catch (err) {
      throw new ApiError('unavailable', `Could not open a channel: ${describeError(err)}`)
    }
    // amqplib emits 'error' (with the broker's reply) before 'close'; unheard, it would throw.
    let closedBy: unknown = null
    channel.on('error', (err: unknown) => {
      closedBy = err
    })
    channel.on('close', () => this.channelClosed(channel, closedBy))
    try {
      const spec = this.spec
      if (spec.kind === 'consumer' && spec.prefetch > 0) await channel.prefetch(spec.prefetch)
      const queue = spec.kind === 'tap' ? await declareTapQueue(connection, channel, spec) : spec.queue
      const { consumerTag } = await channel.consume(queue, (m) => this.onDelivery(m, gen, queue), {
        noAck: !this.manual,
        exclusive: spec.kind === 'consumer' && spec.exclusive,
      })
      if (gen !== this.generation) {
        await channel.close().catch(() => undefined)
        return
      }
      this.channel = channel
      this.consumerTag = consumerTag
      this.status.queue = queue
      this.status.state = 'active'
      this.status.reason = null
      this.report(true)
    } catch (err) {
      await channel.close().catch(() => undefined)
      if (gen !== this.generation) return
      throw brokerRefusal(closedBy ?? err)
    }
  }

  /** On a new link: consume again (a tap on a fresh queue). A refusal while the link holds fails it. */
  async restore(connection: ChannelModel): Promise<void> {
    if (this.status.state !== 'restoring') return
    try {
      await this.open(connection)
    } catch (err) {
      if (this.status.state === 'restoring' && this.host.linkOf(this.status.profileId) === connection)
        this.fail(describeError(err))
    }
  }

  /**
   * The connection is gone with the channel. Unsettled messages go back to the queue (the broker
   * requeues what a closed channel did not ack) and come again, marked redelivered.
   */
  linkDown(reason: string, byUser: boolean): void {
    if (this.finished) return
    this.generation++
    this.channel = null
    this.consumerTag = null
    const dropped = this.dropPending()
    this.status.state = byUser ? 'stopped' : 'restoring'
    this.status.reason =
      byUser || dropped === 0
        ? reason
        : `${reason} (${unsettled(dropped)} went back to the queue and will come again, marked redelivered)`
    this.report(true)
  }

  /** The session ended without a link going down first (disconnected or failed while reconnecting). */
  sessionEnded(failure: string | null): void {
    if (this.finished) return
    if (failure === null) this.linkDown('Disconnected', true)
    else this.fail(failure, false)
  }

  async stop(): Promise<AmqpConsumerStatus> {
    if (this.finished) return { ...this.status }
    this.generation++
    const channel = this.channel
    const tag = this.consumerTag
    this.channel = null
    this.consumerTag = null
    const dropped = this.dropPending()
    this.status.state = 'stopped'
    this.status.reason =
      dropped === 0
        ? 'Stopped'
        : `Stopped: ${unsettled(dropped)} went back to the queue (the broker requeues what was not acked)`
    if (channel) {
      // Cancel first: what is under way arrives before cancel-ok and is stored, not dropped by a
      // closing channel (with auto-ack the broker would count those as consumed).
      if (tag) await channel.cancel(tag).catch(() => undefined)
      await channel.close().catch(() => undefined)
    }
    this.report(true)
    return { ...this.status }
  }

  pendingRecords(): MessageRecord[] {
    return this.pending.records()
  }

  settle(ids: readonly number[] | null, action: 'ack' | 'nack', requeue: boolean): AmqpSettleResult {
    if (!this.manual)
      throw new ApiError(
        'invalid_input',
        `The ${this.label} acknowledges automatically: nothing waits to be settled`,
      )
    const plan = this.pending.take(ids)
    const channel = this.channel
    let settled = 0
    const missing = [...plan.missing]
    if (channel) {
      try {
        for (const f of plan.frames) {
          if (action === 'ack') channel.ack(f.message, f.multiple)
          else channel.nack(f.message, f.multiple, requeue)
        }
        settled = plan.settled.length
      } catch {
        // The channel closed under us: the broker requeues them, so they were not settled here.
        missing.push(...plan.settled)
      }
    } else missing.push(...plan.settled)
    if (action === 'ack') this.status.acked += settled
    else this.status.nacked += settled
    this.status.pending = this.pending.size
    this.report(true)
    return { settled, missing, status: { ...this.status } }
  }

  /** Stops the throttled reports (the service is closing). */
  dispose(): void {
    if (this.reportTimer) clearTimeout(this.reportTimer)
    this.reportTimer = null
  }

  private onDelivery(message: ConsumeMessage | null, gen: number, queue: string): void {
    if (message === null) {
      void this.brokerCancelled(gen)
      return
    }
    const record = this.host.ingest.receive(this.status.profileId, 'amqp', deliveryToIncoming(message, queue))
    this.status.delivered++
    this.status.lastMessageAt = record.receivedAt
    // A delivery of a channel being stopped still reached the app (and the history); it is not
    // pending, since that channel's close gives it back to the queue.
    if (this.manual && gen === this.generation) {
      this.pending.add(record, message)
      this.status.pending = this.pending.size
    }
    // Deliveries may come before consume-ok is seen: the `active` report that follows counts them.
    if (this.status.state === 'active') this.report(false)
  }

  private channelClosed(channel: Channel, closedBy: unknown): void {
    if (channel !== this.channel) return
    this.channel = null
    this.consumerTag = null
    // Closed without an error: the connection went, and linkDown says what happens next.
    if (closedBy !== null) this.fail(brokerRefusal(closedBy).message)
  }

  /**
   * basic.cancel from the broker: the queue was deleted, or (in a cluster) its leader moved. Which
   * one is found out by checking the queue (or the tap's exchange): gone fails the consumer with
   * the broker's words; still there consumes again, once.
   */
  private async brokerCancelled(gen: number): Promise<void> {
    if (gen !== this.generation) return
    const mine = ++this.generation
    const channel = this.channel
    this.channel = null
    this.consumerTag = null
    this.dropPending()
    void channel?.close().catch(() => undefined)
    // A broker shutting down may cancel consumers just before it closes the connection, and a
    // durable queue then checks as "down or inaccessible": let the close come first.
    await new Promise((resolve) => setTimeout(resolve, CANCEL_GRACE_MS).unref())
    const connection = this.host.linkOf(this.status.profileId)
    if (mine !== this.generation || !connection) return
    const spec = this.spec
    try {
      await withChannel(connection, (ch) =>
        spec.kind === 'tap' ? ch.checkExchange(spec.exchange) : ch.checkQueue(spec.queue),
      )
    } catch (err) {
      if (mine === this.generation) this.fail(`The broker cancelled the consumer: ${describeError(err)}`)
      return
    }
    if (mine !== this.generation) return
    const now = Date.now()
    if (now - this.lastCancelAt < RECONSUME_GAP_MS) {
      this.fail('The broker cancelled the consumer again right after it consumed anew')
      return
    }
    this.lastCancelAt = now
    try {
      await this.open(connection)
    } catch (err) {
      if (this.host.linkOf(this.status.profileId) === connection)
        this.fail(`The broker cancelled the consumer: ${describeError(err)}`)
    }
  }

  private fail(reason: string, notice = true): void {
    if (this.finished) return
    this.generation++
    const channel = this.channel
    this.channel = null
    this.consumerTag = null
    void channel?.close().catch(() => undefined)
    this.dropPending()
    this.status.state = 'failed'
    this.status.reason = reason
    if (notice)
      this.host.notices.add(this.status.profileId, 'channel-closed', `The ${this.label} failed: ${reason}`)
    this.report(true)
  }

  private dropPending(): number {
    const n = this.pending.clear()
    this.status.pending = 0
    return n
  }

  /** Now if forced (state changes, settles) or due; else once, at the next slot. */
  private report(force: boolean): void {
    const now = Date.now()
    if (force || now - this.lastReport >= REPORT_INTERVAL_MS) {
      if (this.reportTimer) clearTimeout(this.reportTimer)
      this.reportTimer = null
      this.lastReport = now
      this.host.emit({ ...this.status })
      return
    }
    this.reportTimer ??= setTimeout(
      () => {
        this.reportTimer = null
        this.report(true)
      },
      this.lastReport + REPORT_INTERVAL_MS - now,
    )
    this.reportTimer.unref()
  }
}

function unsettled(n: number): string {
  return n === 1 ? '1 unsettled message' : `${n.toLocaleString('en')} unsettled messages`
}
