import { ActionIcon, CloseButton, Group, SegmentedControl, Text, TextInput, Tooltip } from '@mantine/core'
import { IconFilter, IconFoldUp } from '@tabler/icons-react'
import { useEffect, useState } from 'react'
import type { SortMode } from './tree-model'
import { useTreeProtocol, useTreeView, useTreeViewStore } from './tree-view-context'
import { treeWords } from './tree-words'

/** Typing waits this long before the tree filters: each filter pass walks every loaded node. */
const FILTER_DEBOUNCE_MS = 150

/** Filter box and sort order above the tree. */
export function TreeToolbar() {
  const store = useTreeViewStore()
  const filterText = useTreeView((s) => s.filterText)
  const filter = useTreeView((s) => s.filter)
  const sort = useTreeView((s) => s.sort)
  const [text, setText] = useState(filterText)
  const words = treeWords(useTreeProtocol())

  useEffect(() => {
    if (text === store.getState().filterText) return
    const t = setTimeout(() => store.getState().setFilter(text), FILTER_DEBOUNCE_MS)
    return () => clearTimeout(t)
  }, [text, store])

  const mqtt = filter.kind === 'mqtt'
  return (
    <div className="tree-toolbar">
      <TextInput
        size="xs"
        placeholder={words.filterPlaceholder}
        value={text}
        onChange={(e) => setText(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') setText('')
          if (e.key === 'Enter') store.getState().setFilter(text)
        }}
        leftSection={<IconFilter size={14} />}
        rightSection={
          text ? <CloseButton size="xs" onClick={() => setText('')} aria-label="Clear the filter" /> : null
        }
        error={filter.kind === 'invalid' ? filter.error : undefined}
        classNames={{ input: 'mono' }}
        aria-label="Filter topics"
        data-testid="tree-filter"
        data-mode={filter.kind}
      />
      <Group gap={6} justify="space-between" wrap="nowrap" mt={6}>
        <SegmentedControl
          size="xs"
          value={sort}
          onChange={(v) => store.getState().setSort(v as SortMode)}
          data={[
            { value: 'name', label: 'Name' },
            { value: 'messages', label: 'Messages' },
            { value: 'recency', label: 'Recent' },
          ]}
          aria-label="Sort topics by"
          data-testid="tree-sort"
          data-value={sort}
        />
        <Group gap={4} wrap="nowrap">
          {mqtt && (
            <Text size="xs" c="violet" fw={600} title={words.patternNote.title}>
              {words.patternNote.label}
            </Text>
          )}
          <Tooltip label="Collapse all" withArrow openDelay={400}>
            <ActionIcon
              variant="subtle"
              color="gray"
              size="sm"
              onClick={() => store.getState().collapseAll()}
              aria-label="Collapse all"
              data-testid="tree-collapse-all"
            >
              <IconFoldUp size={15} />
            </ActionIcon>
          </Tooltip>
        </Group>
      </Group>
    </div>
  )
}
