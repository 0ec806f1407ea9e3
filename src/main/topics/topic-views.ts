import type { ApiEvent } from '../../shared/api'
import type { MessageSummary } from '../../shared/messages'
import { isWildcardFilter, topicFilterError, topicMatches } from '../../shared/mqtt-topic'
import { payloadPreview } from '../../shared/payload-preview'
import {
  TREE_PREVIEW_BYTES,
  TreeViewRequest,
  type NodeSummary,
  type SeriesPoint,
  type TopicDetail,
  type TreeSnapshot,
} from '../../shared/topic-tree'
import type { HistoryStore } from '../history/history-store'
import { summarize, type MessageRecord } from '../history/message-record'
import { numericFields, numericValue } from './numeric-values'
import { TopicTree, type TopicNode } from './topic-tree'

/** Deltas go out at most this often: ten a second, whatever the message rate. */
export const DELTA_INTERVAL_MS = 100
/** Messages of the selected topic carried in one delta; the rest are counted as skipped. */
const DELTA_MESSAGES = 100
/** History shown with a freshly selected topic, and points of its chart. */
const SNAPSHOT_MESSAGES = 50
const SNAPSHOT_SERIES = 1000

interface View {
  clientId: string
  viewId: string
  profileId: string
  expanded: Set<TopicNode>
  /** Expanded paths whose nodes do not exist yet (a view opened before the traffic came). */
  unresolved: string[]
  selected: string | null
  chartField: string | null
  pendingMessages: MessageSummary[]
  pendingSeries: SeriesPoint[]
  skipped: number
  /** The selected topic got messages since the last delta. */
  detailDirty: boolean
}

interface ProfileTopics {
  tree: TopicTree
  views: Set<View>
  /** Views by selected topic, so that a message costs one map lookup to find its watchers. */
  bySelected: Map<string, Set<View>>
}

/**
 * The topic trees of all connections and the renderer's views of them. Each view gets a snapshot
 * when it changes and then, every 100 ms at most, a delta with the visible nodes that changed and
 * the selected topic's new messages and chart points, sent to the client that owns the view only.
 */
export class TopicViews {
  private readonly profiles = new Map<string, ProfileTopics>()
  private readonly views = new Map<string, View>()
  private timer: NodeJS.Timeout | null = null

  constructor(
    private readonly history: HistoryStore,
    private readonly emit: (event: ApiEvent, clientId: string) => void,
    private readonly now: () => number = Date.now,
  ) {}

  tree(profileId: string): TopicTree {
    return this.topics(profileId).tree
  }

  /** Called by the ingest for every message after the tree has recorded it. */
  onMessage(record: MessageRecord): void {
    const watchers = this.profiles.get(record.profileId)?.bySelected.get(record.topic)
    if (!watchers) return
    let summary: MessageSummary | null = null
    for (const view of watchers) {
      view.detailDirty = true
      if (view.pendingMessages.length < DELTA_MESSAGES)
        view.pendingMessages.push((summary ??= summarize(record)))
      else view.skipped++
      const value = numericValue(record.payload, view.chartField)
      if (value !== null) view.pendingSeries.push([record.receivedAt, value])
    }
  }

