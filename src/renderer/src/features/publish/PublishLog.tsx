import { ActionIcon, Badge, Button, Group, Paper, Stack, Text, Tooltip } from '@mantine/core'
import { IconFileImport, IconRefresh, IconTrash } from '@tabler/icons-react'
import { memo, useState } from 'react'
import type { PublishLogEntry } from '../../../../shared/publish'
import { api } from '../../api/client'
import { notifyError, notifySuccess } from '../../stores/notices-store'
import { usePublishLog, usePublishLogStore } from '../../stores/publish-log-store'
import { formatBytes, formatDateTime, formatTime } from '../topic-detail/format-units'
import { logEntryText, targetText } from './publish-result-text'

const TONE_COLOR = { ok: 'green', warn: 'orange', error: 'red' } as const

/**
 * The connection's publish log, newest first and live: what was sent, when, where, its size and a
 * preview, and what the broker said; each row re-sends with one click or goes back into the editor.
 */
export function PublishLog({
  profileId,
  onLoad,
}: {
  profileId: string
  onLoad(entry: PublishLogEntry): void
}) {
  const entries = usePublishLog(profileId)
  const loadError = usePublishLogStore((s) => s.loadError[profileId] ?? null)
  const [clearing, setClearing] = useState(false)

  async function clear() {
    setClearing(true)
    try {
      const removed = await usePublishLogStore.getState().clear(profileId)
      notifySuccess('Publish log cleared', `${removed} ${removed === 1 ? 'entry' : 'entries'} removed`)
    } catch (err) {
      notifyError('Could not clear the publish log', err)
    } finally {
      setClearing(false)
    }
  }

  return (
    <Stack gap={6} data-testid="publish-log" data-count={entries.length}>
      <Group justify="space-between" gap="xs">
        <Group gap={6}>
          <Text fw={600} size="sm">
            Publish log
          </Text>
          <Badge size="sm" variant="light" color="gray" data-testid="publish-log-count">
            {entries.length}
          </Badge>
        </Group>
        <Button
          size="compact-xs"
          variant="subtle"
          color="red"
          leftSection={<IconTrash size={12} />}
          disabled={entries.length === 0}
          loading={clearing}
          onClick={() => void clear()}
          data-testid="publish-log-clear"
        >
          Clear log
        </Button>
      </Group>
      {loadError && (
        <Text size="xs" c="red" className="reason-text" data-testid="publish-log-error">
          Could not read the log: {loadError}
        </Text>
      )}
      {entries.length === 0 ? (
        <Text size="sm" c="dimmed" data-testid="publish-log-empty">
          Nothing sent from here yet.
        </Text>
      ) : (
        <Stack gap={4}>
          {entries.map((e) => (
            <LogRow key={e.id} entry={e} onLoad={onLoad} />
          ))}
        </Stack>
      )}
    </Stack>
  )
}

const LogRow = memo(function LogRow({
  entry,
  onLoad,
}: {
  entry: PublishLogEntry
  onLoad(entry: PublishLogEntry): void
}) {
  const [resending, setResending] = useState(false)
  const outcome = logEntryText(entry)

  async function resend() {
    setResending(true)
    try {
      // the new row arrives as a `publish.logged` event
      await api().resendPublish({ id: entry.id })
    } catch (err) {
      notifyError('Could not send it again', err)
    } finally {
      setResending(false)
    }
  }

  return (
    <Paper
      withBorder
      radius="sm"
      px="xs"
      py={6}
      className="publish-log-row"
      data-testid="publish-log-row"
      data-id={entry.id}
      data-tone={outcome.tone}
      data-sent={entry.sent}
      data-count={entry.count}
    >
      <Group justify="space-between" wrap="nowrap" gap="xs" align="flex-start">
        <Stack gap={2} style={{ minWidth: 0, flex: 1 }}>
          <Group gap={6} wrap="nowrap" style={{ minWidth: 0 }}>
            <Text size="xs" c="dimmed" title={formatDateTime(entry.at)} style={{ flex: 'none' }}>
              {formatTime(entry.at)}
            </Text>
            <Text size="xs" className="mono publish-log-target" fw={500} data-testid="publish-log-target">
              {targetText(entry.target)}
            </Text>
            {entry.template && (
              <Badge size="xs" variant="light" color="violet" style={{ flex: 'none' }}>
                template
              </Badge>
            )}
            {entry.count > 1 && (
              <Badge size="xs" variant="light" color="blue" style={{ flex: 'none' }}>
                ×{entry.count.toLocaleString('en-US')}
              </Badge>
            )}
          </Group>
          <Group gap={6} wrap="nowrap" style={{ minWidth: 0 }}>
            <Text size="xs" c="dimmed" style={{ flex: 'none' }}>
              {formatBytes(entry.size)}
            </Text>
            <Text size="xs" c="dimmed" className="mono publish-log-preview" data-testid="publish-log-preview">
              {entry.preview === null ? '(binary)' : entry.preview === '' ? '(empty)' : entry.preview}
              {entry.previewTruncated ? '…' : ''}
            </Text>
          </Group>
          <Text
            size="xs"
            c={`var(--mantine-color-${TONE_COLOR[outcome.tone]}-text)`}
            className="publish-log-result"
            data-testid="publish-log-result"
          >
            {outcome.text}
          </Text>
        </Stack>
        <Group gap={2} wrap="nowrap" style={{ flex: 'none' }}>
          <Tooltip label="Load into the editor" openDelay={300}>
            <ActionIcon
              variant="subtle"
              color="gray"
              onClick={() => onLoad(entry)}
              aria-label="Load into the editor"
              data-testid="publish-log-load"
            >
              <IconFileImport size={16} />
            </ActionIcon>
          </Tooltip>
          <Tooltip label={entry.count > 1 ? 'Send it again (once)' : 'Send it again'} openDelay={300}>
            <ActionIcon
              variant="subtle"
              loading={resending}
              onClick={() => void resend()}
              aria-label="Send it again"
              data-testid="publish-log-resend"
            >
              <IconRefresh size={16} />
            </ActionIcon>
          </Tooltip>
        </Group>
      </Group>
    </Paper>
  )
})
