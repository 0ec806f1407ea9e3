import {
  ActionIcon,
  Anchor,
  Badge,
  Button,
  Group,
  Switch,
  Table,
  Text,
  TextInput,
  Tooltip,
} from '@mantine/core'
import { IconPlus, IconSearch, IconTrash } from '@tabler/icons-react'
import { useMemo, useState } from 'react'
import type { KafkaTopicSummary } from '../../../../shared/kafka'
import type { Profile } from '../../../../shared/profiles'
import { useKafkaCluster, useKafkaClusterStore } from '../../stores/kafka-cluster-store'
import { useKafkaNav, useKafkaNavStore } from '../../stores/kafka-nav-store'
import { formatBytes } from '../topic-detail/format-units'
import { KafkaListFrame } from './KafkaListFrame'
import { CreateTopicModal } from './CreateTopicModal'
import { DeleteTopicModal } from './DeleteTopicModal'
import { GroupChip } from './GroupChip'
import { formatCount, formatLag, NONE } from './kafka-numbers'
import { RefreshButton } from './RefreshButton'
import { SortableTh } from './SortableTh'
import { nextSort, topicLag, visibleTopics, type TopicSort, type TopicSortKey } from './topic-list'

/** Rows drawn at most; the search narrows the rest. */
const MAX_ROWS = 1000
/** Groups named in a row; the others are counted. */
const GROUP_CHIPS = 2

/**
 * Every topic of the cluster: partitions, replication, records held, size on disk, and which
 * consumer groups read it with their lag there. Searchable, sortable by any figure.
 */
export function TopicList({ profile }: { profile: Profile }) {
  const { topics, cluster } = useKafkaCluster(profile.id)
  const { topicSearch: search, hideInternal } = useKafkaNav(profile.id)
  const setSearch = (topicSearch: string) => useKafkaNavStore.getState().set(profile.id, { topicSearch })
  const setHideInternal = (on: boolean) => useKafkaNavStore.getState().set(profile.id, { hideInternal: on })
  const [sort, setSort] = useState<TopicSort>({ key: 'name', desc: false })
  const [creating, setCreating] = useState(false)
  const [deleting, setDeleting] = useState<string | null>(null)
  const all = topics.data
  const rows = useMemo(
    () => (all ? visibleTopics(all, { search, hideInternal, sort }) : []),
    [all, search, hideInternal, sort],
  )
  const onSort = (key: TopicSortKey) => setSort(nextSort(sort, key, ['name']))
  const open = (name: string) => useKafkaNavStore.getState().openTopic(profile.id, name)
  const internalCount = all?.filter((t) => t.internal).length ?? 0

  return (
    <div className="kafka-scroll" data-testid="kafka-topics">
      <div className="kafka-toolbar">
        <TextInput
          size="xs"
          w={280}
          placeholder="Search topics"
          leftSection={<IconSearch size={14} />}
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
          onKeyDown={(e) => e.key === 'Escape' && setSearch('')}
          aria-label="Search topics"
          data-testid="kafka-topic-search"
        />
        <Switch
          size="xs"
          label={`Hide internal${internalCount > 0 ? ` (${internalCount})` : ''}`}
          checked={hideInternal}
          onChange={(e) => setHideInternal(e.currentTarget.checked)}
          data-testid="kafka-hide-internal"
        />
        <div style={{ flex: 1 }} />
        <RefreshButton
          loading={topics.loading}
          at={topics.at}
          onClick={() => void useKafkaClusterStore.getState().loadTopics(profile.id)}
          testId="kafka-topics-refresh"
        />
        <Button
          size="xs"
          leftSection={<IconPlus size={14} />}
          onClick={() => setCreating(true)}
          data-testid="kafka-topic-create"
        >
          Create topic
        </Button>
      </div>

      <KafkaListFrame
        errorTitle="Could not list the topics"
        error={topics.error}
        loading={topics.loading}
        ready={!!all}
        testId="kafka-topic-table"
        count={rows.length}
        after={
          <>
            {rows.length === 0 && (
              <Text size="sm" c="dimmed" ta="center" py="xl" data-testid="kafka-topics-empty">
                {all?.length === 0
                  ? 'This cluster has no topics yet.'
                  : search
                    ? 'No topic matches the search.'
                    : 'Only internal topics here: turn off “Hide internal” to see them.'}
              </Text>
            )}
            {rows.length > MAX_ROWS && (
              <Text size="xs" c="dimmed" ta="center" py="sm">
                Showing {formatCount(MAX_ROWS)} of {formatCount(rows.length)} topics: search to narrow them.
              </Text>
            )}
          </>
        }
      >
        <Table.Thead>
          <Table.Tr>
            <SortableTh column="name" sort={sort} onSort={onSort}>
              Topic
            </SortableTh>
            <SortableTh column="partitions" sort={sort} onSort={onSort} align="right" w={110}>
              Partitions
            </SortableTh>
            <Table.Th w={70} style={{ textAlign: 'right' }}>
              <Tooltip label="Replication factor" withArrow>
                <span>RF</span>
              </Tooltip>
            </Table.Th>
            <SortableTh column="messages" sort={sort} onSort={onSort} align="right" w={120}>
              Messages
            </SortableTh>
            <SortableTh column="size" sort={sort} onSort={onSort} align="right" w={100}>
              Size
            </SortableTh>
            <SortableTh column="groups" sort={sort} onSort={onSort}>
              Consumer groups
            </SortableTh>
            <SortableTh column="lag" sort={sort} onSort={onSort} align="right" w={110}>
              Total lag
            </SortableTh>
            <Table.Th w={44} />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.slice(0, MAX_ROWS).map((t) => (
            <TopicRow
              key={t.name}
              topic={t}
              onOpen={() => open(t.name)}
              onGroup={(g) => useKafkaNavStore.getState().openGroup(profile.id, g)}
              onDelete={() => setDeleting(t.name)}
            />
          ))}
        </Table.Tbody>
      </KafkaListFrame>
      <CreateTopicModal
        opened={creating}
        onClose={() => setCreating(false)}
        profileId={profile.id}
        existing={all?.map((t) => t.name) ?? []}
        brokers={cluster.data?.brokers.length ?? null}
        onCreated={(name) => {
          setCreating(false)
          void useKafkaClusterStore.getState().loadTopics(profile.id)
          open(name)
        }}
      />
      <DeleteTopicModal
        profileId={profile.id}
        topic={deleting}
        groups={all?.find((t) => t.name === deleting)?.groups.length ?? 0}
        onClose={() => setDeleting(null)}
        onDeleted={() => {
          setDeleting(null)
          void useKafkaClusterStore.getState().loadTopics(profile.id)
          void useKafkaClusterStore.getState().loadCluster(profile.id)
        }}
      />
    </div>
  )
}

