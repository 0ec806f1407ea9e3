import type { AmqpTopology } from '../../../../shared/amqp'

/** The vhost at a glance: counts of what is listed and the messages its queues hold. */
export interface OverviewFigures {
  exchanges: number
  queues: number
  /** Sums over the queues that report the figure; null when none does (over AMQP, unacked). */
  ready: number | null
  unacked: number | null
  consumers: number | null
  /** Queues whose figure was unknown, so the sums can say they are partial. */
  unknownQueues: number
}

function sum(values: (number | null)[]): number | null {
  let total: number | null = null
  for (const v of values) if (v !== null) total = (total ?? 0) + v
  return total
}

export function overviewFigures(t: Pick<AmqpTopology, 'exchanges' | 'queues'>): OverviewFigures {
  return {
    exchanges: t.exchanges.length,
    queues: t.queues.length,
    ready: sum(t.queues.map((q) => q.messagesReady)),
    unacked: sum(t.queues.map((q) => q.messagesUnacked)),
    consumers: sum(t.queues.map((q) => q.consumers)),
    unknownQueues: t.queues.filter((q) => q.messagesReady === null).length,
  }
}
