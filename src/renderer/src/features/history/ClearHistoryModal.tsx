import { Alert, Button, Code, Group, Loader, Modal, Stack, Text } from '@mantine/core'
import { IconAlertTriangle, IconCircleCheck } from '@tabler/icons-react'
import { useEffect, useState } from 'react'
import { api } from '../../api/client'
import { useHistoryStatsStore } from '../../stores/history-stats-store'
import { notifySuccess } from '../../stores/notices-store'
import { formatCount } from '../topic-detail/format-units'

export interface ClearHistoryTarget {
  profileId: string
  profileName: string
  /** A topic, a subtree filter (`a/#`), or null for the whole connection. */
  topic: string | null
}

type Phase =
  | { kind: 'counting' }
  | { kind: 'confirm'; count: number }
  | { kind: 'clearing'; count: number }
  | { kind: 'done'; removed: number }
  | { kind: 'error'; error: string; count: number | null }

/**
 * Asks before deleting stored messages, with how many (`countHistory` of the same scope), then
 * deletes them (`clearHistory`). Only the stored copies go; the broker is not touched.
 */
export function ClearHistoryModal({
  target,
  onClose,
}: {
  target: ClearHistoryTarget
  onClose(removed: number): void
}) {
  const [phase, setPhase] = useState<Phase>({ kind: 'counting' })
  const where = target.topic ?? `all of ${target.profileName}`

  useEffect(() => {
    let live = true
    api()
      .countHistory({ filter: { profileId: target.profileId, topic: target.topic } })
      .then(({ count }) => live && setPhase({ kind: 'confirm', count }))
      .catch((err: unknown) => live && setPhase({ kind: 'error', error: message(err), count: null }))
    return () => {
      live = false
    }
  }, [target])

  async function confirm(count: number) {
    setPhase({ kind: 'clearing', count })
    try {
      const { removed } = await api().clearHistory({ profileId: target.profileId, topic: target.topic })
      setPhase({ kind: 'done', removed })
      notifySuccess(`Deleted ${formatCount(removed)} stored ${removed === 1 ? 'message' : 'messages'}`)
      void useHistoryStatsStore.getState().load()
    } catch (err) {
      setPhase({ kind: 'error', error: message(err), count })
    }
  }

  const removed = phase.kind === 'done' ? phase.removed : 0
  const count =
    phase.kind === 'confirm' || phase.kind === 'clearing'
      ? phase.count
      : phase.kind === 'error'
        ? phase.count
        : null
  return (
    <Modal
      opened
      onClose={() => onClose(removed)}
      centered
      size="md"
      title={<Text fw={650}>Clear stored messages</Text>}
      data-testid="clear-history-modal"
    >
      {phase.kind === 'counting' && (
        <Group gap="sm">
          <Loader size="sm" />
          <Text size="sm">Counting stored messages of {where}…</Text>
        </Group>
      )}
      {phase.kind === 'done' && (
        <Stack gap="md">
          <Group gap="sm" wrap="nowrap">
            <IconCircleCheck size={22} color="var(--mantine-color-green-filled)" />
            <Text size="sm" data-testid="clear-history-done" data-removed={phase.removed}>
              Deleted {formatCount(phase.removed)} stored {phase.removed === 1 ? 'message' : 'messages'} of{' '}
              <Code>{where}</Code>.
            </Text>
          </Group>
          <Group justify="flex-end">
            <Button onClick={() => onClose(removed)} data-autofocus data-testid="clear-history-close">
              Close
            </Button>
          </Group>
        </Stack>
      )}
      {phase.kind !== 'counting' && phase.kind !== 'done' && (
        <Stack gap="md">
          {count !== null && (
            <Text size="sm" data-testid="clear-history-count" data-count={count}>
              {count === 0 ? (
                <>
                  No message of <Code>{where}</Code> is stored.
                </>
              ) : (
                <>
                  This deletes <b>{formatCount(count)}</b> stored {count === 1 ? 'message' : 'messages'} of{' '}
                  <Code>{where}</Code>. It cannot be undone; the broker is not touched.
                </>
              )}
            </Text>
          )}
          {phase.kind === 'error' && (
            <Alert color="red" variant="light" icon={<IconAlertTriangle size={16} />} title="Could not clear">
              <Text size="sm" className="reason-text">
                {phase.error}
              </Text>
            </Alert>
          )}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={() => onClose(0)} data-testid="clear-history-cancel">
              Cancel
            </Button>
            <Button
              color="red"
              disabled={!count}
              loading={phase.kind === 'clearing'}
              onClick={() => count && void confirm(count)}
              data-testid="clear-history-confirm"
            >
              {count ? `Delete ${formatCount(count)}` : 'Nothing to delete'}
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  )
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err)
}
