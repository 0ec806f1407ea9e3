import { Badge, Group, Text, Tooltip } from '@mantine/core'
import { formatCount, formatRate } from '../topic-detail/format-units'
import { useTreeView } from './tree-view-context'

/** Totals of the whole tree (not just what is loaded), the link state, and what the filter found. */
export function TreeFooter({ offline }: { offline: boolean }) {
  const totals = useTreeView((s) => s.totals)
  const filterIndex = useTreeView((s) => s.filterIndex)
  return (
    <Group className="tree-footer" gap={8} wrap="nowrap" justify="space-between">
      <Text
        size="xs"
        c="dimmed"
        data-testid="tree-totals"
        style={{ whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' }}
      >
        {totals
          ? `${formatCount(totals.messages)} messages · ${formatCount(totals.topics)} topics · ${formatRate(totals.rate)}`
          : '…'}
      </Text>
      <Group gap={6} wrap="nowrap">
        {filterIndex && (
          <Tooltip
            label={
              filterIndex.truncated
                ? 'The filter would open too many nodes: narrow it to see every match'
                : 'Matches among the topics loaded in the tree'
            }
            withArrow
            multiline
            w={240}
          >
            <Text
              size="xs"
              c={filterIndex.truncated ? 'orange' : 'dimmed'}
              data-testid="tree-filter-count"
              style={{ whiteSpace: 'nowrap' }}
            >
              {formatCount(filterIndex.matches.size)} match{filterIndex.matches.size === 1 ? '' : 'es'}
              {filterIndex.truncated ? ' (partial)' : ''}
            </Text>
          </Tooltip>
        )}
        {offline && (
          <Tooltip label="Not connected: the tree shows what was received before" withArrow>
            <Badge size="xs" color="gray" variant="light" data-testid="tree-offline">
              offline
            </Badge>
          </Tooltip>
        )}
      </Group>
    </Group>
  )
}
