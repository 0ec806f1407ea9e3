import {
  levelName,
  parentPath,
  type NodeSummary,
  type TreeDelta,
  type TreeSnapshot,
  type TreeTotals,
} from '../../../../shared/topic-tree'
import { naturalCompare, sortKey } from './natural-compare'

/**
 * The renderer's copy of the part of the core's topic tree it can see: the children of the root and
 * of every node it has expanded. Mutable on purpose: a delta touches a handful of nodes among maybe
 * 100,000, so copying maps per delta would cost more than everything else. The store around it bumps
 * a version number so React notices; rows read nodes from here by path.
 */

export type SortMode = 'name' | 'messages' | 'recency'

/** `null` is the root's key: the empty string is a real node (the empty first level of "/a"). */
export type ParentKey = string | null

interface ChildList {
  /** Child paths in the order of the last sort (new ones appended until the next one). */
  paths: string[]
  members: Set<string>
  sortedBy: SortMode | null
  /** What changed since the last sort: only the matching sort needs to run again. */
  membershipChanged: boolean
  messagesChanged: boolean
  recencyChanged: boolean
  sortedAt: number
}

/** Lists bigger than this re-sort by counts or recency at most every BIG_LIST_RESORT_MS. */
export const BIG_LIST = 5000
export const BIG_LIST_RESORT_MS = 2000

function newList(): ChildList {
  return {
    paths: [],
    members: new Set(),
    sortedBy: null,
    membershipChanged: true,
    messagesChanged: false,
    recencyChanged: false,
    sortedAt: 0,
  }
}

export class TreeModel {
  readonly nodes = new Map<string, NodeSummary>()
  private readonly keys = new Map<string, string>()
  private readonly lists = new Map<ParentKey, ChildList>()
  /** Delta number and time of each node's last change, for the row's flash. */
  readonly changedSeq = new Map<string, number>()
  readonly changedAt = new Map<string, number>()
  seq = 0
  totals: TreeTotals | null = null

  hasChildrenLoaded(parent: ParentKey): boolean {
    return this.lists.has(parent)
  }

  /** The snapshot replaces the children of each parent it names; other parents keep what they had. */
  applySnapshot(snapshot: Pick<TreeSnapshot, 'children' | 'totals'>): void {
    this.totals = snapshot.totals
    for (const { parent, nodes } of snapshot.children) {
      const list = this.list(parent)
      const incoming = new Set<string>()
      for (const node of nodes) incoming.add(node.path)
      const kept: string[] = []
      for (const path of list.paths) {
        if (incoming.has(path)) kept.push(path)
        else this.removeSubtree(path)
      }
      // keep the previous order of known children so the next sort starts nearly sorted
      const members = new Set(kept)
      for (const node of nodes) {
        this.put(node)
        if (!members.has(node.path)) {
          members.add(node.path)
          kept.push(node.path)
        }
      }
      list.paths = kept
      list.members = members
      list.membershipChanged = true
    }
  }

  /** Applies one coalesced delta; returns the paths it changed. */
  applyDelta(delta: Pick<TreeDelta, 'nodes' | 'removed' | 'totals'>, now: number): string[] {
    this.seq++
    this.totals = delta.totals
    if (delta.removed.length > 0) {
      const byParent = new Map<ParentKey, Set<string>>()
      for (const path of delta.removed) {
        if (!this.nodes.has(path) && !this.lists.has(path)) continue
        const parent = parentPath(path)
        let set = byParent.get(parent)
        if (!set) byParent.set(parent, (set = new Set()))
        set.add(path)
        this.removeSubtree(path)
      }
      for (const [parent, gone] of byParent) {
        const list = this.lists.get(parent)
        if (!list) continue
        list.paths = list.paths.filter((p) => !gone.has(p))
        for (const p of gone) list.members.delete(p)
        list.membershipChanged = true
      }
    }
    const changed: string[] = []
    for (const node of delta.nodes) {
      const before = this.nodes.get(node.path)
      const list = this.list(parentPath(node.path))
      if (!list.members.has(node.path)) {
        list.members.add(node.path)
        list.paths.push(node.path)
        list.membershipChanged = true
      } else if (before) {
        if (before.messages !== node.messages) list.messagesChanged = true
        if (before.lastAt !== node.lastAt) list.recencyChanged = true
      }
      this.put(node)
      this.changedSeq.set(node.path, this.seq)
      this.changedAt.set(node.path, now)
      changed.push(node.path)
    }
    return changed
  }

  /**
   * The children of `parent` in `mode` order. Sorts only when something that mode depends on changed;
   * Array.prototype.sort (TimSort) is close to linear on the nearly sorted previous order.
   */
  children(parent: ParentKey, mode: SortMode, now: number): readonly string[] {
    const list = this.lists.get(parent)
    if (!list) return []
    const stale =
      list.sortedBy !== mode ||
      list.membershipChanged ||
      (mode === 'messages' && list.messagesChanged) ||
      (mode === 'recency' && list.recencyChanged)
    if (!stale) return list.paths
    const onlyCounts = list.sortedBy === mode && !list.membershipChanged
    // a huge flat level re-orders by live counts every couple of seconds, not every delta
    if (onlyCounts && list.paths.length > BIG_LIST && now - list.sortedAt < BIG_LIST_RESORT_MS)
      return list.paths
    list.paths.sort(this.comparator(mode))
    list.sortedBy = mode
    list.sortedAt = now
    list.membershipChanged = false
    list.messagesChanged = false
    list.recencyChanged = false
    return list.paths
  }

  comparator(mode: SortMode): (a: string, b: string) => number {
    const keys = this.keys
    const nodes = this.nodes
    const byName = (a: string, b: string) =>
      naturalCompare(keys.get(a) ?? '', keys.get(b) ?? '') || (a < b ? -1 : a > b ? 1 : 0)
    if (mode === 'name') return byName
    if (mode === 'messages')
      return (a, b) => (nodes.get(b)?.messages ?? 0) - (nodes.get(a)?.messages ?? 0) || byName(a, b)
    return (a, b) => (nodes.get(b)?.lastAt ?? -Infinity) - (nodes.get(a)?.lastAt ?? -Infinity) || byName(a, b)
  }

  private list(parent: ParentKey): ChildList {
    let list = this.lists.get(parent)
    if (!list) this.lists.set(parent, (list = newList()))
    return list
  }

  private put(node: NodeSummary): void {
    if (!this.keys.has(node.path)) this.keys.set(node.path, sortKey(levelName(node.path)))
    this.nodes.set(node.path, node)
  }

  /** Forgets a node and everything below it (the caller fixes the parent's list). */
  private removeSubtree(path: string): void {
    const stack = [path]
    for (let p = stack.pop(); p !== undefined; p = stack.pop()) {
      this.nodes.delete(p)
      this.keys.delete(p)
      this.changedSeq.delete(p)
      this.changedAt.delete(p)
      const list = this.lists.get(p)
      if (list) {
        for (const c of list.paths) stack.push(c)
        this.lists.delete(p)
      }
    }
  }

  /** Every loaded path, for filtering. */
  paths(): IterableIterator<string> {
    return this.nodes.keys()
  }
}
