import { IconChevronRight } from '@tabler/icons-react'
import { memo, useState, type MouseEvent } from 'react'
import type { TreeRow } from './flatten-rows'
import { previewText, rowTitle, visibleLevel } from './row-text'
import { useTreeProtocol, useTreeView, useTreeViewStore } from './tree-view-context'
import { treeWords } from './tree-words'

export const ROW_HEIGHT = 26
const INDENT = 14

export interface RowHandlers {
  onSelect(path: string): void
  onToggle(path: string): void
  onMenu(path: string, x: number, y: number): void
}

/**
 * One line of the tree. Reads its node from the store by path, so a delta renders only the rows
 * whose node changed (and only those on screen exist at all). The flash is a span keyed by the
 * node's change number: a new key restarts the CSS animation, and a row scrolled into view does not
 * flash for changes from before it appeared.
 */
export const TreeRowView = memo(function TreeRowView({
  row,
  start,
  selected,
  handlers,
}: {
  row: TreeRow
  start: number
  selected: boolean
  handlers: RowHandlers
}) {
  const store = useTreeViewStore()
  const node = useTreeView((s) => s.model.nodes.get(row.path))
  const expanded = useTreeView((s) => s.shownExpanded.has(row.path))
  const changed = useTreeView((s) => s.model.changedSeq.get(row.path) ?? 0)
  const [mountedAt] = useState(() => store.getState().model.seq)
  const { leaf } = treeWords(useTreeProtocol())
  const hasChildren = (node?.children ?? 0) > 0
  const level = visibleLevel(row.path)
  const preview = node ? previewText(node) : ''
  const parent = hasChildren || (node?.topics ?? 0) > 1

  const onClick = () => handlers.onSelect(row.path)
  const onChevron = (e: MouseEvent) => {
    e.stopPropagation()
    handlers.onToggle(row.path)
  }
  const onContextMenu = (e: MouseEvent) => {
    e.preventDefault()
    handlers.onSelect(row.path)
    handlers.onMenu(row.path, e.clientX, e.clientY)
  }

  return (
    <div
      role="treeitem"
      aria-level={row.depth + 1}
      aria-selected={selected}
      aria-expanded={hasChildren ? expanded : undefined}
      className="tree-row"
      data-selected={selected}
      data-dim={row.dim}
      data-testid={`tree-row-${row.path}`}
      data-messages={node?.messages ?? 0}
      data-retained={node?.retained ?? false}
      title={rowTitle(node, row.path, leaf)}
      style={{ transform: `translateY(${start}px)`, paddingLeft: 4 + row.depth * INDENT }}
      onClick={onClick}
      onDoubleClick={hasChildren ? onChevron : undefined}
      onContextMenu={onContextMenu}
    >
      {changed > mountedAt && <span key={changed} className="tree-row-flash" aria-hidden />}
      <span
        className="tree-chevron"
        data-open={expanded}
        onClick={hasChildren ? onChevron : undefined}
        aria-hidden
      >
        {hasChildren && <IconChevronRight size={14} />}
      </span>
      <span className="tree-name" data-empty={level.empty}>
        {level.text}
      </span>
      {preview && (
        <span className="tree-preview" data-binary={node?.last?.preview === null}>
          {preview}
        </span>
      )}
      <span className="tree-figures">
        {node?.retained && (
          <span className="tree-retained" title="Retained on the broker" data-testid="tree-retained">
            R
          </span>
        )}
        {parent && node && (
          <span className="tree-topics">
            {compact(node.topics)} {leaf(node.topics)}
          </span>
        )}
        <span className="tree-count">{node ? compact(node.messages) : ''}</span>
      </span>
    </div>
  )
})

/** 999, 1.2k, 45k, 1.3M: counts that fit a row. */
function compact(n: number): string {
  if (n < 1000) return String(n)
  if (n < 10_000) return `${(n / 1000).toFixed(1).replace(/\.0$/, '')}k`
  if (n < 1_000_000) return `${Math.round(n / 1000)}k`
  return `${(n / 1_000_000).toFixed(1).replace(/\.0$/, '')}M`
}
