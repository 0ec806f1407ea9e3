import type { BrokerEvent } from '../../../../shared/built-in-broker'

/**
 * A client's timeline is read once (`getBrokerTimeline`) and then grows by `broker.events` batches
 * that may overlap the read: lines are merged by id (the core hands ids out in order, so the id is
 * also the time order) and only the newest are kept.
 */

/** Lines kept per client id, as many as one read returns by default. */
export const KEEP_EVENTS = 1000

/** Merged by id, oldest first, the newest `keep` kept. */
export function mergeEvents(
  current: readonly BrokerEvent[],
  incoming: readonly BrokerEvent[],
  keep = KEEP_EVENTS,
): BrokerEvent[] {
  if (incoming.length === 0) return current as BrokerEvent[]
  const last = current[current.length - 1]
  // the usual case, a live batch after what is held: no map, no sort
  if (!last || incoming.every((e, i) => e.id > (i === 0 ? last.id : incoming[i - 1]!.id))) {
    const joined = current.concat(incoming)
    return joined.length > keep ? joined.slice(-keep) : joined
  }
  const byId = new Map<number, BrokerEvent>()
  for (const e of current) byId.set(e.id, e)
  for (const e of incoming) byId.set(e.id, e)
  return [...byId.values()].sort((a, b) => a.id - b.id).slice(-keep)
}

/** A batch split by client id, each part in the batch's order. */
export function groupByClient(events: readonly BrokerEvent[]): Map<string, BrokerEvent[]> {
  const groups = new Map<string, BrokerEvent[]>()
  for (const e of events) {
    const list = groups.get(e.clientId)
    if (list) list.push(e)
    else groups.set(e.clientId, [e])
  }
  return groups
}

/** What the timeline shows, newest first: everything, or the lines that are not publishes. */
export function shownTimeline(
  events: readonly BrokerEvent[],
  options: { hidePublishes: boolean; max: number },
): { lines: BrokerEvent[]; hidden: number } {
  const kept = options.hidePublishes ? events.filter((e) => e.kind !== 'publish') : events
  const lines = kept.slice(-options.max).reverse()
  return { lines, hidden: kept.length - lines.length }
}
