import type { BrokerClient } from '../../../../shared/built-in-broker'
import { naturalCompare } from '../topic-tree/natural-compare'

/**
 * The device table's rows: one per connection (a device that reconnects has several), the connected
 * ones first by client id, then the ended ones, most recent first. The core keeps the last 200 that
 * ended; the renderer keeps as many.
 */

export const KEEP_ENDED = 200

/** Puts changed connections into the map; drops the oldest ended ones beyond `keepEnded`. */
export function mergeClients(
  current: Readonly<Record<string, BrokerClient>>,
  incoming: readonly BrokerClient[],
  keepEnded = KEEP_ENDED,
): Record<string, BrokerClient> {
  const next: Record<string, BrokerClient> = { ...current }
  for (const c of incoming) next[c.connectionId] = c
  const ended = Object.values(next).filter((c) => !c.connected)
  if (ended.length > keepEnded) {
    ended.sort((a, b) => endedAt(b) - endedAt(a))
    for (const c of ended.slice(keepEnded)) delete next[c.connectionId]
  }
  return next
}

function endedAt(c: BrokerClient): number {
  return c.disconnectedAt ?? c.connectedAt
}

export function sortClients(clients: readonly BrokerClient[]): BrokerClient[] {
  return [...clients].sort((a, b) => {
    if (a.connected !== b.connected) return a.connected ? -1 : 1
    if (a.connected) return naturalCompare(a.clientId, b.clientId) || a.connectedAt - b.connectedAt
    return endedAt(b) - endedAt(a)
  })
}

/** Rows whose client id, address, user or will topic contain the search text (any case). */
export function filterClients(
  clients: readonly BrokerClient[],
  options: { search: string; showEnded: boolean },
): BrokerClient[] {
  const q = options.search.trim().toLowerCase()
  return clients.filter(
    (c) =>
      (options.showEnded || c.connected) &&
      (q === '' ||
        c.clientId.toLowerCase().includes(q) ||
        c.address.toLowerCase().includes(q) ||
        (c.username ?? '').toLowerCase().includes(q) ||
        (c.will?.topic.toLowerCase().includes(q) ?? false)),
  )
}

/**
 * What the device view says about one client id: its connection now (if any), the last one that
 * ended — "why did my Pico W drop?" — and how many connections it has made.
 */
export interface ClientStory {
  current: BrokerClient | null
  lastEnded: BrokerClient | null
  connections: number
}

export function clientStory(clients: readonly BrokerClient[], clientId: string): ClientStory {
  let current: BrokerClient | null = null
  let lastEnded: BrokerClient | null = null
  let connections = 0
  for (const c of clients) {
    if (c.clientId !== clientId) continue
    connections++
    if (c.connected) {
      if (!current || c.connectedAt > current.connectedAt) current = c
    } else if (!lastEnded || endedAt(c) > endedAt(lastEnded)) {
      lastEnded = c
    }
  }
  return { current, lastEnded, connections }
}
