import { Group, SegmentedControl, Text } from '@mantine/core'
import { useMemo } from 'react'
import type { Profile } from '../../../../shared/profiles'
import { consumersOf, useAmqpConsumersStore } from '../../stores/amqp-consumers-store'
import { useAmqpNav, useAmqpNavStore } from '../../stores/amqp-nav-store'
import { MessagesTreeView } from '../topic-tree/MessagesTreeView'
import { ConsumersPanel } from './ConsumersPanel'
import { consumerRunning } from './consumer-text'

/**
 * What the app received: the topic tree of exchanges and routing keys with the detail pane (as the
 * Kafka workspace's Messages tab), or the consumers and taps that feed it, with the messages a
 * manual-ack consumer holds for the user's ack or nack.
 */
export function MessagesView({ profile, connected }: { profile: Profile; connected: boolean }) {
  const nav = useAmqpNav(profile.id)
  const byId = useAmqpConsumersStore((s) => s.byId)
  const dismissed = useAmqpConsumersStore((s) => s.dismissed)
  const consumers = useMemo(() => consumersOf(byId, profile.id, dismissed), [byId, profile.id, dismissed])
  const running = consumers.filter(consumerRunning).length
  const pending = consumers.reduce((n, c) => n + (consumerRunning(c) ? c.pending : 0), 0)

  return (
    <div className="amqp-messages" data-testid="amqp-messages">
      <Group className="amqp-messages-bar" gap="md" wrap="nowrap">
        <SegmentedControl
          size="xs"
          value={nav.messagesView}
          onChange={(v) =>
            useAmqpNavStore
              .getState()
              .set(profile.id, { messagesView: v === 'consumers' ? 'consumers' : 'tree' })
          }
          data={[
            { value: 'tree', label: 'Topic tree' },
            { value: 'consumers', label: `Consumers${consumers.length ? ` (${consumers.length})` : ''}` },
          ]}
          data-testid="amqp-messages-view"
        />
        <Text size="xs" c="dimmed" data-testid="amqp-consumers-summary">
          {running === 0
            ? 'No consumer or tap running: messages reach the tree when you consume a queue, tap an exchange, peek or publish.'
            : `${running} running${pending ? ` · ${pending} message${pending === 1 ? '' : 's'} waiting for ack` : ''}`}
        </Text>
      </Group>
      <div className="amqp-messages-body">
        {nav.messagesView === 'tree' ? (
          <MessagesTreeView profile={profile} connected={connected} />
        ) : (
          <ConsumersPanel profile={profile} consumers={consumers} />
        )}
      </div>
    </div>
  )
}
