import type { AmqpBindingInfo, AmqpExchangeInfo, AmqpQueueInfo, AmqpVhostInfo } from '../../shared/amqp'
import type {
  ManagementBinding,
  ManagementExchange,
  ManagementQueue,
  ManagementVhost,
} from './management-schemas'

/** Code-unit order, as the management UI sorts: the same on every machine, whatever its locale. */
export const byCodeUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)
const byName = <T extends { name: string }>(a: T, b: T) => byCodeUnits(a.name, b.name)

const orNull = <T>(value: T | null | undefined): T | null => value ?? null

export function vhostInfos(vhosts: readonly ManagementVhost[]): AmqpVhostInfo[] {
  return vhosts
    .map((v) => ({
      name: v.name,
      messages: orNull(v.messages),
      messagesReady: orNull(v.messages_ready),
      messagesUnacked: orNull(v.messages_unacknowledged),
    }))
    .sort(byName)
}

/** Exchanges as the API lists them, the default exchange ("") included. */
export function exchangeInfos(exchanges: readonly ManagementExchange[]): AmqpExchangeInfo[] {
  return exchanges
    .map((e) => ({
      name: e.name,
      type: e.type,
      durable: e.durable,
      autoDelete: e.auto_delete,
      internal: e.internal,
      arguments: e.arguments,
      publishInRate: orNull(e.message_stats?.publish_in_details?.rate),
      publishOutRate: orNull(e.message_stats?.publish_out_details?.rate),
      source: 'management' as const,
    }))
    .sort(byName)
}

export function queueInfos(queues: readonly ManagementQueue[]): AmqpQueueInfo[] {
  return queues
    .map((q) => ({
      name: q.name,
      type: queueType(q),
      durable: q.durable,
      autoDelete: q.auto_delete,
      exclusive: orNull(q.exclusive),
      arguments: q.arguments,
      state: orNull(q.state),
      messages: orNull(q.messages),
      messagesReady: orNull(q.messages_ready),
      messagesUnacked: orNull(q.messages_unacknowledged),
      consumers: orNull(q.consumers),
      publishRate: orNull(q.message_stats?.publish_details?.rate),
      deliverRate: orNull(q.message_stats?.deliver_get_details?.rate),
      ackRate: orNull(q.message_stats?.ack_details?.rate),
      bytes: orNull(q.message_bytes),
      source: 'management' as const,
    }))
    .sort(byName)
}

/**
 * classic, quorum, stream, or what a newer broker or plugin calls it. Brokers before 3.8 send no
 * type: every queue was classic then, unless a plugin said otherwise through `x-queue-type`.
 */
function queueType(q: ManagementQueue): string {
  if (q.type) return q.type
  const declared = q.arguments['x-queue-type']
  return typeof declared === 'string' && declared !== '' ? declared : 'classic'
}

/**
 * Bindings as the API lists them, the default exchange's implicit one per queue included, by
 * source, then destination, then routing key.
 */
export function bindingInfos(bindings: readonly ManagementBinding[]): AmqpBindingInfo[] {
  return bindings
    .map((b) => ({
      source: b.source,
      destination: b.destination,
      destinationType: b.destination_type,
      routingKey: b.routing_key,
      arguments: b.arguments,
    }))
    .sort(
      (a, b) =>
        byCodeUnits(a.source, b.source) ||
        byCodeUnits(a.destinationType, b.destinationType) ||
        byCodeUnits(a.destination, b.destination) ||
        byCodeUnits(a.routingKey, b.routingKey),
    )
}
