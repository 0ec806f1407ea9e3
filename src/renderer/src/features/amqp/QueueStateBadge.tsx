import { Badge, Text } from '@mantine/core'
import { NONE } from '../kafka/kafka-numbers'
import { queueStateTone } from './queue-list'

const COLOR = { ok: 'green', warn: 'orange', bad: 'red', unknown: 'gray' } as const

/** A queue's state as the management API says it (running, idle, flow, down…). */
export function QueueStateBadge({ state }: { state: string | null }) {
  const tone = queueStateTone(state)
  if (state === null)
    return (
      <Text span size="sm" c="dimmed" data-testid="amqp-queue-state" data-state="">
        {NONE}
      </Text>
    )
  return (
    <Badge
      size="sm"
      radius="sm"
      variant="light"
      color={COLOR[tone]}
      tt="none"
      data-testid="amqp-queue-state"
      data-state={state}
    >
      {state}
    </Badge>
  )
}
