import type { Channel, ChannelModel } from 'amqplib'
import { withChannel } from '../brokers/amqp/amqp-channel'

/** What a tap watches: an exchange, through a binding of its own. */
export interface TapBinding {
  exchange: string
  bindingKey: string
  arguments: Record<string, unknown>
}

/**
 * Makes a tap's queue on `channel`: server-named, exclusive (gone with the connection) and
 * auto-delete (gone once its consumer is cancelled), bound to the exchange. Nothing else on the
 * broker changes: the exchange's other bindings, queues and consumers get what they always got,
 * since an exchange routes a copy to every bound queue.
 *
 * The exchange is checked first, so that a missing one costs the channel before any queue exists.
 * A bind refused after that (the exchange deleted in between, a binding argument the exchange
 * refuses) would leave the exclusive queue until the connection closes, so it is deleted again on a
 * channel of its own.
 */
export async function declareTapQueue(
  connection: ChannelModel,
  channel: Channel,
  tap: TapBinding,
): Promise<string> {
  await channel.checkExchange(tap.exchange)
  const { queue } = await channel.assertQueue('', { exclusive: true, autoDelete: true, durable: false })
  try {
    await channel.bindQueue(queue, tap.exchange, tap.bindingKey, tap.arguments)
  } catch (err) {
    await deleteQuietly(connection, queue)
    throw err
  }
  return queue
}

async function deleteQuietly(connection: ChannelModel, queue: string): Promise<void> {
  // If this fails too, the connection is going away, and the exclusive queue goes with it.
  await withChannel(connection, (ch) => ch.deleteQueue(queue)).catch(() => undefined)
}

/** How a tap is named in notices and reasons. */
export function tapLabel(tap: TapBinding): string {
  return `tap on exchange "${tap.exchange}" (${tap.bindingKey === '' ? 'empty binding key' : `binding key "${tap.bindingKey}"`})`
}
