import { ActionIcon, Checkbox, Menu } from '@mantine/core'
import {
  IconChevronRight,
  IconCopy,
  IconDots,
  IconFileExport,
  IconFolder,
  IconFolderOpen,
  IconPencil,
  IconPlayerPlay,
  IconTrash,
} from '@tabler/icons-react'
import { memo } from 'react'
import type { SavedPayloadSummary } from '../../../../shared/saved-payloads'
import { formatBytes } from '../topic-detail/format-units'
import type { SavedRow } from './saved-rows'

export const FOLDER_ROW = 30
export const PAYLOAD_ROW = 48
const INDENT = 16

export interface SavedRowHandlers {
  toggleFolder(path: string): void
  /** Ticks or unticks every payload of a folder. */
  selectFolder(path: string, on: boolean): void
  select(id: number, on: boolean): void
  replay(p: SavedPayloadSummary): void
  edit(p: SavedPayloadSummary): void
  duplicate(p: SavedPayloadSummary): void
  exportOne(p: SavedPayloadSummary): void
  remove(p: SavedPayloadSummary): void
}

/** A folder line (open/close, tick all inside) or a payload line (name, topic, size, preview, actions). */
export const SavedRowView = memo(function SavedRowView({
  row,
  start,
  checked,
  handlers,
}: {
  row: SavedRow
  start: number
  /** Payload: ticked. Folder: 'all', 'some' or 'none' of what it holds. */
  checked: boolean | 'some'
  handlers: SavedRowHandlers
}) {
  if (row.kind === 'folder') {
    return (
      <div
        className="saved-row saved-folder"
        style={{ transform: `translateY(${start}px)`, paddingLeft: 8 + row.depth * INDENT }}
        data-testid={`saved-folder-${row.path}`}
        data-open={row.open}
        onClick={() => handlers.toggleFolder(row.path)}
      >
        <span className="saved-chevron" data-open={row.open}>
          <IconChevronRight size={14} />
        </span>
        <Checkbox
          size="xs"
          checked={checked === true}
          indeterminate={checked === 'some'}
          onChange={(e) => handlers.selectFolder(row.path, e.currentTarget.checked)}
          onClick={(e) => e.stopPropagation()}
          aria-label={`Select everything in ${row.path}`}
        />
        {row.open ? (
          <IconFolderOpen size={16} className="saved-folder-icon" />
        ) : (
          <IconFolder size={16} className="saved-folder-icon" />
        )}
        <span className="saved-folder-name">{row.name}</span>
        <span className="saved-folder-count">{row.count}</span>
      </div>
    )
  }
  const p = row.payload
  return (
    <div
      className="saved-row saved-payload"
      style={{ transform: `translateY(${start}px)`, paddingLeft: 8 + row.depth * INDENT + 20 }}
      data-testid="saved-payload"
      data-id={p.id}
      data-name={p.name}
      data-checked={checked === true}
      title={p.note || undefined}
      onClick={() => handlers.select(p.id, checked !== true)}
      onDoubleClick={() => handlers.edit(p)}
    >
      <Checkbox
        size="xs"
        checked={checked === true}
        onChange={(e) => handlers.select(p.id, e.currentTarget.checked)}
        onClick={(e) => e.stopPropagation()}
        aria-label={`Select ${p.name}`}
        data-testid="saved-payload-check"
      />
      <div className="saved-payload-text">
        <div className="saved-line">
          <span className="saved-name">{p.name}</span>
          <span className="saved-topic mono">{p.topic || '(no topic)'}</span>
          {p.qos !== null && <span className="saved-flag">Q{p.qos}</span>}
          {p.retain && (
            <span className="saved-flag" data-kind="retain">
              R
            </span>
          )}
          <span className="saved-size">{formatBytes(p.size)}</span>
        </div>
        <div className="saved-line">
          <span className="saved-preview mono" data-binary={p.preview === null && p.size > 0}>
            {p.size === 0
              ? '‹empty›'
              : p.preview === null
                ? `‹binary, ${formatBytes(p.size)}›`
                : `${p.preview.replace(/\s+/g, ' ')}${p.previewTruncated ? ' …' : ''}`}
          </span>
        </div>
      </div>
      <ActionIcon
        variant="subtle"
        color="grape"
        size="sm"
        onClick={(e) => {
          e.stopPropagation()
          handlers.replay(p)
        }}
        aria-label={`Replay ${p.name}`}
        data-testid="saved-payload-replay"
      >
        <IconPlayerPlay size={15} />
      </ActionIcon>
      <Menu position="bottom-end" withinPortal shadow="md">
        <Menu.Target>
          <ActionIcon
            variant="subtle"
            color="gray"
            size="sm"
            onClick={(e) => e.stopPropagation()}
            aria-label={`More for ${p.name}`}
            data-testid="saved-payload-menu"
          >
            <IconDots size={15} />
          </ActionIcon>
        </Menu.Target>
        <Menu.Dropdown onClick={(e) => e.stopPropagation()}>
          <Menu.Item
            leftSection={<IconPencil size={14} />}
            onClick={() => handlers.edit(p)}
            data-testid="saved-payload-edit"
          >
            Edit…
          </Menu.Item>
          <Menu.Item
            leftSection={<IconCopy size={14} />}
            onClick={() => handlers.duplicate(p)}
            data-testid="saved-payload-duplicate"
          >
            Duplicate
          </Menu.Item>
          <Menu.Item
            leftSection={<IconFileExport size={14} />}
            onClick={() => handlers.exportOne(p)}
            data-testid="saved-payload-export"
          >
            Export
          </Menu.Item>
          <Menu.Divider />
          <Menu.Item
            color="red"
            leftSection={<IconTrash size={14} />}
            onClick={() => handlers.remove(p)}
            data-testid="saved-payload-delete"
          >
            Delete…
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
    </div>
  )
})
