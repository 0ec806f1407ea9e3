import { payloadPreview } from '../../shared/payload-preview'
import { TREE_PREVIEW_BYTES, type NodeSummary, type TreeTotals } from '../../shared/topic-tree'
import type { TopicLast, TopicSlot } from '../history/history-store'

/** Time constant of the per-node message rate (an exponentially weighted moving average). */
const RATE_TAU_S = 10

/** What one message adds to the rate, in thousandths of a message per second. */
const RATE_STEP = 1000 / RATE_TAU_S

const RETAIN = 1 // the last message carried the retain flag
const RETAINED = 2 // the broker holds a retained message for the topic
const LIVE = 4 // seen since the app started
const TRUNCATED = 8 // the preview is not the whole payload
const PREVIEW_KEPT = 16 // `preview` holds the preview; otherwise it is read from the history on demand

/**
 * One level of the topic trie. Kept small on purpose (numbers inline, no path string, children map
 * only on inner nodes, no payload bytes: those are in the history), because a busy broker has
 * hundreds of thousands of these.
 */
export class TopicNode implements TopicSlot {
  children: Map<string, TopicNode> | null = null
  /** Messages on this topic and below. */
  messages = 0
  /** Messages on exactly this topic. */
  own = 0
  /** Topics with messages, this one included. */
  topics = 0
  /** Newest message in the subtree (ms after the tree's epoch; see TopicTree.epoch). */
  lastAt = 0
  /**
   * The rate in thousandths of a message per second, kept as an integer: a fractional number would
   * be a boxed heap number, 16 bytes more per node.
   */
  rate = 0
  rateAt = 0
  lastId = 0
  lastSize = 0
  lastReceivedAt = 0
  flags = 0
  /**
   * The last payload's preview, kept only when the history does not have the message (history
   * paused): otherwise it is read from the history for the rows a view shows, which keeps a
   * string per topic off the heap and a UTF-8 decode off the ingest path.
   */
  preview: string | null = null
  /** The history's row id of this topic (see TopicSlot); 0 until known. */
  topicId = 0
  /** The tick in which this node last changed; dedupes the dirty list. */
  stamp = -1

  constructor(
    readonly name: string,
    readonly parent: TopicNode | null,
  ) {}

  get retained(): boolean {
    return (this.flags & RETAINED) !== 0
  }
}

export interface RecordedMessage {
  id: number
  receivedAt: number
  payload: Uint8Array
  retain: boolean
  /** True for messages received now; false when the tree is rebuilt from history. */
  live: boolean
  /** The history will not have this message: keep its preview in the node. */
  keepPreview?: boolean
}

/**
 * The topic trie of one connection. `record` costs O(depth of the topic): it walks down once,
 * creating missing levels, and up once, updating counts, recency, rate and the dirty list that
 * the view deltas are made from.
 */
export class TopicTree {
  /**
   * Times in nodes are kept as ms after this instant: small integers that V8 stores inline
   * (a full epoch timestamp would be a boxed heap number, 16 bytes more per field per node).
   */
  readonly epoch = Date.now()
  readonly root = new TopicNode('', null)
  nodeCount = 0
  /** Nodes changed since the last `takeDirty`, each once. */
  private dirty: TopicNode[] = []
  private tick = 0

  record(topic: string, m: RecordedMessage): TopicNode {
    const node = this.nodeFor(topic, true)!
    const firstMessage = node.own === 0
    node.own++
    node.lastId = m.id
    node.lastSize = m.payload.length
    const at = this.rel(m.receivedAt)
    node.lastReceivedAt = at
    let flags = node.flags & (RETAINED | LIVE)
    if (m.keepPreview) {
      node.preview = payloadPreview(m.payload, TREE_PREVIEW_BYTES).preview
      flags |= PREVIEW_KEPT
    } else node.preview = null
    if (m.retain) flags = m.payload.length > 0 ? flags | RETAIN | RETAINED : flags & ~RETAINED
    if (m.live) flags |= LIVE
    if (m.payload.length > TREE_PREVIEW_BYTES) flags |= TRUNCATED
    node.flags = flags

    const tick = this.tick
    for (let n: TopicNode | null = node; n; n = n.parent) {
      n.messages++
      if (firstMessage) n.topics++
      if (at > n.lastAt || n.messages === 1) n.lastAt = at
      if (m.live) {
        const dt = Math.max(0, at - n.rateAt) / 1000
        n.rate = Math.round(n.rate * Math.exp(-dt / RATE_TAU_S) + RATE_STEP)
        n.rateAt = at
      }
      if (n.stamp !== tick) {
        n.stamp = tick
        this.dirty.push(n)
      }
    }
    return node
  }