  setView(clientId: string, input: TreeViewRequest): TreeSnapshot {
    const req = TreeViewRequest.parse(input)
    const key = `${clientId}\u0000${req.viewId}`
    const old = this.views.get(key)
    if (old) this.detach(old)
    // A view that changes gets only the lists it does not have: deltas kept the others current.
    const known = old && old.profileId === req.profileId ? old.expanded : null
    const topics = this.topics(req.profileId)
    const tree = topics.tree
    const view: View = {
      clientId,
      viewId: req.viewId,
      profileId: req.profileId,
      expanded: new Set(),
      unresolved: [],
      selected: req.selected,
      chartField: req.chartField,
      pendingMessages: [],
      pendingSeries: [],
      skipped: 0,
      detailDirty: false,
    }
    const now = this.now()
    const children: TreeSnapshot['children'] = known
      ? []
      : [{ parent: null, nodes: this.summaries(tree, tree.childEntries(tree.root, null), now) }]
    for (const path of req.expanded) {
      const node = tree.nodeFor(path)
      if (!node) {
        view.unresolved.push(path)
        continue
      }
      view.expanded.add(node)
      if (known?.has(node)) continue
      children.push({ parent: path, nodes: this.summaries(tree, tree.childEntries(node, path), now) })
    }
    this.views.set(key, view)
    topics.views.add(view)
    if (view.selected !== null) {
      let set = topics.bySelected.get(view.selected)
      if (!set) topics.bySelected.set(view.selected, (set = new Set()))
      set.add(view)
    }
    this.ensureTimer()
    return {
      viewId: view.viewId,
      totals: tree.totals(now),
      children,
      detail: this.snapshotDetail(view, tree, now),
    }
  }

  /** Topics matching an MQTT filter or a substring, anywhere in the tree (the renderer has only what it shows). */
  searchTopics(profileId: string, query: string, limit: number): { paths: string[]; truncated: boolean } {
    const tree = this.tree(profileId)
    const wildcard = isWildcardFilter(query) && topicFilterError(query) === null
    const needle = query.toLowerCase()
    const paths: string[] = []
    const stack: [TopicNode, string | null][] = [[tree.root, null]]
    while (stack.length > 0) {
      const [n, p] = stack.pop()!
      if (p !== null && n.own > 0 && (wildcard ? topicMatches(query, p) : p.toLowerCase().includes(needle))) {
        if (paths.length === limit) return { paths: paths.sort(), truncated: true }
        paths.push(p)
      }
      if (n.children)
        for (const c of n.children.values()) stack.push([c, p === null ? c.name : `${p}/${c.name}`])
    }
    return { paths: paths.sort(), truncated: false }
  }

  closeView(clientId: string, viewId: string): void {
    const view = this.views.get(`${clientId}\u0000${viewId}`)
    if (view) this.detach(view)
  }

  /** A window or socket went away: its views go with it. */
  releaseClient(clientId: string): void {
    for (const view of [...this.views.values()]) if (view.clientId === clientId) this.detach(view)
  }

  /** Makes and sends the deltas; runs on a timer, exposed for tests and benchmarks. */
  tick(): void {
    const now = this.now()
    for (const [profileId, topics] of this.profiles) {
      const dirty = topics.tree.takeDirty()
      if (topics.views.size === 0) continue
      // First the visible changed nodes of every view, then their summaries in one go (one history
      // read for the previews), then a delta per view.
      const visibleTo = new Map<View, TopicNode[]>()
      const wanted = new Map<TopicNode, string>()
      for (const view of topics.views) {
        if (view.unresolved.length > 0) this.resolve(view, topics.tree)
        const nodes: TopicNode[] = []
        for (const n of dirty) {
          if (n.parent === null) continue // the root: its figures are the totals
          if (n.parent.parent === null || view.expanded.has(n.parent)) {
            nodes.push(n)
            if (!wanted.has(n)) wanted.set(n, topics.tree.pathOf(n))
          }
        }
        visibleTo.set(view, nodes)
      }
      const made = this.summaries(topics.tree, [...wanted], now)
      const summaries = new Map<TopicNode, NodeSummary>()
      let i = 0
      for (const n of wanted.keys()) summaries.set(n, made[i++]!)
      for (const view of topics.views) {
        const nodes = visibleTo.get(view)!.map((n) => summaries.get(n)!)
        const detail = view.detailDirty ? this.deltaDetail(view, topics.tree, now) : null
        if (nodes.length === 0 && detail === null && dirty.length === 0) continue
        this.emit(
          {
            type: 'tree.delta',
            profileId,
            viewId: view.viewId,
            totals: topics.tree.totals(now),
            nodes,
            removed: [],
            detail,
          },
          view.clientId,
        )
      }
    }
  }

