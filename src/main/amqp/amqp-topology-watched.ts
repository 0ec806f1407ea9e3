import type { ChannelModel } from 'amqplib'
import type { AmqpExchangeInfo, AmqpQueueInfo, AmqpWatchedName } from '../../shared/amqp'
import type { AmqpConfig } from '../../shared/profiles'
import { describeError } from '../connections/broker-link'
import { checkExchange, checkQueue, type QueueCounts } from '../brokers/amqp/amqp-ops'
import { mapBounded } from '../kafka/map-bounded'
import { byCodeUnits } from './management-mapping'
import { checkShortStrings } from './amqp-topology-names'

/** Checks at once, each on a channel of its own: enough to be quick, few enough not to flood. */
const CHECK_CONCURRENCY = 16

export interface WatchedTopology {
  exchanges: AmqpExchangeInfo[]
  queues: AmqpQueueInfo[]
  /** Every watched name (in the profile's order, once each) with what its check said. */
  watched: AmqpWatchedName[]
}

/** One name's check: what it says, and the queue or exchange it found. */
interface Outcome {
  watched: AmqpWatchedName
  queue?: AmqpQueueInfo
  exchange?: AmqpExchangeInfo
}

/**
 * What pure AMQP can say about the names the user watches: a passive declare each, so a queue
 * gives its ready count and consumers and an exchange only that it exists. A name that fails is
 * listed in `watched` with the broker's words (404 NOT_FOUND…) and left out of the lists.
 */
export async function checkWatched(
  connection: ChannelModel,
  watched: AmqpConfig['watched'],
): Promise<WatchedTopology> {
  const seen = new Set<string>()
  const names = watched.filter((w) => {
    const key = `${w.kind}\u0000${w.name}`
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
  const outcomes = await mapBounded(names, CHECK_CONCURRENCY, (w) => checkOne(connection, w))
  const byName = (a: { name: string }, b: { name: string }) => byCodeUnits(a.name, b.name)
  return {
    queues: outcomes.flatMap((o) => (o.queue ? [o.queue] : [])).sort(byName),
    exchanges: outcomes.flatMap((o) => (o.exchange ? [o.exchange] : [])).sort(byName),
    watched: outcomes.map((o) => o.watched),
  }
}

async function checkOne(connection: ChannelModel, w: AmqpConfig['watched'][number]): Promise<Outcome> {
  const { kind, name } = w
  try {
    checkShortStrings([{ path: 'name', kind, value: name }])
    if (kind === 'queue') {
      const queue = queueSeenOverAmqp(await checkQueue(connection, name))
      return { watched: { kind, name, error: null }, queue }
    }
    await checkExchange(connection, name)
    return { watched: { kind, name, error: null }, exchange: exchangeSeenOverAmqp(name) }
  } catch (err) {
    return { watched: { kind, name, error: describeError(err) } }
  }
}

/**
 * A passive queue.declare answers the ready count only (unacknowledged messages are not in it):
 * `messages` carries it as the best figure there is, and `source: 'amqp'` says so.
 */
function queueSeenOverAmqp(counts: QueueCounts): AmqpQueueInfo {
  return {
    name: counts.name,
    type: null,
    durable: null,
    autoDelete: null,
    exclusive: null,
    arguments: {},
    state: null,
    messages: counts.messages,
    messagesReady: counts.messages,
    messagesUnacked: null,
    consumers: counts.consumers,
    publishRate: null,
    deliverRate: null,
    ackRate: null,
    bytes: null,
    source: 'amqp',
  }
}

function exchangeSeenOverAmqp(name: string): AmqpExchangeInfo {
  return {
    name,
    type: null,
    durable: null,
    autoDelete: null,
    internal: null,
    arguments: {},
    publishInRate: null,
    publishOutRate: null,
    source: 'amqp',
  }
}
