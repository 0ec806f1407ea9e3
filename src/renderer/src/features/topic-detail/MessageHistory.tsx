import { ActionIcon, Badge, Button, Checkbox, Group, Text, Tooltip } from '@mantine/core'
import { IconArrowsDiff } from '@tabler/icons-react'
import { useVirtualizer } from '@tanstack/react-virtual'
import { memo, useRef } from 'react'
import type { MessageSummary } from '../../../../shared/messages'
import { formatBytes, formatTime } from './format-units'

const ROW = 28
const HEIGHT = 240

export interface HistoryProps {
  messages: readonly MessageSummary[]
  skipped: number
  /** The message shown above, when the user picked one rather than following the latest. */
  pinnedId: number | null
  picked: readonly number[]
  olderDone: boolean
  loadingOlder: boolean
  onPin(id: number): void
  onPick(id: number, on: boolean): void
  onCompareWithPrevious(index: number): void
  onLoadOlder(): void
}

/** The topic's recent messages, newest first, as a virtual list: pick one to show, two to compare. */
export function MessageHistory(p: HistoryProps) {
  const scroll = useRef<HTMLDivElement>(null)
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is read in render on purpose
  const virtualizer = useVirtualizer({
    count: p.messages.length,
    getScrollElement: () => scroll.current,
    estimateSize: () => ROW,
    overscan: 8,
    getItemKey: (i) => p.messages[i]?.id ?? i,
  })
  return (
    <div data-testid="detail-history" data-count={p.messages.length}>
      <div
        ref={scroll}
        className="history-scroll"
        style={{ height: Math.min(HEIGHT, Math.max(ROW * 2, p.messages.length * ROW)) }}
      >
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((item) => {
            const m = p.messages[item.index]
            if (!m) return null
            return (
              <HistoryRow
                key={m.id}
                message={m}
                index={item.index}
                start={item.start}
                pinned={m.id === p.pinnedId}
                picked={p.picked.includes(m.id)}
                hasPrevious={item.index + 1 < p.messages.length}
                props={p}
              />
            )
          })}
        </div>
        {p.messages.length === 0 && (
          <Text size="sm" c="dimmed" p="xs">
            No messages on this topic itself.
          </Text>
        )}
      </div>
      <Group justify="space-between" mt={6} gap="xs">
        <Text size="xs" c="dimmed">
          {p.messages.length.toLocaleString()} shown
          {p.skipped > 0
            ? ` · ${p.skipped.toLocaleString()} more arrived too fast to list (kept in the history)`
            : ''}
          {p.picked.length === 1 ? ' · pick one more to compare' : ''}
        </Text>
        <Button
          size="compact-xs"
          variant="subtle"
          onClick={p.onLoadOlder}
          loading={p.loadingOlder}
          disabled={p.olderDone || p.messages.length === 0}
          data-testid="history-load-older"
        >
          {p.olderDone ? 'No older messages' : 'Load older'}
        </Button>
      </Group>
    </div>
  )
}

const HistoryRow = memo(function HistoryRow({
  message: m,
  index,
  start,
  pinned,
  picked,
  hasPrevious,
  props,
}: {
  message: MessageSummary
  index: number
  start: number
  pinned: boolean
  picked: boolean
  hasPrevious: boolean
  props: HistoryProps
}) {
  const preview =
    m.preview === null
      ? `‹binary ${formatBytes(m.size)}›`
      : m.size === 0
        ? '‹empty›'
        : m.preview.replace(/\s+/g, ' ')
  return (
    <div
      className="history-row"
      data-pinned={pinned}
      data-testid="history-row"
      data-id={m.id}
      style={{ transform: `translateY(${start}px)` }}
      onClick={() => props.onPin(m.id)}
    >
      <Checkbox
        size="xs"
        checked={picked}
        onChange={(e) => props.onPick(m.id, e.currentTarget.checked)}
        onClick={(e) => e.stopPropagation()}
        aria-label="Pick to compare"
        data-testid="history-pick"
      />
      <Text span size="xs" className="mono history-time">
        {formatTime(m.receivedAt)}
      </Text>
      <Text span size="xs" c="dimmed" className="history-size">
        {formatBytes(m.size)}
      </Text>
      {m.retain && (
        <Badge size="xs" variant="light" color="teal" radius="sm" style={{ flex: 'none' }}>
          R
        </Badge>
      )}
      <span className="history-preview mono">
        {preview}
        {m.previewTruncated ? '…' : ''}
      </span>
      {hasPrevious && (
        <Tooltip label="Compare with the previous message" withArrow openDelay={300}>
          <ActionIcon
            size="sm"
            variant="subtle"
            color="gray"
            className="history-compare"
            onClick={(e) => {
              e.stopPropagation()
              props.onCompareWithPrevious(index)
            }}
            aria-label="Compare with the previous message"
            data-testid="history-compare-previous"
          >
            <IconArrowsDiff size={14} />
          </ActionIcon>
        </Tooltip>
      )}
    </div>
  )
})