  /** Puts back a topic known from the history (not seen live yet), with its stored count. */
  restore(r: TopicLast): void {
    const node = this.nodeFor(r.topic, true)!
    if (node.own > 0) return // seen live already: the live figures are newer
    node.own = r.count
    node.topicId = r.topicId
    node.lastId = r.lastId
    node.lastSize = r.size
    const at = this.rel(r.receivedAt)
    node.lastReceivedAt = at
    node.preview = null
    node.flags =
      (r.retain ? RETAIN | (r.size > 0 ? RETAINED : 0) : 0) | (r.size > TREE_PREVIEW_BYTES ? TRUNCATED : 0)
    for (let n: TopicNode | null = node; n; n = n.parent) {
      n.messages += r.count
      n.topics++
      if (at > n.lastAt || n.messages === r.count) n.lastAt = at
    }
  }

  /**
   * The app cleared the topic's retained message itself. Needed because the broker forwards that
   * empty message to current subscribers without the retain flag, so the tree would not see it.
   */
  clearRetained(path: string): void {
    const node = this.nodeFor(path)
    if (!node || !node.retained) return
    node.flags &= ~RETAINED
    if (node.stamp !== this.tick) {
      node.stamp = this.tick
      this.dirty.push(node)
    }
  }

  /** The node of `path`, created with its ancestors when `create` is set. */
  nodeFor(path: string, create = false): TopicNode | null {
    let node = this.root
    let start = 0
    for (;;) {
      const end = path.indexOf('/', start)
      const level = end < 0 ? path.slice(start) : path.slice(start, end)
      let child = node.children?.get(level)
      if (!child) {
        if (!create) return null
        child = new TopicNode(level, node)
        ;(node.children ??= new Map()).set(level, child)
        this.nodeCount++
      }
      node = child
      if (end < 0) return node
      start = end + 1
    }
  }

  /** The nodes changed since the last call; the next changes start a new list. */
  takeDirty(): TopicNode[] {
    const out = this.dirty
    this.dirty = []
    this.tick++
    return out
  }

  pathOf(node: TopicNode): string {
    const levels: string[] = []
    for (let n: TopicNode | null = node; n && n.parent; n = n.parent) levels.push(n.name)
    return levels.reverse().join('/')
  }

  /**
   * ms after the epoch as an int32 when it fits (±24 days), which V8 keeps inline; a plain
   * subtraction of two timestamps yields a double that it would box. Beyond that range the value
   * stays a double: correct, only larger.
   */
  private rel(ms: number): number {
    const r = ms - this.epoch
    return (r | 0) === r ? r | 0 : r
  }

  /** Whether the node's preview must be read from the history (see TopicNode.preview). */
  needsPreview(node: TopicNode): boolean {
    return node.own > 0 && (node.flags & PREVIEW_KEPT) === 0
  }

  /** A node as the renderer sees it; `preview` overrides the node's own (read from the history). */
  summarize(node: TopicNode, path: string, now: number, preview: string | null = node.preview): NodeSummary {
    return {
      path,
      messages: node.messages,
      own: node.own,
      topics: node.topics,
      children: node.children?.size ?? 0,
      lastAt: node.messages === 0 ? null : this.epoch + node.lastAt,
      rate: decayedRate(node, now - this.epoch),
      last:
        node.own === 0
          ? null
          : {
              id: node.lastId,
              receivedAt: this.epoch + node.lastReceivedAt,
              size: node.lastSize,
              preview,
              previewTruncated: (node.flags & TRUNCATED) !== 0,
              retain: (node.flags & RETAIN) !== 0,
            },
      retained: (node.flags & RETAINED) !== 0,
      live: (node.flags & LIVE) !== 0,
    }
  }

  /** The children of a node with their paths, for summaries. */
  childEntries(parent: TopicNode, parentPath: string | null): [TopicNode, string][] {
    const out: [TopicNode, string][] = []
    if (!parent.children) return out
    for (const child of parent.children.values()) {
      out.push([child, parentPath === null ? child.name : `${parentPath}/${child.name}`])
    }
    return out
  }

  totals(now: number): TreeTotals {
    return {
      messages: this.root.messages,
      topics: this.root.topics,
      nodes: this.nodeCount,
      rate: decayedRate(this.root, now - this.epoch),
    }
  }

  /**
   * Topics in the subtree of `node` (itself included) that hold a retained message. Iterative:
   * a topic may be tens of thousands of levels deep.
   */
  retainedTopics(
    node: TopicNode,
    path: string | null,
    limit = Infinity,
  ): { count: number; topics: string[] } {
    const topics: string[] = []
    let count = 0
    const stack: [TopicNode, string | null][] = [[node, path]]
    while (stack.length > 0) {
      const [n, p] = stack.pop()!
      if (n.retained && p !== null) {
        count++
        if (topics.length < limit) topics.push(p)
      }
      if (n.children)
        for (const c of n.children.values()) stack.push([c, p === null ? c.name : `${p}/${c.name}`])
    }
    return { count, topics }
  }
}

function decayedRate(node: TopicNode, now: number): number {
  if (node.rate === 0) return 0
  const r = (node.rate / 1000) * Math.exp(-Math.max(0, now - node.rateAt) / 1000 / RATE_TAU_S)
  return r < 0.01 ? 0 : Math.round(r * 100) / 100
}
