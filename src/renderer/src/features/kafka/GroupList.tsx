import { Anchor, Badge, Group, Table, Text, TextInput, Tooltip } from '@mantine/core'
import { IconInfoCircle, IconSearch } from '@tabler/icons-react'
import { useMemo, useState } from 'react'
import type { Profile } from '../../../../shared/profiles'
import { useKafkaCluster, useKafkaClusterStore } from '../../stores/kafka-cluster-store'
import { useKafkaNav, useKafkaNavStore } from '../../stores/kafka-nav-store'
import { KafkaListFrame } from './KafkaListFrame'
import { visibleGroups, type GroupSort, type GroupSortKey } from './group-list'
import { GroupStateBadge } from './GroupStateBadge'
import { formatCount } from './kafka-numbers'
import { LagValue } from './LagValue'
import { RefreshButton } from './RefreshButton'
import { SortableTh } from './SortableTh'
import { nextSort } from './topic-list'

/** Topics named in a row; the others are counted. */
const TOPIC_CHIPS = 3

/** Every consumer group: state, protocol, members, topics and total lag; searchable and sortable. */
export function GroupList({ profile }: { profile: Profile }) {
  const { groups } = useKafkaCluster(profile.id)
  const search = useKafkaNav(profile.id).groupSearch
  const setSearch = (groupSearch: string) => useKafkaNavStore.getState().set(profile.id, { groupSearch })
  const [sort, setSort] = useState<GroupSort>({ key: 'lag', desc: true })
  const all = groups.data
  const rows = useMemo(() => (all ? visibleGroups(all, { search, sort }) : []), [all, search, sort])
  const onSort = (key: GroupSortKey) => setSort(nextSort(sort, key, ['groupId', 'state']))
  const nav = useKafkaNavStore.getState()

  return (
    <div className="kafka-scroll" data-testid="kafka-groups">
      <div className="kafka-toolbar">
        <TextInput
          size="xs"
          w={280}
          placeholder="Search groups or their topics"
          leftSection={<IconSearch size={14} />}
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
          onKeyDown={(e) => e.key === 'Escape' && setSearch('')}
          aria-label="Search consumer groups"
          data-testid="kafka-group-search"
        />
        <div style={{ flex: 1 }} />
        <RefreshButton
          loading={groups.loading}
          at={groups.at}
          onClick={() => void useKafkaClusterStore.getState().loadGroups(profile.id)}
          testId="kafka-groups-refresh"
        />
      </div>
      <KafkaListFrame
        errorTitle="Could not list the consumer groups"
        error={groups.error}
        loading={groups.loading}
        ready={!!all}
        testId="kafka-group-table"
        count={rows.length}
        after={
          <>
            {rows.length === 0 && (
              <Text size="sm" c="dimmed" ta="center" py="xl" data-testid="kafka-groups-empty">
                {all?.length === 0 ? 'No consumer groups on this cluster.' : 'No group matches the search.'}
              </Text>
            )}
          </>
        }
      >
        <Table.Thead>
          <Table.Tr>
            <SortableTh column="groupId" sort={sort} onSort={onSort}>
              Group
            </SortableTh>
            <SortableTh column="state" sort={sort} onSort={onSort} w={170}>
              State
            </SortableTh>
            <Table.Th w={110}>Protocol</Table.Th>
            <SortableTh column="members" sort={sort} onSort={onSort} align="right" w={100}>
              Members
            </SortableTh>
            <SortableTh column="topics" sort={sort} onSort={onSort}>
              Topics
            </SortableTh>
            <SortableTh column="lag" sort={sort} onSort={onSort} align="right" w={120}>
              Total lag
            </SortableTh>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((g) => (
            <Table.Tr
              key={g.groupId}
              data-testid="kafka-group-row"
              data-group={g.groupId}
              className="kafka-row"
            >
              <Table.Td>
                <Group gap={6} wrap="nowrap">
                  <Anchor
                    component="button"
                    type="button"
                    className="mono kafka-topic-name"
                    onClick={() => nav.openGroup(profile.id, g.groupId)}
                    data-testid="kafka-group-open"
                  >
                    {g.groupId}
                  </Anchor>
                  {g.note && (
                    <Tooltip label={g.note} withArrow multiline w={300}>
                      <IconInfoCircle size={15} style={{ opacity: 0.7, flex: 'none' }} />
                    </Tooltip>
                  )}
                </Group>
              </Table.Td>
              <Table.Td>
                <GroupStateBadge state={g.state} />
              </Table.Td>
              <Table.Td c={g.protocolType ? undefined : 'dimmed'}>{g.protocolType || '—'}</Table.Td>
              <Table.Td ta="right">{formatCount(g.members)}</Table.Td>
              <Table.Td>
                <Group gap={4} wrap="nowrap">
                  {g.topics.slice(0, TOPIC_CHIPS).map((t) => (
                    <Badge
                      key={t}
                      component="button"
                      type="button"
                      size="sm"
                      radius="sm"
                      variant="default"
                      className="mono kafka-group-chip"
                      onClick={() => nav.openTopic(profile.id, t)}
                    >
                      {t}
                    </Badge>
                  ))}
                  {g.topics.length > TOPIC_CHIPS && (
                    <Tooltip label={g.topics.slice(TOPIC_CHIPS).join(', ')} withArrow multiline maw={320}>
                      <Badge size="sm" radius="sm" variant="default">
                        +{g.topics.length - TOPIC_CHIPS}
                      </Badge>
                    </Tooltip>
                  )}
                  {g.topics.length === 0 && (
                    <Text size="xs" c="dimmed">
                      none
                    </Text>
                  )}
                </Group>
              </Table.Td>
              <Table.Td ta="right">
                <LagValue lag={g.totalLag} testId="kafka-group-lag" />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </KafkaListFrame>
    </div>
  )
}
