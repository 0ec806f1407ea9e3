import type { AmqpBindingInfo } from '../../../../shared/amqp'

/**
 * One side of the vhost's bindings. The management API lists every binding once, with its source
 * and destination; an exchange's detail shows those it routes to and those that route into it.
 * The default exchange's implicit bindings (one per queue) are listed by the API too: they are
 * kept out of a queue's list, where they would say nothing but "this queue exists".
 */

export function bindingsFrom(bindings: readonly AmqpBindingInfo[], exchange: string): AmqpBindingInfo[] {
  return bindings.filter((b) => b.source === exchange).sort(byKeyThenDestination)
}

/** Bindings whose destination is this exchange (exchange-to-exchange bindings). */
export function bindingsTo(bindings: readonly AmqpBindingInfo[], exchange: string): AmqpBindingInfo[] {
  return bindings
    .filter((b) => b.destinationType === 'exchange' && b.destination === exchange)
    .sort(bySourceThenKey)
}

/** The bindings into a queue, without the default exchange's implicit one. */
export function bindingsOfQueue(bindings: readonly AmqpBindingInfo[], queue: string): AmqpBindingInfo[] {
  return bindings
    .filter((b) => b.destinationType === 'queue' && b.destination === queue && b.source !== '')
    .sort(bySourceThenKey)
}

/** A key for lists: the same source, destination and key may be bound with other arguments. */
export function bindingKey(b: AmqpBindingInfo): string {
  return JSON.stringify([b.source, b.destinationType, b.destination, b.routingKey, b.arguments])
}

function byKeyThenDestination(a: AmqpBindingInfo, b: AmqpBindingInfo): number {
  return a.routingKey.localeCompare(b.routingKey) || a.destination.localeCompare(b.destination)
}
function bySourceThenKey(a: AmqpBindingInfo, b: AmqpBindingInfo): number {
  return a.source.localeCompare(b.source) || a.routingKey.localeCompare(b.routingKey)
}
