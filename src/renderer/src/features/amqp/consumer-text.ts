import type { AmqpConsumerStatus } from '../../../../shared/amqp'
import { exchangeLabel } from './amqp-format'

/** What a consumer or tap reads, in one line: "orders" or "tap on shop · order.#". */
export function consumerTarget(
  s: Pick<AmqpConsumerStatus, 'kind' | 'queue' | 'exchange' | 'bindingKey'>,
): string {
  if (s.kind === 'consumer') return s.queue
  const key = s.bindingKey === null || s.bindingKey === '' ? '(empty key)' : s.bindingKey
  return `${exchangeLabel(s.exchange ?? '')} · ${key}`
}

type Counters = Pick<AmqpConsumerStatus, 'ackMode' | 'delivered' | 'acked' | 'nacked' | 'pending'>

/** The counters as [figure, label] (auto-ack consumers settle nothing themselves: delivered only). */
export function counterParts(s: Counters): [string, string][] {
  const parts: [string, string][] = [[s.delivered.toLocaleString(), 'delivered']]
  if (s.ackMode === 'manual')
    parts.push(
      [s.acked.toLocaleString(), 'acked'],
      [s.nacked.toLocaleString(), 'nacked'],
      [s.pending.toLocaleString(), 'pending'],
    )
  return parts
}

/** "12 delivered · 10 acked · 1 nacked · 1 pending". */
export function consumerCounters(s: Counters): string {
  return counterParts(s)
    .map(([n, label]) => `${n} ${label}`)
    .join(' · ')
}

export const CONSUMER_STATE_COLOR: Record<AmqpConsumerStatus['state'], string> = {
  active: 'teal',
  restoring: 'yellow',
  stopped: 'gray',
  failed: 'red',
}

export function consumerRunning(s: Pick<AmqpConsumerStatus, 'state'>): boolean {
  return s.state === 'active' || s.state === 'restoring'
}
