import { Alert, Button, Code, Group, List, Loader, Modal, Stack, Text } from '@mantine/core'
import { IconAlertTriangle, IconCircleCheck } from '@tabler/icons-react'
import { useEffect, useState } from 'react'
import { naturalCompare } from '../topic-tree/natural-compare'
import { api } from '../../api/client'
import { useClearRetainedStore, type ClearRetainedTarget } from '../../stores/clear-retained-store'
import { notifySuccess } from '../../stores/notices-store'

/** Topics listed in the confirmation; the count covers them all. */
const LISTED = 20

/** Asks before clearing retained messages, saying exactly how many, then says how many were cleared. */
export function ClearRetainedModal() {
  const target = useClearRetainedStore((s) => s.target)
  const close = () => useClearRetainedStore.getState().close()
  return (
    <Modal
      opened={target !== null}
      onClose={close}
      centered
      size="lg"
      title={
        <Text fw={650}>
          {target?.subtree ? 'Clear retained messages in a subtree' : 'Clear a retained message'}
        </Text>
      }
      data-testid="clear-retained-modal"
    >
      {target && (
        <ClearRetainedBody
          key={`${target.profileId}\u0000${target.path}\u0000${target.subtree}`}
          target={target}
          onClose={close}
        />
      )}
    </Modal>
  )
}

type Phase =
  | { kind: 'counting' }
  | { kind: 'confirm'; count: number; topics: string[] }
  | { kind: 'clearing'; count: number; topics: string[] }
  | { kind: 'done'; cleared: number }
  | { kind: 'error'; error: string; count: number | null; topics: string[] }

function ClearRetainedBody({ target, onClose }: { target: ClearRetainedTarget; onClose(): void }) {
  const [phase, setPhase] = useState<Phase>({ kind: 'counting' })
  const where = target.path === '' ? '(empty level)' : target.path

  useEffect(() => {
    let live = true
    api()
      .previewClearRetained(target)
      .then(
        (r) =>
          live && setPhase({ kind: 'confirm', count: r.count, topics: [...r.topics].sort(naturalCompare) }),
      )
      .catch(
        (err: unknown) => live && setPhase({ kind: 'error', error: message(err), count: null, topics: [] }),
      )
    return () => {
      live = false
    }
  }, [target])

  async function confirm(count: number, topics: string[]) {
    setPhase({ kind: 'clearing', count, topics })
    try {
      const { cleared } = await api().clearRetained(target)
      setPhase({ kind: 'done', cleared })
      notifySuccess(`Cleared ${cleared} retained ${cleared === 1 ? 'message' : 'messages'}`)
    } catch (err) {
      setPhase({ kind: 'error', error: message(err), count, topics })
    }
  }

  if (phase.kind === 'counting') {
    return (
      <Group gap="sm">
        <Loader size="sm" />
        <Text size="sm">Counting retained topics under {where}…</Text>
      </Group>
    )
  }
  if (phase.kind === 'done') {
    return (
      <Stack gap="md">
        <Group gap="sm" wrap="nowrap">
          <IconCircleCheck size={22} color="var(--mantine-color-green-filled)" />
          <Text size="sm" data-testid="clear-retained-done" data-count={phase.cleared}>
            Cleared {phase.cleared} retained {phase.cleared === 1 ? 'message' : 'messages'}. The broker no
            longer sends
            {phase.cleared === 1 ? ' it' : ' them'} to new subscribers.
          </Text>
        </Group>
        <Group justify="flex-end">
          <Button onClick={onClose} data-autofocus data-testid="clear-retained-close">
            Close
          </Button>
        </Group>
      </Stack>
    )
  }
  const count = phase.kind === 'error' ? phase.count : phase.count
  const topics = phase.topics
  return (
    <Stack gap="md">
      {count !== null && (
        <Text size="sm" data-testid="clear-retained-count" data-count={count}>
          {count === 0 ? (
            <>
              There is no retained message {target.subtree ? 'in' : 'on'} <Code>{where}</Code> to clear.
            </>
          ) : (
            <>
              This clears <b>{count}</b> retained {count === 1 ? 'message' : 'messages'}{' '}
              {target.subtree ? 'in' : 'on'} <Code>{where}</Code>
              {target.subtree ? ' and below' : ''}.
            </>
          )}
        </Text>
      )}
      {topics.length > 0 && (
        <div>
          <List size="xs" spacing={2} className="clear-list" data-testid="clear-retained-topics">
            {topics.slice(0, LISTED).map((t) => (
              <List.Item key={t} className="mono">
                {t === '' ? '(empty level)' : t}
              </List.Item>
            ))}
          </List>
          {count !== null && count > LISTED && (
            <Text size="xs" c="dimmed" mt={4} data-testid="clear-retained-more">
              … and {count - LISTED} more
            </Text>
          )}
        </div>
      )}
      {count !== null && count > 0 && (
        <Text size="xs" c="dimmed">
          Brokerlens publishes an empty retained message to each topic (QoS 1), which makes the broker forget
          it. A device that publishes retained again brings it back.
        </Text>
      )}
      {phase.kind === 'error' && (
        <Alert
          color="red"
          variant="light"
          icon={<IconAlertTriangle size={16} />}
          title="Could not clear"
          data-testid="clear-retained-error"
        >
          <Text size="sm" className="reason-text">
            {phase.error}
          </Text>
        </Alert>
      )}
      <Group justify="flex-end" gap="sm">
        <Button variant="default" onClick={onClose} data-testid="clear-retained-cancel">
          Cancel
        </Button>
        <Button
          color="red"
          disabled={!count}
          loading={phase.kind === 'clearing'}
          onClick={() => count && void confirm(count, topics)}
          data-testid="clear-retained-confirm"
        >
          {count ? `Clear ${count} retained` : 'Nothing to clear'}
        </Button>
      </Group>
    </Stack>
  )
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err)
}