function TopicRow({
  topic: t,
  onOpen,
  onGroup,
  onDelete,
}: {
  topic: KafkaTopicSummary
  onOpen(): void
  onGroup(groupId: string): void
  onDelete(): void
}) {
  const lag = topicLag(t)
  const shown = [...t.groups].sort((a, b) => (b.lag ?? -1) - (a.lag ?? -1)).slice(0, GROUP_CHIPS)
  const more = t.groups.length - shown.length
  return (
    <Table.Tr data-testid="kafka-topic-row" data-topic={t.name} data-lag={lag ?? ''} className="kafka-row">
      <Table.Td className="kafka-name-cell">
        <Group gap={6} wrap="nowrap">
          <Anchor
            component="button"
            type="button"
            className="mono kafka-topic-name"
            onClick={onOpen}
            data-testid="kafka-topic-open"
          >
            {t.name}
          </Anchor>
          {t.internal && (
            <Badge size="xs" variant="light" color="gray" radius="sm">
              internal
            </Badge>
          )}
        </Group>
      </Table.Td>
      <Table.Td ta="right">{formatCount(t.partitions)}</Table.Td>
      <Table.Td ta="right">{t.replicationFactor}</Table.Td>
      <Table.Td ta="right" data-testid="kafka-topic-messages">
        {formatCount(t.messages)}
      </Table.Td>
      <Table.Td ta="right" c={t.sizeBytes === null ? 'dimmed' : undefined}>
        {t.sizeBytes === null ? NONE : formatBytes(t.sizeBytes)}
      </Table.Td>
      <Table.Td>
        <Group gap={4} wrap="nowrap">
          {t.groups.length === 0 && (
            <Text size="xs" c="dimmed">
              none
            </Text>
          )}
          {shown.map((g) => (
            <GroupChip key={g.groupId} groupId={g.groupId} lag={g.lag} onClick={() => onGroup(g.groupId)} />
          ))}
          {more > 0 && (
            <Tooltip
              withArrow
              multiline
              maw={320}
              label={t.groups
                .filter((g) => !shown.includes(g))
                .map((g) => `${g.groupId}: ${formatLag(g.lag)}`)
                .join(' · ')}
            >
              <Badge size="sm" radius="sm" variant="default">
                +{more}
              </Badge>
            </Tooltip>
          )}
        </Group>
      </Table.Td>
      <Table.Td
        ta="right"
        fw={lag ? 600 : undefined}
        c={lag === null ? 'dimmed' : lag > 0 ? 'orange' : undefined}
      >
        <Tooltip label="No group has a committed offset on this topic" withArrow disabled={lag !== null}>
          <span data-testid="kafka-topic-lag">{formatLag(lag)}</span>
        </Tooltip>
      </Table.Td>
      <Table.Td>
        <Tooltip label={t.internal ? 'Internal topics are not deleted from here' : 'Delete topic…'} withArrow>
          <ActionIcon
            variant="subtle"
            color="red"
            size="sm"
            disabled={t.internal}
            onClick={onDelete}
            aria-label={`Delete ${t.name}`}
            data-testid="kafka-topic-delete"
          >
            <IconTrash size={15} />
          </ActionIcon>
        </Tooltip>
      </Table.Td>
    </Table.Tr>
  )
}
