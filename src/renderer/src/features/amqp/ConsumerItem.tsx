import { ActionIcon, Badge, Group, Text, Tooltip, UnstyledButton } from '@mantine/core'
import { IconEar, IconInbox, IconPlayerStop, IconX } from '@tabler/icons-react'
import { useState } from 'react'
import type { AmqpConsumerStatus } from '../../../../shared/amqp'
import { api } from '../../api/client'
import { useAmqpConsumersStore } from '../../stores/amqp-consumers-store'
import { notifyError } from '../../stores/notices-store'
import {
  CONSUMER_STATE_COLOR,
  consumerCounters,
  consumerRunning,
  consumerTarget,
  counterParts,
} from './consumer-text'

/** One consumer or tap in the list: what it reads, its state (and why), its counters, stop. */
export function ConsumerItem({
  status: s,
  selected,
  onSelect,
}: {
  status: AmqpConsumerStatus
  selected: boolean
  onSelect(): void
}) {
  const [stopping, setStopping] = useState(false)
  const running = consumerRunning(s)
  async function stop() {
    setStopping(true)
    try {
      useAmqpConsumersStore.getState().apply(await api().stopAmqpConsumer({ id: s.id }))
    } catch (err) {
      notifyError('Could not stop', err)
    } finally {
      setStopping(false)
    }
  }
  return (
    <div
      className="amqp-consumer-item"
      data-selected={selected}
      data-testid="amqp-consumer-item"
      data-id={s.id}
      data-kind={s.kind}
      data-state={s.state}
      data-ack={s.ackMode}
      data-pending={s.pending}
      data-delivered={s.delivered}
    >
      <UnstyledButton className="amqp-consumer-select" onClick={onSelect} aria-pressed={selected}>
        <Group gap={6} wrap="nowrap">
          {s.kind === 'tap' ? <IconEar size={15} /> : <IconInbox size={15} />}
          <Text size="sm" fw={600} className="mono amqp-cut" c="bright" title={consumerTarget(s)}>
            {consumerTarget(s)}
          </Text>
        </Group>
        <Group gap={6} mt={4} wrap="nowrap">
          <Badge
            size="xs"
            radius="sm"
            variant="light"
            color={CONSUMER_STATE_COLOR[s.state]}
            data-testid="amqp-consumer-state"
          >
            {s.state}
          </Badge>
          <Badge size="xs" radius="sm" variant="default" tt="none">
            {s.kind === 'tap' ? 'tap' : `${s.ackMode} ack · prefetch ${s.prefetch === 0 ? '∞' : s.prefetch}`}
          </Badge>
        </Group>
        <Group gap={8} mt={4} data-testid="amqp-consumer-counters" title={consumerCounters(s)}>
          {counterParts(s).map(([n, label]) => (
            <Text key={label} size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
              <Text span size="xs" fw={650} c="bright">
                {n}
              </Text>{' '}
              {label}
            </Text>
          ))}
        </Group>
        {s.reason && (
          <Text
            size="xs"
            mt={2}
            c={s.state === 'failed' ? 'red' : s.state === 'restoring' ? 'yellow.8' : 'dimmed'}
            className="reason-text"
            data-testid="amqp-consumer-reason"
          >
            {s.reason}
          </Text>
        )}
      </UnstyledButton>
      {running ? (
        <Tooltip label={s.pending > 0 ? 'Stop: the pending messages go back to the queue' : 'Stop'} withArrow>
          <ActionIcon
            variant="subtle"
            color="red"
            size="sm"
            loading={stopping}
            onClick={() => void stop()}
            aria-label="Stop"
            data-testid="amqp-consumer-stop"
          >
            <IconPlayerStop size={15} />
          </ActionIcon>
        </Tooltip>
      ) : (
        <Tooltip label="Remove from the list" withArrow>
          <ActionIcon
            variant="subtle"
            color="gray"
            size="sm"
            onClick={() => useAmqpConsumersStore.getState().dismiss(s.id)}
            aria-label="Remove from the list"
            data-testid="amqp-consumer-dismiss"
          >
            <IconX size={15} />
          </ActionIcon>
        </Tooltip>
      )}
    </div>
  )
}
