import { Badge, Group, Table } from '@mantine/core'
import type { AmqpVhostInfo } from '../../../../shared/amqp'
import { formatMaybeCount } from './amqp-format'

/** Every vhost the management user can see, with its messages; the profile's own is marked. */
export function VhostsTable({ vhosts, current }: { vhosts: AmqpVhostInfo[]; current: string }) {
  const sorted = [...vhosts].sort((a, b) => a.name.localeCompare(b.name))
  return (
    <Table striped verticalSpacing={5} horizontalSpacing="sm" fz="sm" tabularNums data-testid="amqp-vhosts">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Name</Table.Th>
          <Table.Th ta="right">Ready</Table.Th>
          <Table.Th ta="right">Unacked</Table.Th>
          <Table.Th ta="right">Total</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {sorted.map((v) => (
          <Table.Tr key={v.name} data-testid="amqp-vhost-row" data-vhost={v.name}>
            <Table.Td>
              <Group gap={6} wrap="nowrap">
                <span className="mono">{v.name}</span>
                {v.name === current && (
                  <Badge size="xs" variant="light" color="teal" radius="sm">
                    this profile
                  </Badge>
                )}
              </Group>
            </Table.Td>
            <Table.Td ta="right">{formatMaybeCount(v.messagesReady)}</Table.Td>
            <Table.Td ta="right">{formatMaybeCount(v.messagesUnacked)}</Table.Td>
            <Table.Td ta="right">{formatMaybeCount(v.messages)}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  )
}
