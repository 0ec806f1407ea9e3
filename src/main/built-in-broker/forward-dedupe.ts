import type { Client } from 'aedes'

/** Counters remembered per client: copies for overlapping subscriptions come within one emit. */
const WINDOW = 256

/**
 * Delivers each published message to a client once, without losing any.
 *
 * aedes sends a message that matches several subscriptions of one client (`a/#` and `a/b`) only
 * once by remembering, per client, the highest broker counter delivered and dropping anything not
 * above it. But counters are handed out when a publish arrives, and a retained publish (stored
 * first, asynchronously) or a QoS 1/2 one (queued first) reaches delivery after a later QoS 0 one:
 * aedes then drops it as a "duplicate" (moscajs/aedes#994, #955). A device's retained config,
 * followed by a reading, would never reach the tree.
 *
 * So aedes's rule is switched off for the broker's own counters (`disable`) and replaced by this
 * one in `authorizeForward`: a counter already delivered to the client, among its last 256, is a
 * copy. Retained messages sent on SUBSCRIBE carry no broker id and always pass, as in aedes.
 */
export class ForwardDedupe {
  private readonly recent = new WeakMap<Client, { set: Set<number>; order: number[]; next: number }>()

  /** aedes's own per-client counter check, made to let everything of `brokerId` through. */
  disable(client: Client, brokerId: string): void {
    const duplicates = (client as unknown as { duplicates?: unknown }).duplicates
    if (typeof duplicates !== 'object' || duplicates === null) return
    Object.defineProperty(duplicates, brokerId, { get: () => 0, set: () => undefined, configurable: true })
  }

  /** True the first time a counter is seen for a client, false for a copy. */
  first(client: Client, brokerId: string | null | undefined, counter: number): boolean {
    if (!brokerId) return true
    let r = this.recent.get(client)
    if (!r)
      this.recent.set(client, (r = { set: new Set(), order: new Array<number>(WINDOW).fill(-1), next: 0 }))
    if (r.set.has(counter)) return false
    const evicted = r.order[r.next]!
    if (evicted >= 0) r.set.delete(evicted)
    r.order[r.next] = counter
    r.next = (r.next + 1) % WINDOW
    r.set.add(counter)
    return true
  }
}
