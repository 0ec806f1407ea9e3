import { Button, Group, Text } from '@mantine/core'
import { IconChevronDown } from '@tabler/icons-react'
import { useVirtualizer } from '@tanstack/react-virtual'
import { useId, useMemo, useRef, useState, type KeyboardEvent } from 'react'
import {
  containerPaths,
  containerPreview,
  isContainer,
  nodeKey,
  nodeKind,
  openFlags,
  parseOutline,
  scalarLength,
  scalarText,
  visibleRows,
  type JsonOutline,
  type OpenBase,
} from './json-outline'
import { DecodeFailure } from './DecodeFailure'

const ROW = 20
const INDENT = 16

interface OpenState {
  base: OpenBase
  /** Paths of containers the user flipped against `base`. */
  toggled: ReadonlySet<string>
}

/**
 * JSON as a collapsible tree: one row per value, keys and values coloured by type, closed containers
 * with a preview and their number of children. Only the rows in view are in the page, so a document
 * of 100,000 values opens as fast as one of ten. Which nodes are open is kept by path, so the next
 * message of a live topic keeps the user's folds.
 *
 * Keyboard: ↑/↓ move, → opens (or steps in), ← closes (or steps out), Enter/Space toggles,
 * Home/End jump.
 */
export function JsonTreeView({
  text,
  height,
  bytes,
  testId = 'payload-tree',
}: {
  text: string
  /** CSS max height of the scroll box. */
  height: string
  /** The raw payload, shown in hex under the error if the text is not JSON after all. */
  bytes: Uint8Array
  testId?: string
}) {
  const parsed = useMemo(() => parseOutline(text), [text])
  if (!parsed.ok)
    return (
      <DecodeFailure
        title="Not valid JSON"
        error={`${parsed.message} (at character ${parsed.offset.toLocaleString()})`}
        bytes={bytes}
        height={height}
      />
    )
  return <Tree outline={parsed.outline} height={height} testId={testId} />
}

function Tree({ outline, height, testId }: { outline: JsonOutline; height: string; testId: string }) {
  const [open, setOpen] = useState<OpenState>({ base: 'auto', toggled: new Set() })
  // the active row, by node, so it stays put while rows above it open or close
  const [activeNode, setActiveNode] = useState(0)
  const paths = useMemo(() => containerPaths(outline), [outline])
  const flags = useMemo(() => openFlags(outline, paths, open.base, open.toggled), [outline, paths, open])
  const rows = useMemo(() => visibleRows(outline, flags), [outline, flags])
  const scroll = useRef<HTMLDivElement>(null)
  const baseId = useId()
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is read in render on purpose
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroll.current,
    estimateSize: () => ROW,
    overscan: 12,
  })

  const active = activeNode < outline.count ? activeNode : 0
  const activeRow = indexOfRow(rows, active)

  function toggle(node: number, want?: boolean) {
    if (!isContainer(outline, node)) return
    const isOpen = flags[node] === 1
    if (want !== undefined && want === isOpen) return
    const path = paths.get(node)!
    const toggled = new Set(open.toggled)
    if (toggled.has(path)) toggled.delete(path)
    else toggled.add(path)
    setOpen({ base: open.base, toggled })
  }

  function moveTo(row: number) {
    const r = Math.max(0, Math.min(rows.length - 1, row))
    const node = rows[r]
    if (node === undefined) return
    setActiveNode(node)
    virtualizer.scrollToIndex(r, { align: 'auto' })
  }

  function onKeyDown(e: KeyboardEvent<HTMLDivElement>) {
    const row = activeRow < 0 ? 0 : activeRow
    const page = Math.max(1, Math.floor((scroll.current?.clientHeight ?? ROW * 10) / ROW) - 1)
    const actions: Record<string, () => void> = {
      ArrowDown: () => moveTo(row + 1),
      ArrowUp: () => moveTo(row - 1),
      PageDown: () => moveTo(row + page),
      PageUp: () => moveTo(row - page),
      Home: () => moveTo(0),
      End: () => moveTo(rows.length - 1),
      ArrowRight: () => {
        if (!isContainer(outline, active)) return
        if (!flags[active]) toggle(active, true)
        else if (outline.children[active]! > 0) moveTo(row + 1)
      },
      ArrowLeft: () => {
        if (isContainer(outline, active) && flags[active]) toggle(active, false)
        else if (outline.parent[active]! >= 0) moveTo(indexOfRow(rows, outline.parent[active]!))
      },
      Enter: () => toggle(active),
      ' ': () => toggle(active),
    }
    const action = actions[e.key]
    if (!action) return
    e.preventDefault()
    action()
  }

  const content = rows.length * ROW + 2
  return (
    <div data-testid={testId} data-rows={rows.length} data-nodes={outline.count}>
      <Group gap={6} mb={6} wrap="wrap">
        <Button
          size="compact-xs"
          variant="default"
          onClick={() => setOpen({ base: 'open', toggled: new Set() })}
          data-testid="payload-tree-expand-all"
        >
          Expand all
        </Button>
        <Button
          size="compact-xs"
          variant="default"
          onClick={() => setOpen({ base: 'closed', toggled: new Set() })}
          data-testid="payload-tree-collapse-all"
        >
          Collapse all
        </Button>
        <Text size="xs" c="dimmed">
          {outline.count.toLocaleString()} {outline.count === 1 ? 'value' : 'values'}
          {rows.length < outline.count ? ` · ${rows.length.toLocaleString()} shown` : ''}
        </Text>
      </Group>
      <div
        ref={scroll}
        className="pv-box"
        style={{ height: `min(${height}, ${content}px)` }}
        role="tree"
        aria-label="JSON tree"
        tabIndex={0}
        aria-activedescendant={activeRow >= 0 ? `${baseId}-${active}` : undefined}
        onKeyDown={onKeyDown}
      >
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative', minWidth: '100%' }}>
          {virtualizer.getVirtualItems().map((item) => {
            const node = rows[item.index]!
            return (
              <TreeRow
                key={node}
                outline={outline}
                node={node}
                open={flags[node] === 1}
                active={node === active}
                start={item.start}
                id={`${baseId}-${node}`}
                onToggle={toggle}
                onActivate={setActiveNode}
              />
            )
          })}
        </div>
      </div>
    </div>
  )
}

