import { OverviewStat } from '../../components/OverviewStat'
import {
  ActionIcon,
  Alert,
  Anchor,
  Badge,
  Code,
  CopyButton,
  Group,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Tooltip,
} from '@mantine/core'
import { IconAlertTriangle, IconCheck, IconCircleCheck, IconCopy, IconCrown } from '@tabler/icons-react'
import type { KafkaGroupSummary } from '../../../../shared/kafka'
import { describeEndpoint, type Profile } from '../../../../shared/profiles'
import { useKafkaCluster, useKafkaClusterStore } from '../../stores/kafka-cluster-store'
import { useKafkaNavStore } from '../../stores/kafka-nav-store'
import { ProfileSummary } from '../connection/ProfileSummary'
import { visibleGroups } from './group-list'
import { GroupStateBadge } from './GroupStateBadge'
import { formatCount, formatLag } from './kafka-numbers'
import { LagValue } from './LagValue'
import { RefreshButton } from './RefreshButton'

/** The cluster at a glance: its id, figures, brokers with the controller marked, and the settings. */
export function ClusterOverview({ profile }: { profile: Profile }) {
  const { cluster, topics, groups } = useKafkaCluster(profile.id)
  const info = cluster.data
  const userTopics = topics.data?.filter((t) => !t.internal) ?? null
  let lag: number | null = null
  for (const g of groups.data ?? []) if (g.totalLag !== null) lag = (lag ?? 0) + g.totalLag
  const lagging = groups.data?.filter((g) => (g.totalLag ?? 0) > 0).length ?? 0
  const nav = useKafkaNavStore.getState()
  const refresh = () => {
    const s = useKafkaClusterStore.getState()
    void s.loadCluster(profile.id)
    void s.loadTopics(profile.id)
    void s.loadGroups(profile.id)
  }

  return (
    <div className="kafka-scroll" data-testid="kafka-overview">
      <Stack gap="md" p="md" maw={1180}>
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <Stack gap={2} style={{ minWidth: 0 }}>
            <Text size="sm" c="dimmed" mb={6} data-testid="workspace-placeholder">
              Connected to <Code>{describeEndpoint(profile.config)}</Code>
            </Text>
            <Text size="xs" tt="uppercase" fw={650} c="dimmed" className="kafka-label">
              Cluster id
            </Text>
            <Group gap={4} wrap="nowrap">
              <Text className="mono" fw={600} c="bright" data-testid="kafka-cluster-id">
                {info?.clusterId ?? (cluster.loading ? 'Loading…' : '—')}
              </Text>
              {info && (
                <CopyButton value={info.clusterId}>
                  {({ copied, copy }) => (
                    <Tooltip label={copied ? 'Copied' : 'Copy the cluster id'} withArrow>
                      <ActionIcon
                        size="sm"
                        variant="subtle"
                        color={copied ? 'teal' : 'gray'}
                        onClick={copy}
                        aria-label="Copy the cluster id"
                      >
                        {copied ? <IconCheck size={14} /> : <IconCopy size={14} />}
                      </ActionIcon>
                    </Tooltip>
                  )}
                </CopyButton>
              )}
            </Group>
          </Stack>
          <RefreshButton
            loading={cluster.loading || topics.loading || groups.loading}
            at={cluster.at}
            onClick={refresh}
            testId="kafka-overview-refresh"
          />
        </Group>

        {cluster.error && (
          <Alert
            color="red"
            variant="light"
            icon={<IconAlertTriangle size={16} />}
            title="Could not describe the cluster"
          >
            <Text size="sm" className="reason-text">
              {cluster.error}
            </Text>
          </Alert>
        )}

        <SimpleGrid cols={{ base: 2, sm: 3, lg: 5 }} spacing="sm">
          <OverviewStat
            label="Brokers"
            value={info ? formatCount(info.brokers.length) : null}
            testId="kafka-stat-brokers"
          />
          <OverviewStat
            label="Topics"
            value={info ? formatCount(info.topicCount) : null}
            hint={userTopics ? `${formatCount(userTopics.length)} not internal` : undefined}
            testId="kafka-stat-topics"
            onClick={() => nav.set(profile.id, { tab: 'topics', topic: null })}
          />
          <OverviewStat
            label="Partitions"
            value={info ? formatCount(info.partitionCount) : null}
            testId="kafka-stat-partitions"
          />
          <OverviewStat
            label="Consumer groups"
            value={groups.data ? formatCount(groups.data.length) : null}
            hint={groups.data ? `${formatCount(lagging)} lagging` : undefined}
            testId="kafka-stat-groups"
            onClick={() => nav.set(profile.id, { tab: 'groups', group: null })}
          />
          <OverviewStat
            label="Total lag"
            value={groups.data ? formatLag(lag) : null}
            hint={groups.data ? (lag === null ? 'no group has committed' : 'over all groups') : undefined}
            testId="kafka-stat-lag"
          />
        </SimpleGrid>

        <Group align="flex-start" gap="md" wrap="wrap">
          <Paper withBorder radius="md" p="md" style={{ flex: '2 1 460px', minWidth: 0 }}>
            <Text fw={650} c="bright" size="sm" mb="xs">
              Brokers
            </Text>
            <Table
              striped
              highlightOnHover
              verticalSpacing={6}
              horizontalSpacing="sm"
              fz="sm"
              tabularNums
              data-testid="kafka-brokers"
            >
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={80}>Node</Table.Th>
                  <Table.Th>Host : port</Table.Th>
                  <Table.Th>Rack</Table.Th>
                  <Table.Th w={150} />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {(info?.brokers ?? []).map((b) => (
                  <Table.Tr key={b.nodeId} data-testid="kafka-broker-row" data-node-id={b.nodeId}>
                    <Table.Td className="mono">{b.nodeId}</Table.Td>
                    <Table.Td className="mono">
                      {b.host}:{b.port}
                    </Table.Td>
                    <Table.Td c={b.rack === null ? 'dimmed' : undefined}>{b.rack ?? '—'}</Table.Td>
                    <Table.Td>
                      {b.controller && (
                        <Badge
                          size="sm"
                          variant="light"
                          color="teal"
                          tt="none"
                          leftSection={<IconCrown size={12} />}
                          data-testid="kafka-controller-badge"
                        >
                          controller
                        </Badge>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            {info && info.controllerId === null && (
              <Text size="xs" c="dimmed" mt={6}>
                The cluster did not say which broker is the controller.
              </Text>
            )}
          </Paper>
          <Paper withBorder radius="md" p="md" style={{ flex: '1 1 300px', minWidth: 0 }}>
            <Text fw={650} c="bright" size="sm" mb="xs">
              Settings
            </Text>
            <ProfileSummary profile={profile} />
          </Paper>
        </Group>

        {groups.data && groups.data.length > 0 && (
          <MostLag
            groups={groups.data}
            onGroup={(g) => nav.openGroup(profile.id, g)}
            onAll={() => nav.set(profile.id, { tab: 'groups', group: null })}
          />
        )}
      </Stack>
    </div>
  )
}

/** Rows in "where the lag is". */
const MOST_LAG = 6

/** The groups furthest behind, so the overview answers "who lags?" at once. */
function MostLag({
  groups,
  onGroup,
  onAll,
}: {
  groups: KafkaGroupSummary[]
  onGroup(groupId: string): void
  onAll(): void
}) {
  const behind = visibleGroups(groups, { search: '', sort: { key: 'lag', desc: true } }).filter(
    (g) => (g.totalLag ?? 0) > 0,
  )
  return (
    <Paper withBorder radius="md" p="md" data-testid="kafka-most-lag">
      <Group justify="space-between" mb="xs">
        <Text fw={650} c="bright" size="sm">
          Where the lag is
        </Text>
        <Anchor component="button" type="button" size="sm" onClick={onAll}>
          All consumer groups
        </Anchor>
      </Group>
      {behind.length === 0 ? (
        <Group gap={6}>
          <IconCircleCheck size={16} color="var(--mantine-color-green-filled)" />
          <Text size="sm" c="dimmed">
            No consumer group is behind.
          </Text>
        </Group>
      ) : (
        <Table verticalSpacing={5} horizontalSpacing="sm" fz="sm" tabularNums highlightOnHover>
          <Table.Tbody>
            {behind.slice(0, MOST_LAG).map((g) => (
              <Table.Tr key={g.groupId} data-testid="kafka-most-lag-row" data-group={g.groupId}>
                <Table.Td>
                  <Anchor
                    component="button"
                    type="button"
                    className="mono"
                    size="sm"
                    onClick={() => onGroup(g.groupId)}
                  >
                    {g.groupId}
                  </Anchor>
                </Table.Td>
                <Table.Td w={170}>
                  <GroupStateBadge state={g.state} />
                </Table.Td>
                <Table.Td c="dimmed">
                  {g.topics.length === 1 ? g.topics[0] : `${formatCount(g.topics.length)} topics`}
                </Table.Td>
                <Table.Td ta="right" w={120}>
                  <LagValue lag={g.totalLag} strong />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {behind.length > MOST_LAG && (
        <Text size="xs" c="dimmed" mt={6}>
          and {formatCount(behind.length - MOST_LAG)} more behind
        </Text>
      )}
    </Paper>
  )
}
