import { Alert, Button, Group, Stack, Text } from '@mantine/core'
import { IconBinaryTree2, IconInfoCircle } from '@tabler/icons-react'
import type { AmqpConsumerStatus } from '../../../../shared/amqp'
import type { Profile } from '../../../../shared/profiles'
import { useAmqpNavStore } from '../../stores/amqp-nav-store'
import { formatClock } from '../connection/connection-text'
import { useNow } from '../connection/use-now'
import { exchangeLabel } from './amqp-format'
import { consumerTarget } from './consumer-text'
import { PendingMessages } from './PendingMessages'

/** The consumer picked: where it reads from and since when, then what waits for the user's ack. */
export function ConsumerDetail({ profile, status: s }: { profile: Profile; status: AmqpConsumerStatus }) {
  const now = useNow(5000)
  const showTree = () => useAmqpNavStore.getState().set(profile.id, { messagesView: 'tree' })
  return (
    <div className="amqp-consumer-pane" data-testid="amqp-consumer-detail" data-id={s.id}>
      <Stack gap={2} className="amqp-consumer-head">
        <Group justify="space-between" wrap="nowrap">
          <Text fw={650} c="bright" className="mono amqp-cut">
            {s.kind === 'tap' ? `Tap on ${consumerTarget(s)}` : `Consumer of ${s.queue}`}
          </Text>
          <Button
            size="compact-xs"
            variant="subtle"
            leftSection={<IconBinaryTree2 size={13} />}
            onClick={showTree}
          >
            Show the tree
          </Button>
        </Group>
        <Text size="xs" c="dimmed">
          started {formatClock(s.startedAt, now)}
          {s.lastMessageAt !== null
            ? ` · last message ${formatClock(s.lastMessageAt, now)}`
            : ' · no message yet'}
          {s.kind === 'tap' ? ` · through the temporary queue ${s.queue}` : ''}
        </Text>
      </Stack>
      {s.ackMode === 'manual' ? (
        <PendingMessages status={s} />
      ) : (
        <Alert m="md" color="gray" variant="light" icon={<IconInfoCircle size={16} />}>
          {s.kind === 'tap'
            ? `A tap takes copies with automatic ack: the exchange's own queues are untouched. Its messages are in the tree under ${exchangeLabel(s.exchange ?? '')}, by routing key.`
            : 'With automatic ack the broker forgets each message once sent: nothing waits here. The messages are in the tree by exchange and routing key.'}
        </Alert>
      )}
    </div>
  )
}
