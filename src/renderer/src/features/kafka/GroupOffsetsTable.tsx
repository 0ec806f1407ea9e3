import { Anchor, Badge, Button, Group, Table, Text, Tooltip } from '@mantine/core'
import { IconRotate2 } from '@tabler/icons-react'
import { Fragment } from 'react'
import type { KafkaGroupOffset } from '../../../../shared/kafka'
import { formatAgo, formatClock } from '../connection/connection-text'
import { useNow } from '../connection/use-now'
import { assignedMembers, offsetsByTopic, type GroupMember } from './group-list'
import { formatOffset } from './kafka-numbers'
import { LagValue } from './LagValue'

/**
 * The group's offsets per topic and partition: committed ("no commit" said as such), log start and
 * end, lag, and when the app last saw the commit move (the broker does not say when it was made).
 */
export function GroupOffsetsTable({
  offsets,
  members,
  onTopic,
  onReset,
}: {
  offsets: KafkaGroupOffset[]
  members: readonly GroupMember[]
  onTopic(topic: string): void
  onReset(topic: string): void
}) {
  const now = useNow(5000)
  const topics = offsetsByTopic(offsets)
  const owner = assignedMembers(members)
  const maxLag = offsets.reduce((m, o) => Math.max(m, o.lag ?? 0), 0)
  if (topics.length === 0)
    return (
      <Text size="sm" c="dimmed" px="md" pb="md" data-testid="kafka-offsets-empty">
        This group has no committed offsets.
      </Text>
    )
  return (
    <Table
      verticalSpacing={5}
      horizontalSpacing="md"
      fz="sm"
      tabularNums
      highlightOnHover
      data-testid="kafka-offsets"
    >
      <Table.Thead>
        <Table.Tr>
          <Table.Th w={110}>Partition</Table.Th>
          <Table.Th style={{ textAlign: 'right' }}>Committed</Table.Th>
          <Table.Th style={{ textAlign: 'right' }}>
            <Tooltip label="The partition's first and next offset: the records it holds" withArrow>
              <span>Log start – end</span>
            </Tooltip>
          </Table.Th>
          <Table.Th style={{ textAlign: 'right' }}>Lag</Table.Th>
          <Table.Th w={90} />
          <Table.Th style={{ whiteSpace: 'nowrap' }}>Last commit seen</Table.Th>
          <Table.Th style={{ whiteSpace: 'nowrap' }}>Consumed by</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {topics.map((t) => (
          <Fragment key={t.topic}>
            <Table.Tr className="kafka-topic-head" data-testid="kafka-offsets-topic" data-topic={t.topic}>
              <Table.Td colSpan={3}>
                <Group gap={8} wrap="nowrap" style={{ whiteSpace: 'nowrap' }}>
                  <Anchor
                    component="button"
                    type="button"
                    className="mono"
                    fw={600}
                    onClick={() => onTopic(t.topic)}
                  >
                    {t.topic}
                  </Anchor>
                  <Text size="xs" c="dimmed">
                    {t.rows.length} partition{t.rows.length === 1 ? '' : 's'}
                    {t.uncommitted > 0 ? ` · ${t.uncommitted} without a commit` : ''}
                  </Text>
                  <Button
                    size="compact-xs"
                    variant="subtle"
                    leftSection={<IconRotate2 size={12} />}
                    onClick={() => onReset(t.topic)}
                    data-testid="kafka-reset-topic"
                  >
                    Reset this topic…
                  </Button>
                </Group>
              </Table.Td>
              <Table.Td ta="right">
                <LagValue lag={t.lag} strong testId="kafka-offsets-topic-lag" />
              </Table.Td>
              <Table.Td colSpan={3} />
            </Table.Tr>
            {t.rows.map((o) => (
              <Table.Tr
                key={o.partition}
                data-testid="kafka-offset-row"
                data-topic={o.topic}
                data-partition={o.partition}
                data-committed={o.committed ?? 'none'}
                data-lag={o.lag ?? 'none'}
              >
                <Table.Td className="mono" pl="xl">
                  {o.partition}
                </Table.Td>
                <Table.Td ta="right" className="mono">
                  {o.committed === null ? (
                    <Tooltip label="The group has never committed an offset here" withArrow>
                      <Badge size="sm" radius="sm" variant="light" color="gray" data-testid="kafka-no-commit">
                        no commit
                      </Badge>
                    </Tooltip>
                  ) : o.metadata ? (
                    <Tooltip label={`Commit metadata: ${o.metadata}`} withArrow>
                      <span>{formatOffset(o.committed)}</span>
                    </Tooltip>
                  ) : (
                    formatOffset(o.committed)
                  )}
                </Table.Td>
                <Table.Td ta="right" className="mono" style={{ whiteSpace: 'nowrap' }}>
                  <Text span c="dimmed" inherit>
                    {formatOffset(o.logStart)} –{' '}
                  </Text>
                  {formatOffset(o.logEnd)}
                </Table.Td>
                <Table.Td ta="right">
                  <LagValue lag={o.lag} testId="kafka-offset-lag" />
                </Table.Td>
                <Table.Td>
                  {maxLag > 0 && (o.lag ?? 0) > 0 && (
                    <div
                      className="kafka-lag-bar"
                      title={`${Math.round(((o.lag ?? 0) / maxLag) * 100)} % of the largest`}
                    >
                      <div style={{ width: `${Math.max(2, ((o.lag ?? 0) / maxLag) * 100)}%` }} />
                    </div>
                  )}
                </Table.Td>
                <Table.Td>
                  {o.lastCommitSeenAt === null ? (
                    <Tooltip
                      withArrow
                      multiline
                      w={280}
                      label="The app has not seen this offset change; the broker does not say when a commit was made."
                    >
                      <Text size="xs" c="dimmed" span>
                        not seen moving
                      </Text>
                    </Tooltip>
                  ) : (
                    <Text size="xs" span title={formatClock(o.lastCommitSeenAt, now)}>
                      {formatAgo(o.lastCommitSeenAt, now)}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td className="mono" fz="xs">
                  <MemberCell member={owner.get(`${o.topic}:${o.partition}`)} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Fragment>
        ))}
      </Table.Tbody>
    </Table>
  )
}

function MemberCell({ member }: { member: GroupMember | undefined }) {
  if (!member)
    return (
      <Text size="xs" c="dimmed" span>
        no member
      </Text>
    )
  return (
    <Tooltip label={`${member.memberId} on ${member.host}`} withArrow multiline maw={420}>
      <span className="kafka-member-cell">{member.clientId || member.memberId}</span>
    </Tooltip>
  )
}
