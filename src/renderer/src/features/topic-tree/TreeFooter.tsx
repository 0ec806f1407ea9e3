import { Badge, Group, Text, Tooltip } from '@mantine/core'
import { formatCount, formatRate } from '../topic-detail/format-units'
import { useTreeProtocol, useTreeView } from './tree-view-context'
import { treeWords } from './tree-words'

/** Totals of the whole tree (not just what is loaded), the link state, and what the filter found. */
export function TreeFooter({ offline }: { offline: boolean }) {
  const totals = useTreeView((s) => s.totals)
  const { leaf } = treeWords(useTreeProtocol())
  const filterIndex = useTreeView((s) => s.filterIndex)
  const search = useTreeView((s) => (s.search?.text === s.filterText ? s.search : null))
  // the core's count covers every topic; the loaded nodes' count is all there is until it answers
  const matches = search ? search.paths.length : (filterIndex?.matches.size ?? 0)
  return (
    <Group className="tree-footer" gap={8} wrap="nowrap" justify="space-between">
      <Text
        size="xs"
        c="dimmed"
        data-testid="tree-totals"
        style={{ whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' }}
      >
        {totals
          ? `${formatCount(totals.messages)} messages · ${formatCount(totals.topics)} ${leaf(totals.topics)} · ${formatRate(totals.rate)}`
          : '…'}
      </Text>
      <Group gap={6} wrap="nowrap">
        {filterIndex && (
          <Tooltip
            label={
              search?.truncated
                ? `More topics match: the first ${formatCount(matches)} are opened. Narrow the filter to see the rest.`
                : filterIndex.truncated
                  ? 'The filter would open too many nodes: narrow it to see every match'
                  : search
                    ? 'Topics matching anywhere in the tree'
                    : 'Matches among the topics loaded in the tree (searching all of them…)'
            }
            withArrow
            multiline
            w={240}
          >
            <Text
              size="xs"
              c={search?.truncated || filterIndex.truncated ? 'orange' : 'dimmed'}
              data-testid="tree-filter-count"
              data-source={search ? 'core' : 'loaded'}
              style={{ whiteSpace: 'nowrap' }}
            >
              {formatCount(matches)} match{matches === 1 ? '' : 'es'}
              {search?.truncated
                ? ` (first ${formatCount(matches)})`
                : filterIndex.truncated
                  ? ' (partial)'
                  : ''}
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
