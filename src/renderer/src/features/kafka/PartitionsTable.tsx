import { Badge, Group, Table, Text, Tooltip } from '@mantine/core'
import type { KafkaPartitionInfo } from '../../../../shared/kafka'
import { formatCount, formatOffset, offsetSpan } from './kafka-numbers'
import { leaderless, underReplicated } from './topic-detail-rows'

/**
 * Each partition: leader, replicas, the in-sync set (short of the replicas: highlighted), replicas
 * offline, the low and high watermarks and the records between them.
 */
export function PartitionsTable({ partitions }: { partitions: KafkaPartitionInfo[] }) {
  const rows = [...partitions].sort((a, b) => a.partition - b.partition)
  return (
    <Table
      striped
      highlightOnHover
      stickyHeader
      verticalSpacing={6}
      horizontalSpacing="sm"
      fz="sm"
      tabularNums
      data-testid="kafka-partitions"
    >
      <Table.Thead>
        <Table.Tr>
          <Table.Th w={90}>Partition</Table.Th>
          <Table.Th w={80}>Leader</Table.Th>
          <Table.Th>Replicas</Table.Th>
          <Table.Th>In sync</Table.Th>
          <Table.Th style={{ textAlign: 'right' }}>Low watermark</Table.Th>
          <Table.Th style={{ textAlign: 'right' }}>High watermark</Table.Th>
          <Table.Th style={{ textAlign: 'right' }}>Messages</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((p) => {
          const under = underReplicated(p)
          return (
            <Table.Tr
              key={p.partition}
              data-testid="kafka-partition-row"
              data-partition={p.partition}
              data-under-replicated={under}
              className={under ? 'kafka-row-warn' : undefined}
            >
              <Table.Td className="mono">{p.partition}</Table.Td>
              <Table.Td className="mono">
                {leaderless(p) ? (
                  <Badge color="red" variant="light" size="sm">
                    none
                  </Badge>
                ) : (
                  p.leader
                )}
              </Table.Td>
              <Table.Td className="mono">
                <Group gap={4} wrap="wrap">
                  {p.replicas.map((r) => (
                    <Tooltip
                      key={r}
                      withArrow
                      label={
                        p.offlineReplicas.includes(r)
                          ? `Broker ${r} is offline`
                          : r === p.leader
                            ? 'Leader'
                            : 'Follower'
                      }
                    >
                      <Badge
                        size="sm"
                        radius="sm"
                        variant={r === p.leader ? 'filled' : 'light'}
                        color={p.offlineReplicas.includes(r) ? 'red' : 'gray'}
                        className="mono"
                      >
                        {r}
                      </Badge>
                    </Tooltip>
                  ))}
                </Group>
              </Table.Td>
              <Table.Td className="mono">
                <Group gap={6} wrap="nowrap">
                  <span>{p.isr.join(', ') || '—'}</span>
                  {under && (
                    <Badge color="orange" variant="light" size="xs" data-testid="kafka-under-replicated">
                      under-replicated
                    </Badge>
                  )}
                </Group>
              </Table.Td>
              <Table.Td ta="right" className="mono">
                {formatOffset(p.low)}
              </Table.Td>
              <Table.Td ta="right" className="mono">
                {formatOffset(p.high)}
              </Table.Td>
              <Table.Td ta="right" data-testid="kafka-partition-messages">
                {formatCount(offsetSpan(p.low, p.high))}
              </Table.Td>
            </Table.Tr>
          )
        })}
      </Table.Tbody>
      {rows.length === 0 && (
        <Table.Caption>
          <Text size="sm" c="dimmed">
            No partitions.
          </Text>
        </Table.Caption>
      )}
    </Table>
  )
}
