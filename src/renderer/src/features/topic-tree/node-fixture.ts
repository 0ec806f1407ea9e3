import type { NodeSummary, TreeDelta, TreeSnapshot } from '../../../../shared/topic-tree'

/** Test helpers: a NodeSummary with sensible defaults, snapshots and deltas around them. */
export function node(path: string, over: Partial<NodeSummary> = {}): NodeSummary {
  return {
    path,
    messages: 1,
    own: 1,
    topics: 1,
    children: 0,
    lastAt: 1000,
    rate: 0,
    last: null,
    retained: false,
    live: true,
    ...over,
  }
}

export const totals = { messages: 0, topics: 0, nodes: 0, rate: 0 }

export function snapshot(children: TreeSnapshot['children'], viewId = 'v1'): TreeSnapshot {
  return { viewId, totals, children, detail: null }
}

export function delta(nodes: TreeDelta['nodes'], removed: string[] = [], viewId = 'v1'): TreeDelta {
  return { type: 'tree.delta', profileId: 'p1', viewId, totals, nodes, removed, detail: null }
}
