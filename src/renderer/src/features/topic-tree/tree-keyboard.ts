import { parentPath } from '../../../../shared/topic-tree'
import type { TreeRow } from './flatten-rows'

/** What a key press in the tree asks for; the caller applies it and scrolls `select` into view. */
export interface TreeKeyAction {
  select?: string
  expand?: string
  collapse?: string
}

export interface TreeKeyContext {
  rows: readonly TreeRow[]
  selected: string | null
  isExpanded(path: string): boolean
  hasChildren(path: string): boolean
  /** Rows per page, for PageUp/PageDown. */
  page: number
}

/**
 * The tree's keyboard, as in a file manager: up/down move the selection, right expands or steps into
 * the first child, left collapses or steps out to the parent, Enter selects and opens or closes,
 * Home/End/PageUp/PageDown jump. Returns null for keys the tree does not handle.
 */
export function treeKeyAction(key: string, ctx: TreeKeyContext): TreeKeyAction | null {
  const { rows, selected } = ctx
  if (rows.length === 0) return null
  const at = selected === null ? -1 : rows.findIndex((r) => r.path === selected)
  const pathAt = (i: number) => rows[Math.max(0, Math.min(rows.length - 1, i))]?.path
  const select = (i: number): TreeKeyAction | null => {
    const path = pathAt(i)
    return path === undefined ? null : { select: path }
  }
  switch (key) {
    case 'ArrowDown':
      return select(at < 0 ? 0 : at + 1)
    case 'ArrowUp':
      return select(at < 0 ? 0 : at - 1)
    case 'Home':
      return select(0)
    case 'End':
      return select(rows.length - 1)
    case 'PageDown':
      return select(at < 0 ? 0 : at + ctx.page)
    case 'PageUp':
      return select(at < 0 ? 0 : at - ctx.page)
  }
  if (at < 0 || selected === null) return key === 'ArrowRight' || key === 'ArrowLeft' ? select(0) : null
  const row = rows[at]
  if (!row) return null
  switch (key) {
    case 'ArrowRight': {
      if (!ctx.hasChildren(selected)) return null
      if (!ctx.isExpanded(selected)) return { expand: selected }
      const next = rows[at + 1]
      return next && next.depth === row.depth + 1 ? { select: next.path } : null
    }
    case 'ArrowLeft': {
      if (ctx.isExpanded(selected) && ctx.hasChildren(selected)) return { collapse: selected }
      const parent = parentPath(selected)
      return parent === null ? null : { select: parent }
    }
    case 'Enter':
      if (!ctx.hasChildren(selected)) return { select: selected }
      return ctx.isExpanded(selected)
        ? { select: selected, collapse: selected }
        : { select: selected, expand: selected }
  }
  return null
}