/** Rows are in document order, so a node's row is found by binary search. */
function indexOfRow(rows: Int32Array, node: number): number {
  let lo = 0
  let hi = rows.length - 1
  while (lo <= hi) {
    const mid = (lo + hi) >> 1
    const v = rows[mid]!
    if (v === node) return mid
    if (v < node) lo = mid + 1
    else hi = mid - 1
  }
  return -1
}

function TreeRow({
  outline,
  node,
  open,
  active,
  start,
  id,
  onToggle,
  onActivate,
}: {
  outline: JsonOutline
  node: number
  open: boolean
  active: boolean
  start: number
  id: string
  onToggle(node: number): void
  onActivate(node: number): void
}) {
  const kind = nodeKind(outline, node)
  const key = nodeKey(outline, node)
  const container = kind === 'object' || kind === 'array'
  const depth = outline.depth[node]!
  const children = outline.children[node]!
  const keyText = key === null ? null : typeof key === 'number' ? String(key) : JSON.stringify(key)
  const cut = !container && scalarLength(outline, node) > 400
  return (
    <div
      id={id}
      className="pv-tree-row"
      role="treeitem"
      aria-level={depth + 1}
      aria-expanded={container ? open : undefined}
      aria-selected={active}
      data-active={active}
      data-testid="payload-tree-row"
      data-key={key === null ? '' : String(key)}
      data-kind={kind}
      style={{ transform: `translateY(${start}px)`, paddingLeft: 4 + depth * INDENT }}
      onClick={() => onActivate(node)}
    >
      {container ? (
        <button
          type="button"
          className="pv-tree-toggle"
          tabIndex={-1}
          aria-expanded={open}
          aria-label={open ? 'Collapse' : 'Expand'}
          data-testid="payload-tree-toggle"
          onClick={(e) => {
            e.stopPropagation()
            onActivate(node)
            onToggle(node)
          }}
        >
          <IconChevronDown size={13} />
        </button>
      ) : (
        <span className="pv-tree-spacer" />
      )}
      <span className="pv-tree-value">
        {keyText !== null && (
          <>
            <span className={typeof key === 'number' ? 'pv-index' : 'pv-key'}>{keyText}</span>
            <span className="pv-punct">: </span>
          </>
        )}
        {container ? (
          open ? (
            <span className="pv-punct">{kind === 'object' ? '{ }' : '[ ]'}</span>
          ) : (
            <span className="pv-preview">{containerPreview(outline, node)}</span>
          )
        ) : (
          <span className={`pv-${kind}`}>{scalarText(outline, node)}</span>
        )}
      </span>
      {container && (
        <span className="pv-count">
          {children.toLocaleString()}{' '}
          {kind === 'object' ? (children === 1 ? 'key' : 'keys') : children === 1 ? 'item' : 'items'}
        </span>
      )}
      {cut && <span className="pv-cut">{scalarLength(outline, node).toLocaleString()} chars — see Text</span>}
    </div>
  )
}
