import type { FilterIndex } from './tree-filter'
import type { SortMode, TreeModel } from './tree-model'

/** One line of the tree as the virtual list draws it. */
export interface TreeRow {
  path: string
  /** 0 for the top level. */
  depth: number
  /** Shown only as the way to a match, or below one, while a filter is on. */
  dim: boolean
}

export interface FlattenOptions {
  mode: SortMode
  /** Nodes whose children show (the user's, and the filter's). */
  expanded: ReadonlySet<string>
  filter: FilterIndex | null
  now: number
}

interface Frame {
  children: readonly string[]
  index: number
  depth: number
  /** Below a node the filter matches: everything the user opens there shows. */
  insideMatch: boolean
}

/**
 * The visible rows, top to bottom: a depth-first walk through the expanded nodes, children in sort
 * order. Iterative, so a topic 500 levels deep cannot overflow the stack; O(visible rows).
 */
export function flattenRows(model: TreeModel, opts: FlattenOptions): TreeRow[] {
  const { mode, expanded, filter, now } = opts
  const rows: TreeRow[] = []
  const stack: Frame[] = [
    { children: model.children(null, mode, now), index: 0, depth: 0, insideMatch: false },
  ]
  while (stack.length > 0) {
    const frame = stack[stack.length - 1]
    if (!frame || frame.index >= frame.children.length) {
      stack.pop()
      continue
    }
    const path = frame.children[frame.index++] ?? ''
    let dim = false
    let insideMatch = frame.insideMatch
    if (filter && !insideMatch) {
      if (filter.matches.has(path)) insideMatch = true
      else if (filter.ancestors.has(path)) dim = true
      else continue
    } else if (filter && !filter.matches.has(path)) {
      dim = true
    }
    rows.push({ path, depth: frame.depth, dim })
    if (expanded.has(path)) {
      stack.push({ children: model.children(path, mode, now), index: 0, depth: frame.depth + 1, insideMatch })
    }
  }
  return rows
}

/** Whether two row lists draw the same lines, so the old array (and React's work) can be kept. */
export function sameRows(a: readonly TreeRow[], b: readonly TreeRow[]): boolean {
  if (a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) {
    const x = a[i]
    const y = b[i]
    if (!x || !y || x.path !== y.path || x.depth !== y.depth || x.dim !== y.dim) return false
  }
  return true
}
