import { ActionIcon, Badge, Button, CopyButton, Group, Text, Tooltip } from '@mantine/core'
import { IconCheck, IconCopy, IconEraser } from '@tabler/icons-react'
import type { NodeSummary } from '../../../../shared/topic-tree'
import { useClearRetainedStore } from '../../stores/clear-retained-store'
import { useTreeProtocol } from '../topic-tree/tree-view-context'
import { treeWords } from '../topic-tree/tree-words'
import { formatCount, formatRate, formatTime } from './format-units'

/** The selected topic, copyable, its figures, and (MQTT only) the clear-retained buttons. */
export function DetailHeader({
  profileId,
  path,
  node,
}: {
  profileId: string
  path: string
  node: NodeSummary | null
}) {
  const open = (subtree: boolean) => useClearRetainedStore.getState().open({ profileId, path, subtree })
  const words = treeWords(useTreeProtocol())
  return (
    <div className="detail-header">
      <Group gap={4} wrap="nowrap" align="flex-start">
        <Text className="mono detail-topic" fw={600} c="bright" data-testid="detail-topic" title={path}>
          {path === '' ? <span className="detail-empty-level">(empty level)</span> : path}
        </Text>
        <CopyButton value={path}>
          {({ copied, copy }) => (
            <Tooltip label={copied ? 'Copied' : 'Copy the topic'} withArrow>
              <ActionIcon
                size="sm"
                variant="subtle"
                color={copied ? 'teal' : 'gray'}
                onClick={copy}
                aria-label="Copy the topic"
                data-testid="detail-copy-topic"
              >
                {copied ? <IconCheck size={14} /> : <IconCopy size={14} />}
              </ActionIcon>
            </Tooltip>
          )}
        </CopyButton>
      </Group>
      <Group justify="space-between" gap="xs" mt={4} wrap="nowrap" align="center">
        <Group gap={6} wrap="wrap" data-testid="detail-summary" style={{ minWidth: 0 }}>
          {node && (
            <Text size="xs" c="dimmed">
              {summaryLine(node, words.leaf)}
            </Text>
          )}
          {node?.retained && (
            <Badge size="xs" variant="light" color="teal" data-testid="detail-retained">
              retained
            </Badge>
          )}
          {node && node.own > 0 && !node.live && (
            <Tooltip label="Known from the stored history; not received since the app started" withArrow>
              <Badge size="xs" variant="light" color="gray">
                history
              </Badge>
            </Tooltip>
          )}
        </Group>
        {words.retained && (
          <Group gap={6} wrap="nowrap">
            <Tooltip
              label={
                node?.retained
                  ? 'Clear the retained message of this topic'
                  : 'No retained message on this topic'
              }
              withArrow
            >
              <Button
                size="compact-xs"
                variant="default"
                leftSection={<IconEraser size={13} />}
                disabled={!node?.retained}
                onClick={() => open(false)}
                data-testid="clear-retained-topic"
              >
                Clear retained
              </Button>
            </Tooltip>
            <Tooltip label="Clear every retained message in this subtree" withArrow>
              <Button
                size="compact-xs"
                variant="light"
                color="red"
                leftSection={<IconEraser size={13} />}
                disabled={(node?.children ?? 0) === 0}
                onClick={() => open(true)}
                data-testid="clear-retained-subtree"
              >
                Subtree…
              </Button>
            </Tooltip>
          </Group>
        )}
      </Group>
    </div>
  )
}

/** "3 messages · 0.2/s · last 14:03:22.481" for a topic; subtree figures for a node with children. */
function summaryLine(node: NodeSummary, leaf: (n: number) => string): string {
  const parts =
    node.children === 0
      ? [`${formatCount(node.own)} message${node.own === 1 ? '' : 's'}`]
      : [
          `${formatCount(node.own)} here`,
          `${formatCount(node.messages)} in subtree`,
          `${formatCount(node.topics)} ${leaf(node.topics)}`,
        ]
  parts.push(formatRate(node.rate))
  if (node.lastAt !== null) parts.push(`last ${formatTime(node.lastAt)}`)
  return parts.join(' · ')
}
