import amqp, { type ChannelModel } from 'amqplib'
import { ApiError } from '../../../shared/api-error'
import type { AmqpConfig, Secrets } from '../../../shared/profiles'
import { describeError } from '../../connections/broker-link'
import { brokerRefusal } from './amqp-channel'
import { amqpConnectOptions } from './amqp-link'

/** Exchange types every RabbitMQ has; any other comes from a plugin that may not be enabled. */
export const BUILT_IN_EXCHANGE_TYPES: ReadonlySet<string> = new Set(['direct', 'fanout', 'topic', 'headers'])

/**
 * Runs `fn` on a short-lived connection of its own, closed afterwards, for the commands RabbitMQ
 * may refuse by closing the whole connection rather than the channel:
 * - an exchange of a type it does not know: 503 COMMAND_INVALID;
 * - queue.purge of a stream, queue.delete with if-empty / if-unused of a quorum queue or stream:
 *   540 NOT_IMPLEMENTED. Over AMQP a queue's type cannot be asked first.
 * On the profile's connection those would drop it (and its consumers and taps) into a reconnect.
 * The refusal comes back as an ApiError in the broker's words.
 *
 * One exception: an exclusive queue is locked to the connection that declared it (405
 * RESOURCE_LOCKED from any other), and exclusive queues are always classic, which refuse nothing
 * of the above by closing the connection. So a 405 is tried again on the profile's own connection,
 * where the queue may be its own; if it is another connection's, the broker says 405 again.
 */
export async function withSpareConnection<T>(
  own: ChannelModel,
  config: AmqpConfig,
  secrets: Secrets,
  fn: (connection: ChannelModel) => Promise<T>,
): Promise<T> {
  try {
    return await onSpareConnection(config, secrets, fn)
  } catch (err) {
    if (err instanceof ApiError && err.message.startsWith('405 ')) return fn(own)
    throw err
  }
}

async function onSpareConnection<T>(
  config: AmqpConfig,
  secrets: Secrets,
  fn: (connection: ChannelModel) => Promise<T>,
): Promise<T> {
  const [url, socket] = amqpConnectOptions(config, secrets)
  let connection: ChannelModel
  try {
    connection = await amqp.connect(url, socket)
  } catch (err) {
    throw new ApiError('unavailable', `Could not open a second connection for this: ${describeError(err)}`)
  }
  // The channel only hears "Channel ended"; the connection.close that ended it says why.
  let closedBy: Error | null = null
  connection.on('error', (err: Error) => {
    closedBy = err
  })
  try {
    return await fn(connection)
  } catch (err) {
    throw closedBy ? brokerRefusal(closedBy) : err
  } finally {
    await connection.close().catch(() => undefined)
  }
}
