import { Menu } from '@mantine/core'
import { IconArrowsMaximize, IconArrowsMinimize, IconCopy, IconEraser } from '@tabler/icons-react'
import { useClearRetainedStore } from '../../stores/clear-retained-store'
import { useTreeProtocol, useTreeView, useTreeViewStore } from './tree-view-context'
import { treeWords } from './tree-words'

export interface MenuAt {
  path: string
  x: number
  y: number
}

/**
 * Right-click menu of a row, opened at the pointer: copy the topic, open or close, and (MQTT only)
 * clear retained.
 */
export function TreeContextMenu({ at, onClose }: { at: MenuAt | null; onClose(): void }) {
  const store = useTreeViewStore()
  const node = useTreeView((s) => (at ? s.model.nodes.get(at.path) : undefined))
  const expanded = useTreeView((s) => (at ? s.shownExpanded.has(at.path) : false))
  const profileId = store.getState().profileId
  const hasChildren = (node?.children ?? 0) > 0
  const retained = treeWords(useTreeProtocol()).retained
  return (
    <Menu
      opened={at !== null}
      onChange={(o) => !o && onClose()}
      position="bottom-start"
      offset={2}
      shadow="md"
      width={250}
      withinPortal
    >
      <Menu.Target>
        <div style={{ position: 'fixed', left: at?.x ?? 0, top: at?.y ?? 0, width: 1, height: 1 }} />
      </Menu.Target>
      <Menu.Dropdown data-testid="tree-row-menu">
        <Menu.Label
          className="mono"
          style={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'pre' }}
        >
          {at?.path === '' ? '(empty level)' : at?.path}
        </Menu.Label>
        <Menu.Item
          leftSection={<IconCopy size={15} />}
          onClick={() => at && void navigator.clipboard?.writeText(at.path)}
          data-testid="row-menu-copy"
        >
          Copy topic
        </Menu.Item>
        {hasChildren && at && (
          <Menu.Item
            leftSection={expanded ? <IconArrowsMinimize size={15} /> : <IconArrowsMaximize size={15} />}
            onClick={() => store.getState().setExpanded(at.path, !expanded)}
          >
            {expanded ? 'Collapse' : 'Expand'}
          </Menu.Item>
        )}
        {retained && <Menu.Divider />}
        {retained && (
          <Menu.Item
            leftSection={<IconEraser size={15} />}
            disabled={!node?.retained}
            onClick={() =>
              at && useClearRetainedStore.getState().open({ profileId, path: at.path, subtree: false })
            }
            data-testid="row-menu-clear-topic"
          >
            Clear retained message
          </Menu.Item>
        )}
        {retained && (
          <Menu.Item
            color="red"
            leftSection={<IconEraser size={15} />}
            disabled={!hasChildren}
            onClick={() =>
              at && useClearRetainedStore.getState().open({ profileId, path: at.path, subtree: true })
            }
            data-testid="row-menu-clear-subtree"
          >
            Clear retained in this subtree…
          </Menu.Item>
        )}
      </Menu.Dropdown>
    </Menu>
  )
}
