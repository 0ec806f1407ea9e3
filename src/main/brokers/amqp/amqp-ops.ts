import type { Channel, ChannelModel } from 'amqplib'
import { ApiError } from '../../../shared/api-error'
import { withChannel } from './amqp-channel'

/**
 * Topology operations on one amqplib connection, each on a channel of its own (`withChannel`): a
 * refusal comes back as an ApiError with the broker's reply text and costs that channel only.
 * Names and keys are expected checked already (255 bytes); arguments are sent as given.
 */

type Table = Record<string, unknown>

export interface ExchangeSpec {
  name: string
  type: string
  durable: boolean
  autoDelete: boolean
  internal: boolean
  arguments: Table
}

export interface QueueSpec {
  /** "" asks the broker to name it. */
  name: string
  durable: boolean
  autoDelete: boolean
  exclusive: boolean
  arguments: Table
}

export interface BindingSpec {
  source: string
  destination: string
  destinationType: 'queue' | 'exchange'
  routingKey: string
  arguments: Table
}

/** queue.declare-ok and queue.purge-ok / delete-ok counts, as the broker sends them. */
export interface QueueCounts {
  name: string
  messages: number
  consumers: number
}

export function declareExchange(connection: ChannelModel, spec: ExchangeSpec): Promise<void> {
  return run(connection, async (ch) => {
    await ch.assertExchange(spec.name, spec.type, {
      durable: spec.durable,
      autoDelete: spec.autoDelete,
      internal: spec.internal,
      arguments: spec.arguments,
    })
  })
}

export function declareQueue(connection: ChannelModel, spec: QueueSpec): Promise<QueueCounts> {
  return run(connection, async (ch) => {
    const ok = await ch.assertQueue(spec.name, {
      durable: spec.durable,
      autoDelete: spec.autoDelete,
      exclusive: spec.exclusive,
      arguments: spec.arguments,
    })
    return { name: ok.queue, messages: ok.messageCount, consumers: ok.consumerCount }
  })
}

/** Passive declare: the ready count and consumers, or 404 NOT_FOUND in the broker's words. */
export function checkQueue(connection: ChannelModel, name: string): Promise<QueueCounts> {
  return run(connection, async (ch) => {
    const ok = await ch.checkQueue(name)
    return { name: ok.queue, messages: ok.messageCount, consumers: ok.consumerCount }
  })
}

/** Passive declare: resolves if the exchange exists, else 404 NOT_FOUND in the broker's words. */
export function checkExchange(connection: ChannelModel, name: string): Promise<void> {
  return run(connection, async (ch) => {
    await ch.checkExchange(name)
  })
}

export function bind(connection: ChannelModel, spec: BindingSpec): Promise<void> {
  return run(connection, async (ch) => {
    if (spec.destinationType === 'queue') {
      await ch.bindQueue(spec.destination, spec.source, spec.routingKey, spec.arguments)
    } else {
      await ch.bindExchange(spec.destination, spec.source, spec.routingKey, spec.arguments)
    }
  })
}

/** Removes the binding that matches source, destination, key and arguments exactly. */
export function unbind(connection: ChannelModel, spec: BindingSpec): Promise<void> {
  return run(connection, async (ch) => {
    if (spec.destinationType === 'queue') {
      await ch.unbindQueue(spec.destination, spec.source, spec.routingKey, spec.arguments)
    } else {
      await ch.unbindExchange(spec.destination, spec.source, spec.routingKey, spec.arguments)
    }
  })
}

/** Drops the ready messages; answers how many (unacknowledged ones stay). */
export function purgeQueue(connection: ChannelModel, name: string): Promise<number> {
  return run(connection, async (ch) => (await ch.purgeQueue(name)).messageCount)
}

/** Answers how many messages went with the queue. */
export function deleteQueue(
  connection: ChannelModel,
  name: string,
  options: { ifUnused: boolean; ifEmpty: boolean },
): Promise<number> {
  return run(connection, async (ch) => (await ch.deleteQueue(name, options)).messageCount)
}

export function deleteExchange(
  connection: ChannelModel,
  name: string,
  options: { ifUnused: boolean },
): Promise<void> {
  return run(connection, async (ch) => {
    await ch.deleteExchange(name, options)
  })
}

function run<T>(connection: ChannelModel, fn: (channel: Channel) => Promise<T>): Promise<T> {
  return withChannel(connection, async (channel) => {
    try {
      return await fn(channel)
    } catch (err) {
      throw unencodable(err) ?? err
    }
  })
}

/**
 * amqplib encodes a method before sending it and throws RangeError or TypeError when an argument
 * table cannot be carried (a number too large, a table over the frame buffer, an unknown typed
 * value). Nothing reached the broker and the channel is intact: it is the input that is wrong.
 */
function unencodable(err: unknown): ApiError | null {
  if (!(err instanceof RangeError || err instanceof TypeError)) return null
  const message = `The arguments cannot be sent: ${err.message}`
  return new ApiError('invalid_input', message, [{ path: 'arguments', message }])
}