  close(): void {
    if (this.timer) clearInterval(this.timer)
    this.timer = null
  }

  private topics(profileId: string): ProfileTopics {
    let t = this.profiles.get(profileId)
    if (!t) {
      t = { tree: new TopicTree(), views: new Set(), bySelected: new Map() }
      this.profiles.set(profileId, t)
      for (const last of this.history.topicLasts(profileId)) t.tree.restore(last)
    }
    // The tick also empties the dirty lists, so it runs while any tree exists, viewed or not.
    this.ensureTimer()
    return t
  }

  private detach(view: View): void {
    this.views.delete(`${view.clientId}\u0000${view.viewId}`)
    const topics = this.profiles.get(view.profileId)
    if (!topics) return
    topics.views.delete(view)
    if (view.selected !== null) {
      const set = topics.bySelected.get(view.selected)
      set?.delete(view)
      if (set?.size === 0) topics.bySelected.delete(view.selected)
    }
  }

  /** Summaries of nodes, their previews read from the history in one query where the node has none. */
  private summaries(tree: TopicTree, entries: [TopicNode, string][], now: number): NodeSummary[] {
    const ids: number[] = []
    for (const [n] of entries) if (tree.needsPreview(n)) ids.push(n.lastId)
    const heads = this.history.heads(ids, TREE_PREVIEW_BYTES)
    return entries.map(([n, path]) => {
      if (!tree.needsPreview(n)) return tree.summarize(n, path, now)
      const head = heads.get(n.lastId)
      return tree.summarize(n, path, now, head ? payloadPreview(head, TREE_PREVIEW_BYTES).preview : null)
    })
  }

  private resolve(view: View, tree: TopicTree): void {
    view.unresolved = view.unresolved.filter((path) => {
      const node = tree.nodeFor(path)
      if (node) view.expanded.add(node)
      return !node
    })
  }

  private ensureTimer(): void {
    if (this.timer) return
    this.timer = setInterval(() => this.tick(), DELTA_INTERVAL_MS)
    this.timer.unref()
  }

  private snapshotDetail(view: View, tree: TopicTree, now: number): TopicDetail | null {
    if (view.selected === null) return null
    const node = tree.nodeFor(view.selected)
    const records = this.history.topicMessages(view.profileId, view.selected, null, SNAPSHOT_SERIES)
    const series: SeriesPoint[] = []
    for (let i = records.length - 1; i >= 0; i--) {
      const r = records[i]!
      const v = numericValue(r.payload, view.chartField)
      if (v !== null) series.push([r.receivedAt, v])
    }
    return {
      path: view.selected,
      node: node ? this.summaries(tree, [[node, view.selected]], now)[0]! : null,
      messages: records.slice(0, SNAPSHOT_MESSAGES).map(summarize),
      skipped: 0,
      series,
      numericFields: records[0] ? numericFields(records[0].payload) : [],
      olderAvailable: records.length > SNAPSHOT_MESSAGES,
    }
  }

  private deltaDetail(view: View, tree: TopicTree, now: number): TopicDetail {
    const path = view.selected!
    const node = tree.nodeFor(path)
    const messages = view.pendingMessages.reverse()
    const detail: TopicDetail = {
      path,
      node: node ? this.summaries(tree, [[node, path]], now)[0]! : null,
      messages,
      skipped: view.skipped,
      series: view.pendingSeries,
      numericFields: node && node.own > 0 ? this.lastNumericFields(node) : [],
      olderAvailable: false,
    }
    view.pendingMessages = []
    view.pendingSeries = []
    view.skipped = 0
    view.detailDirty = false
    return detail
  }

  private lastNumericFields(node: TopicNode): string[] {
    try {
      return numericFields(this.history.message(node.lastId).payload)
    } catch {
      return []
    }
  }
}
