import { Alert, Button, Center, Loader, Stack, Text } from '@mantine/core'
import { IconAlertTriangle } from '@tabler/icons-react'
import { useVirtualizer } from '@tanstack/react-virtual'
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react'
import { TreeContextMenu, type MenuAt } from './TreeContextMenu'
import { TreeFooter } from './TreeFooter'
import { ROW_HEIGHT, TreeRowView, type RowHandlers } from './TreeRowView'
import { TreeToolbar } from './TreeToolbar'
import { treeKeyAction } from './tree-keyboard'
import { useTreeProtocol, useTreeView, useTreeViewStore } from './tree-view-context'
import { treeWords } from './tree-words'
import './topic-tree.css'

/**
 * The topic tree: toolbar, a virtual list of the visible rows (only those on screen are in the
 * DOM, whatever the tree holds), totals. Keyboard works on the focused list.
 */
export function TopicTree({ offline, onRetry }: { offline: boolean; onRetry(): void }) {
  const store = useTreeViewStore()
  const rows = useTreeView((s) => s.rows)
  const selected = useTreeView((s) => s.selected)
  const loaded = useTreeView((s) => s.loaded)
  const error = useTreeView((s) => s.error)
  const filterOn = useTreeView((s) => s.filter.kind !== 'none')
  const searched = useTreeView(
    (s) => s.filter.kind === 'invalid' || (s.search !== null && s.search.text === s.filterText),
  )
  const scrollRef = useRef<HTMLDivElement>(null)
  const [menu, setMenu] = useState<MenuAt | null>(null)
  const words = treeWords(useTreeProtocol())

  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is read in render on purpose
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
    getItemKey: (i) => rows[i]?.path ?? i,
  })

  const handlers = useMemo<RowHandlers>(
    () => ({
      onSelect: (path) => {
        store.getState().select(path)
        scrollRef.current?.focus({ preventScroll: true })
      },
      onToggle: (path) => store.getState().toggle(path),
      onMenu: (path, x, y) => setMenu({ path, x, y }),
    }),
    [store],
  )

  const scrollTo = useCallback(
    (path: string) => {
      const i = store.getState().rows.findIndex((r) => r.path === path)
      if (i >= 0) virtualizer.scrollToIndex(i, { align: 'auto' })
    },
    [store, virtualizer],
  )

  // keep the selection in view when rows move under it (a filter, a sort)
  useEffect(() => {
    if (selected !== null) scrollTo(selected)
  }, [selected, scrollTo])

  function onKeyDown(e: KeyboardEvent) {
    const s = store.getState()
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 300) / ROW_HEIGHT) - 1)
    const action = treeKeyAction(e.key, {
      rows: s.rows,
      selected: s.selected,
      page,
      isExpanded: (p) => s.shownExpanded.has(p),
      hasChildren: (p) => (s.model.nodes.get(p)?.children ?? 0) > 0,
    })
    if (!action) return
    e.preventDefault()
    if (action.expand !== undefined) s.setExpanded(action.expand, true)
    if (action.collapse !== undefined) s.setExpanded(action.collapse, false)
    if (action.select !== undefined) s.select(action.select)
  }

  const items = virtualizer.getVirtualItems()
  return (
    <div className="topic-tree" data-testid="topic-tree" data-rows={rows.length}>
      <TreeToolbar />
      <div
        ref={scrollRef}
        className="tree-scroll"
        role="tree"
        aria-label="Topics"
        tabIndex={0}
        onKeyDown={onKeyDown}
      >
        {!loaded && !error && (
          <Center h="100%">
            <Loader size="sm" />
          </Center>
        )}
        {error && (
          <Alert
            m="sm"
            color="red"
            variant="light"
            icon={<IconAlertTriangle size={16} />}
            title="The tree could not be loaded"
          >
            <Stack gap="xs" align="flex-start">
              <Text size="sm" className="reason-text">
                {error}
              </Text>
              <Button size="xs" variant="light" color="red" onClick={onRetry}>
                Try again
              </Button>
            </Stack>
          </Alert>
        )}
        {loaded && rows.length === 0 && (
          <Center h="100%" p="md">
            <Text size="sm" c="dimmed" ta="center" data-testid="tree-empty">
              {filterOn
                ? searched
                  ? 'No topic matches the filter.'
                  : 'No loaded topic matches the filter; searching all of them…'
                : offline
                  ? words.offlineEmpty
                  : words.waiting}
            </Text>
          </Center>
        )}
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {items.map((item) => {
            const row = rows[item.index]
            if (!row) return null
            return (
              <TreeRowView
                key={row.path}
                row={row}
                start={item.start}
                selected={row.path === selected}
                handlers={handlers}
              />
            )
          })}
        </div>
      </div>
      <TreeFooter offline={offline} />
      <TreeContextMenu at={menu} onClose={() => setMenu(null)} />
    </div>
  )
}
