import type { AmqpQueueInfo } from '../../../../shared/amqp'
import { compareBy } from '../kafka/topic-list'

/** The queue list's search and column sort. */

export type QueueSortKey =
  'name' | 'type' | 'state' | 'ready' | 'unacked' | 'total' | 'consumers' | 'publish' | 'deliver'
export interface QueueSort {
  key: QueueSortKey
  desc: boolean
}
export const QUEUE_TEXT_KEYS: readonly QueueSortKey[] = ['name', 'type', 'state']

function sortValue(q: AmqpQueueInfo, key: QueueSortKey): number | string | null {
  switch (key) {
    case 'name':
      return q.name
    case 'type':
      return q.type
    case 'state':
      return q.state
    case 'ready':
      return q.messagesReady
    case 'unacked':
      return q.messagesUnacked
    case 'total':
      return q.messages
    case 'consumers':
      return q.consumers
    case 'publish':
      return q.publishRate
    case 'deliver':
      return q.deliverRate
  }
}

export function visibleQueues(
  queues: readonly AmqpQueueInfo[],
  opts: { search: string; sort: QueueSort },
): AmqpQueueInfo[] {
  const q = opts.search.trim().toLowerCase()
  return queues
    .filter((x) => q === '' || x.name.toLowerCase().includes(q))
    .sort(
      compareBy(
        (x) => sortValue(x, opts.sort.key),
        (x) => x.name,
        opts.sort.desc,
      ),
    )
}

/** Queue states that need the user's eye (RabbitMQ's words: a queue is "running" or "idle" when well). */
export function queueStateTone(state: string | null): 'ok' | 'warn' | 'bad' | 'unknown' {
  if (state === null) return 'unknown'
  if (state === 'running' || state === 'idle' || state === 'live') return 'ok'
  if (state === 'flow') return 'warn'
  return 'bad'
}
