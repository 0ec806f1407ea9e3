import { ActionIcon, Anchor, Badge, Group, Table, Text, Tooltip } from '@mantine/core'
import { IconUnlink } from '@tabler/icons-react'
import { useState } from 'react'
import type { AmqpBindingInfo } from '../../../../shared/amqp'
import { api } from '../../api/client'
import { notifyError, notifySuccess } from '../../stores/notices-store'
import { useAmqpTopologyStore } from '../../stores/amqp-topology-store'
import { argumentText, exchangeLabel } from './amqp-format'
import { bindingKey } from './bindings'

/**
 * Bindings seen from one end: the other end (a link to it), the routing key, the arguments, and
 * unbind. The default exchange's implicit bindings cannot be removed and say so.
 */
export function BindingsTable({
  profileId,
  bindings,
  show,
  onOpenExchange,
  onOpenQueue,
  empty,
  testId,
}: {
  profileId: string
  bindings: AmqpBindingInfo[]
  /** Which end to name: the other one. */
  show: 'source' | 'destination'
  onOpenExchange(name: string): void
  onOpenQueue(name: string): void
  empty: string
  testId: string
}) {
  const [busy, setBusy] = useState<string | null>(null)
  if (bindings.length === 0)
    return (
      <Text size="sm" c="dimmed" data-testid={testId} data-count={0}>
        {empty}
      </Text>
    )

  async function unbind(b: AmqpBindingInfo) {
    const key = bindingKey(b)
    setBusy(key)
    try {
      await api().unbindAmqp({
        profileId,
        source: b.source,
        destination: b.destination,
        destinationType: b.destinationType,
        routingKey: b.routingKey,
        arguments: b.arguments,
      })
      notifySuccess('Unbound', `${exchangeLabel(b.source)} → ${b.destination}`)
      void useAmqpTopologyStore.getState().load(profileId)
    } catch (err) {
      notifyError('Not unbound', err)
    } finally {
      setBusy(null)
    }
  }

  return (
    <Table
      verticalSpacing={5}
      horizontalSpacing="sm"
      fz="sm"
      highlightOnHover
      data-testid={testId}
      data-count={bindings.length}
    >
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{show === 'source' ? 'From exchange' : 'To'}</Table.Th>
          <Table.Th>Routing key</Table.Th>
          <Table.Th>Arguments</Table.Th>
          <Table.Th w={44} />
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {bindings.map((b) => {
          const implicit = b.source === ''
          const other = show === 'source' ? b.source : b.destination
          const otherIsQueue = show === 'destination' && b.destinationType === 'queue'
          return (
            <Table.Tr
              key={bindingKey(b)}
              data-testid="amqp-binding-row"
              data-source={b.source}
              data-destination={b.destination}
              data-key={b.routingKey}
            >
              <Table.Td>
                <Group gap={6} wrap="nowrap">
                  {show === 'destination' && (
                    <Badge size="xs" radius="sm" variant="light" color={otherIsQueue ? 'indigo' : 'grape'}>
                      {b.destinationType}
                    </Badge>
                  )}
                  <Anchor
                    component="button"
                    type="button"
                    size="sm"
                    className="mono amqp-wrap"
                    ta="left"
                    onClick={() => (otherIsQueue ? onOpenQueue(other) : onOpenExchange(other))}
                  >
                    {show === 'source' ? exchangeLabel(other) : other}
                  </Anchor>
                </Group>
              </Table.Td>
              <Table.Td className="mono amqp-wrap" data-testid="amqp-binding-key">
                {b.routingKey === '' ? (
                  <Text span size="sm" c="dimmed" fs="italic">
                    (empty)
                  </Text>
                ) : (
                  b.routingKey
                )}
              </Table.Td>
              <Table.Td className="mono amqp-wrap" c={Object.keys(b.arguments).length ? undefined : 'dimmed'}>
                {Object.keys(b.arguments).length ? argumentText(b.arguments) : '—'}
              </Table.Td>
              <Table.Td>
                <Tooltip
                  label={
                    implicit
                      ? 'Every queue is bound to the default exchange by its name: this binding cannot be removed'
                      : 'Unbind'
                  }
                  withArrow
                  multiline
                  maw={280}
                >
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    size="sm"
                    disabled={implicit}
                    loading={busy === bindingKey(b)}
                    onClick={() => void unbind(b)}
                    aria-label="Unbind"
                    data-testid="amqp-binding-unbind"
                  >
                    <IconUnlink size={15} />
                  </ActionIcon>
                </Tooltip>
              </Table.Td>
            </Table.Tr>
          )
        })}
      </Table.Tbody>
    </Table>
  )
}
