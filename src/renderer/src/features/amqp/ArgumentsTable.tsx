import { Paper, Table, Text } from '@mantine/core'
import { argumentText } from './amqp-format'

/** A queue's, exchange's or binding's arguments (x-message-ttl, alternate-exchange…) as name/value rows. */
export function ArgumentsTable({
  args,
  testId = 'amqp-arguments',
}: {
  args: Record<string, unknown>
  testId?: string
}) {
  const entries = Object.entries(args).sort(([a], [b]) => a.localeCompare(b))
  if (entries.length === 0)
    return (
      <Text size="sm" c="dimmed" data-testid={testId} data-count={0}>
        No arguments.
      </Text>
    )
  return (
    <Table
      verticalSpacing={5}
      horizontalSpacing="sm"
      fz="sm"
      data-testid={testId}
      data-count={entries.length}
    >
      <Table.Tbody>
        {entries.map(([k, v]) => (
          <Table.Tr key={k} data-testid="amqp-argument-row" data-name={k}>
            <Table.Td w="40%" className="mono">
              {k}
            </Table.Td>
            <Table.Td className="mono amqp-wrap">{argumentText(v)}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  )
}

/** A detail's "Arguments" box: the table, or "Unknown." when the broker did not say. */
export function ArgumentsPanel({ args }: { args: Record<string, unknown> | null }) {
  return (
    <Paper withBorder radius="md" p="md">
      <Text fw={650} c="bright" size="sm" mb="xs">
        Arguments
      </Text>
      {args ? (
        <ArgumentsTable args={args} />
      ) : (
        <Text size="sm" c="dimmed">
          Unknown.
        </Text>
      )}
    </Paper>
  )
}
