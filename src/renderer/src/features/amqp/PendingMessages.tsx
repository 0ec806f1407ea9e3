import { ActionIcon, Alert, Button, Center, Group, Loader, Text, Tooltip } from '@mantine/core'
import { IconAlertTriangle, IconArrowBackUp, IconCheck, IconChecks, IconTrashX } from '@tabler/icons-react'
import { useEffect, useState } from 'react'
import type { AmqpConsumerStatus, SettleAmqp } from '../../../../shared/amqp'
import type { MessageSummary } from '../../../../shared/messages'
import { useAmqpPendingStore, usePendingList } from '../../stores/amqp-pending-store'
import { notifyError } from '../../stores/notices-store'
import { AmqpMessageTable } from './AmqpMessageTable'
import { AmqpMessageView } from './AmqpMessageView'

type Action = 'ack' | 'requeue' | 'drop'

const REQUEST: Record<Action, Pick<SettleAmqp, 'action' | 'requeue'>> = {
  ack: { action: 'ack', requeue: false },
  requeue: { action: 'nack', requeue: true },
  drop: { action: 'nack', requeue: false },
}

/**
 * The messages a manual-ack consumer holds: ack, nack back to the queue, or nack to drop (or
 * dead-letter) each one or all, and the one picked shown whole. The list follows the consumer's
 * events; settled ones leave it at once.
 */
export function PendingMessages({ status }: { status: AmqpConsumerStatus }) {
  const id = status.id
  const list = usePendingList(id)
  const [busy, setBusy] = useState<string | null>(null)
  const shown = list.messages.find((m) => m.id === list.selected) ?? null
  const running = status.state === 'active' || status.state === 'restoring'

  useEffect(() => {
    const store = useAmqpPendingStore.getState()
    void store.load(id)
    return () => store.close(id)
  }, [id])

  async function settle(action: Action, message: MessageSummary | null) {
    setBusy(`${action}:${message?.id ?? 'all'}`)
    try {
      await useAmqpPendingStore
        .getState()
        .settle({ consumerId: id, messageIds: message ? [message.id] : null, ...REQUEST[action] })
    } catch (err) {
      notifyError(action === 'ack' ? 'Not acknowledged' : 'Not rejected', err)
    } finally {
      setBusy(null)
    }
  }

  const rowActions = (m: MessageSummary) => (
    <Group gap={2} wrap="nowrap">
      <Tooltip label="Ack: done, the broker forgets it" withArrow>
        <ActionIcon
          size="sm"
          variant="subtle"
          color="green"
          loading={busy === `ack:${m.id}`}
          onClick={() => void settle('ack', m)}
          aria-label="Ack"
          data-testid="amqp-pending-ack"
        >
          <IconCheck size={15} />
        </ActionIcon>
      </Tooltip>
      <Tooltip label="Nack and requeue: back to the queue" withArrow>
        <ActionIcon
          size="sm"
          variant="subtle"
          color="blue"
          loading={busy === `requeue:${m.id}`}
          onClick={() => void settle('requeue', m)}
          aria-label="Nack and requeue"
          data-testid="amqp-pending-requeue"
        >
          <IconArrowBackUp size={15} />
        </ActionIcon>
      </Tooltip>
      <Tooltip
        label="Nack and drop: dead-lettered if the queue has a dead-letter exchange, else gone"
        withArrow
        multiline
        maw={260}
      >
        <ActionIcon
          size="sm"
          variant="subtle"
          color="red"
          loading={busy === `drop:${m.id}`}
          onClick={() => void settle('drop', m)}
          aria-label="Nack and drop"
          data-testid="amqp-pending-drop"
        >
          <IconTrashX size={15} />
        </ActionIcon>
      </Tooltip>
    </Group>
  )

  const none = list.messages.length === 0
  return (
    <div className="amqp-pending" data-testid="amqp-pending" data-count={list.messages.length}>
      <Group className="amqp-pending-bar" justify="space-between" wrap="nowrap" gap="sm">
        <Text size="sm" fw={600} data-testid="amqp-pending-count">
          {list.messages.length} waiting for ack
          <Text span size="xs" c="dimmed" fw={400}>
            {' '}
            · at most {status.prefetch === 0 ? 'unlimited' : status.prefetch} at once
          </Text>
        </Text>
        <Group gap={6} wrap="nowrap">
          <Button
            size="compact-xs"
            color="green"
            variant="light"
            leftSection={<IconChecks size={13} />}
            disabled={none || !running}
            loading={busy === 'ack:all'}
            onClick={() => void settle('ack', null)}
            data-testid="amqp-pending-ack-all"
          >
            Ack all
          </Button>
          <Button
            size="compact-xs"
            variant="light"
            leftSection={<IconArrowBackUp size={13} />}
            disabled={none || !running}
            loading={busy === 'requeue:all'}
            onClick={() => void settle('requeue', null)}
            data-testid="amqp-pending-requeue-all"
          >
            Requeue all
          </Button>
          <Button
            size="compact-xs"
            color="red"
            variant="light"
            leftSection={<IconTrashX size={13} />}
            disabled={none || !running}
            loading={busy === 'drop:all'}
            onClick={() => void settle('drop', null)}
            data-testid="amqp-pending-drop-all"
          >
            Drop all
          </Button>
        </Group>
      </Group>
      {list.error && (
        <Alert
          mx="sm"
          my={6}
          py={6}
          color="red"
          variant="light"
          icon={<IconAlertTriangle size={16} />}
          data-testid="amqp-pending-error"
        >
          <Text size="sm" className="reason-text">
            {list.error}
          </Text>
        </Alert>
      )}
      {none ? (
        <Center className="amqp-pending-empty">
          {list.loading ? (
            <Loader size="sm" />
          ) : (
            <Text size="sm" c="dimmed" ta="center" data-testid="amqp-pending-empty">
              {running
                ? 'Nothing waits: new messages of the queue show here as they arrive.'
                : 'This consumer has stopped; what it held went back to the queue.'}
            </Text>
          )}
        </Center>
      ) : (
        <>
          <div className="amqp-pending-list">
            <AmqpMessageTable
              messages={list.messages}
              selected={list.selected}
              onSelect={(m) => useAmqpPendingStore.getState().select(id, m)}
              actions={running ? rowActions : undefined}
              rowTestId="amqp-pending-row"
              testId="amqp-pending-table"
              showExchange={false}
            />
          </div>
          <div className="amqp-pending-detail">
            {shown ? (
              <AmqpMessageView message={shown} height="calc(100vh - 560px)" testId="amqp-pending-detail" />
            ) : (
              <Text size="sm" c="dimmed" p="md">
                Pick a message to see it whole.
              </Text>
            )}
          </div>
        </>
      )}
    </div>
  )
}
