import { Table, Text } from '@mantine/core'
import { IconRepeat } from '@tabler/icons-react'
import type { ReactNode } from 'react'
import type { MessageSummary } from '../../../../shared/messages'
import { formatBytes, formatTime } from '../topic-detail/format-units'
import { exchangeLabel } from './amqp-format'

/**
 * AMQP messages in a compact list (peeked or pending): time, routing key, exchange, size and the
 * start of the payload; a click picks one to show whole. `actions` adds a cell per row.
 */
export function AmqpMessageTable({
  messages,
  selected,
  onSelect,
  actions,
  rowTestId,
  testId,
  showExchange = true,
}: {
  messages: MessageSummary[]
  selected: number | null
  onSelect(id: number): void
  actions?: (m: MessageSummary) => ReactNode
  rowTestId: string
  testId: string
  /** Off where the space is short and the message's detail names the exchange anyway. */
  showExchange?: boolean
}) {
  return (
    <Table
      highlightOnHover
      stickyHeader
      verticalSpacing={4}
      horizontalSpacing="xs"
      fz="xs"
      tabularNums
      className="amqp-message-table"
      data-testid={testId}
      data-count={messages.length}
    >
      <Table.Thead>
        <Table.Tr>
          <Table.Th w={104}>Time</Table.Th>
          <Table.Th>Routing key</Table.Th>
          {showExchange && <Table.Th>Exchange</Table.Th>}
          <Table.Th w={64} ta="right">
            Size
          </Table.Th>
          <Table.Th>Payload</Table.Th>
          {actions && <Table.Th w={92} />}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {messages.map((m) => (
          <Table.Tr
            key={m.id}
            onClick={() => onSelect(m.id)}
            aria-selected={m.id === selected}
            data-selected={m.id === selected}
            className="amqp-message-row"
            data-testid={rowTestId}
            data-id={m.id}
          >
            <Table.Td className="mono">{formatTime(m.receivedAt)}</Table.Td>
            <Table.Td
              className="mono amqp-cut"
              title={m.amqp?.redelivered ? `${m.amqp.routingKey} (redelivered)` : m.amqp?.routingKey}
            >
              {m.amqp?.redelivered && (
                <IconRepeat
                  size={12}
                  className="amqp-redelivered"
                  aria-label="redelivered"
                  data-testid="amqp-message-redelivered"
                />
              )}
              {m.amqp?.routingKey || (
                <Text span size="xs" c="dimmed" fs="italic">
                  (empty)
                </Text>
              )}
            </Table.Td>
            {showExchange && (
              <Table.Td className="mono amqp-cut" title={m.amqp ? exchangeLabel(m.amqp.exchange) : undefined}>
                {m.amqp ? exchangeLabel(m.amqp.exchange) : ''}
              </Table.Td>
            )}
            <Table.Td ta="right">{formatBytes(m.size)}</Table.Td>
            <Table.Td className="mono amqp-cut amqp-preview" data-testid="amqp-message-preview">
              {m.preview === null ? (
                <Text span size="xs" c="dimmed">
                  binary
                </Text>
              ) : (
                m.preview
              )}
            </Table.Td>
            {actions && (
              <Table.Td onClick={(e) => e.stopPropagation()} className="amqp-row-actions">
                {actions(m)}
              </Table.Td>
            )}
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  )
}
