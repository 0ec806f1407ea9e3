import { Badge, Group, Paper, Table, Text, Tooltip } from '@mantine/core'
import type { KafkaGroupDetail } from '../../../../shared/kafka'

/** Who is in the group: client id, host, and the partitions each one is assigned. */
export function GroupMembers({ members }: { members: KafkaGroupDetail['members'] }) {
  return (
    <Paper withBorder radius="md" p={0} className="kafka-card">
      <Text fw={650} c="bright" size="sm" px="md" py="sm">
        Members
      </Text>
      {members.length === 0 ? (
        <Text size="sm" c="dimmed" px="md" pb="md" data-testid="kafka-members-empty">
          No active members: nothing consumes for this group now.
        </Text>
      ) : (
        <Table verticalSpacing={6} horizontalSpacing="md" fz="sm" striped data-testid="kafka-members">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Client id</Table.Th>
              <Table.Th>Host</Table.Th>
              <Table.Th>Assigned partitions</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {members.map((m) => (
              <Table.Tr key={m.memberId} data-testid="kafka-member-row">
                <Table.Td className="mono">
                  <Tooltip label={`Member id: ${m.memberId}`} withArrow multiline maw={420}>
                    <span>{m.clientId || '—'}</span>
                  </Tooltip>
                </Table.Td>
                <Table.Td className="mono">{m.host || '—'}</Table.Td>
                <Table.Td>
                  <Group gap={4} wrap="wrap">
                    {m.assignments.length === 0 && (
                      <Text size="xs" c="dimmed">
                        none
                      </Text>
                    )}
                    {m.assignments.map((a) => (
                      <Badge key={a.topic} size="sm" radius="sm" variant="default" className="mono" tt="none">
                        {a.topic} [{a.partitions.join(', ')}]
                      </Badge>
                    ))}
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Paper>
  )
}
