import type { ChannelModel, GetMessage } from 'amqplib'
import type { AmqpPeekResult } from '../../shared/amqp'
import { withChannel } from '../brokers/amqp/amqp-channel'
import { summarize } from '../history/message-record'
import type { Ingest } from '../ingest/ingest'
import { deliveryToIncoming } from './amqp-delivery'

/**
 * Reads the first `count` messages of a queue without taking them: basic.get (with acks) one by
 * one on a fresh channel, each stored through the ingest like a consumed message, then a single
 * basic.nack of the last with multiple and requeue, which gives every one of them back at once.
 * Never basic.reject: that settles one message, and without requeue it drops or dead-letters it.
 * Closing the channel would give them back as well; the nack says so explicitly and first.
 *
 * The counts are queue.declare-ok's ready figures: the one after is taken on a channel of its own,
 * once the peek channel is closed (and with it everything it held).
 */
export async function peekQueue(
  connection: ChannelModel,
  ingest: Ingest,
  profileId: string,
  queue: string,
  count: number,
): Promise<AmqpPeekResult> {
  const { countBefore, taken, reachedEnd } = await withChannel(connection, async (channel) => {
    const { messageCount } = await channel.checkQueue(queue)
    const got: GetMessage[] = []
    let reachedEnd = false
    while (got.length < count) {
      const message = await channel.get(queue, { noAck: false })
      if (message === false) {
        reachedEnd = true
        break
      }
      got.push(message)
    }
    const taken = got.map((m) => ingest.receive(profileId, 'amqp', deliveryToIncoming(m, queue)))
    const last = got[got.length - 1]
    if (last) channel.nack(last, true, true)
    return { countBefore: messageCount, taken, reachedEnd }
  })
  const countAfter = await withChannel(
    connection,
    async (channel) => (await channel.checkQueue(queue)).messageCount,
  )
  return { messages: taken.map(summarize), countBefore, countAfter, note: peekNote(taken.length, reachedEnd) }
}

/**
 * Where returned messages go depends on the queue type: a classic queue puts them back in their
 * places; a quorum queue (RabbitMQ 3.10, checked by the integration test) puts them behind the
 * messages that were not read, in their order, and counts the return as a delivery attempt.
 */
function peekNote(n: number, reachedEnd: boolean): string {
  if (n === 0) return 'The queue had no ready message: nothing was read.'
  const them = n === 1 ? 'The message is' : `The ${n} messages are`
  const attempt =
    'On a quorum queue the return also counts as a delivery attempt (x-delivery-count), which a ' +
    'delivery limit counts against.'
  if (reachedEnd) return `${them} back in the queue, in their order, and now marked redelivered. ${attempt}`
  return (
    `${them} back in the queue, in their order, and now marked redelivered. A classic queue puts ` +
    'them back in their places; a quorum queue may put them behind the messages the peek did not ' +
    `reach. ${attempt}`
  )
}
