import type { ChannelModel, ConfirmChannel, Message, Options } from 'amqplib'
import { ApiError } from '../../../shared/api-error'
import { describeError } from '../../connections/broker-link'

/** The broker's words about one publish: a confirm, a nack, a return, or the channel it closed. */
export type AmqpPublishOutcome =
  | { kind: 'confirmed'; returned: { replyCode: number; replyText: string } | null }
  | { kind: 'nacked' }
  /** The broker closed the channel over this publish (404 NOT_FOUND, 403 ACCESS_REFUSED, 406 …). */
  | { kind: 'refused'; replyCode: number; replyText: string }

interface ReturnFields {
  replyCode: number
  replyText: string
}

interface OpenChannel {
  channel: ConfirmChannel
  /** The channel.close the broker sent, as amqplib reports it (code and text). */
  closeError: Error | null
  /** The basic.return of the publish under way, if any. */
  returned: Message | null
}

/**
 * Publishes on one AMQP connection through a confirm channel of its own, one message at a time.
 *
 * One at a time, because a basic.return names no delivery tag: RabbitMQ sends it just before the
 * ack of the message it returns, so only when a single publish is in flight is it clear which one
 * came back. The channel is opened on the first publish (a profile that only browses never needs
 * it) and again after the broker closed it: a publish to a missing exchange costs the channel, not
 * the connection.
 */
export class AmqpPublisher {
  private current: OpenChannel | null = null
  private tail: Promise<unknown> = Promise.resolve()

  constructor(private readonly connection: ChannelModel) {}

  publish(
    exchange: string,
    routingKey: string,
    content: Buffer,
    options: Options.Publish,
  ): Promise<AmqpPublishOutcome> {
    const run = this.tail.then(() => this.publishNow(exchange, routingKey, content, options))
    this.tail = run.catch(() => undefined)
    return run
  }

  private async publishNow(
    exchange: string,
    routingKey: string,
    content: Buffer,
    options: Options.Publish,
  ): Promise<AmqpPublishOutcome> {
    const open = await this.channel()
    open.returned = null
    const error = await new Promise<Error | null>((resolve, reject) => {
      try {
        open.channel.publish(exchange, routingKey, content, options, (err: unknown) =>
          resolve(err ? (err as Error) : null),
        )
      } catch (err) {
        reject(publishError(err))
      }
    })
    if (!error) {
      // amqplib's types leave out the fields of a basic.return.
      const r = (open.returned as Message | null)?.fields as ReturnFields | undefined
      return {
        kind: 'confirmed',
        returned: r ? { replyCode: r.replyCode, replyText: r.replyText } : null,
      }
    }
    const code = (open.closeError as { code?: unknown } | null)?.code
    if (open.closeError && typeof code === 'number') {
      return { kind: 'refused', replyCode: code, replyText: replyText(open.closeError) }
    }
    if (error.message === 'message nacked') return { kind: 'nacked' }
    // The channel went down with the connection: nobody can say whether the broker took it.
    throw new ApiError('unavailable', `Publish failed: ${describeError(open.closeError ?? error)}`)
  }

  private async channel(): Promise<OpenChannel> {
    if (this.current) return this.current
    let channel: ConfirmChannel
    try {
      channel = await this.connection.createConfirmChannel()
    } catch (err) {
      throw new ApiError('unavailable', `Publish failed: ${describeError(err)}`)
    }
    const open: OpenChannel = { channel, closeError: null, returned: null }
    // amqplib throws an 'error' event nobody listens to; the close that follows says what to do.
    channel.on('error', (err: Error) => {
      open.closeError = err
    })
    channel.on('return', (message: Message) => {
      open.returned = message
    })
    channel.on('close', () => {
      if (this.current === open) this.current = null
    })
    this.current = open
    return open
  }
}

/** amqplib's text is `Channel closed by server: 404 (NOT-FOUND) with message "<reply text>"`. */
function replyText(err: Error): string {
  return /with message "([\s\S]*)"$/.exec(err.message)?.[1] ?? err.message
}

/** amqplib throws while encoding (before anything is sent) when a property cannot be carried. */
function publishError(err: unknown): ApiError {
  if (err instanceof RangeError || err instanceof TypeError) {
    return new ApiError('invalid_input', `The message cannot be encoded: ${err.message}`)
  }
  return new ApiError('unavailable', `Publish failed: ${describeError(err)}`)
}
