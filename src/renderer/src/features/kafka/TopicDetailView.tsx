import { ActionIcon, Alert, Badge, Button, Group, Tabs, Text, Tooltip } from '@mantine/core'
import {
  IconAlertTriangle,
  IconArrowLeft,
  IconFileText,
  IconLayoutColumns,
  IconSettings,
  IconTrash,
} from '@tabler/icons-react'
import { useCallback, useEffect, useState } from 'react'
import type { KafkaTopicDetail } from '../../../../shared/kafka'
import type { Profile } from '../../../../shared/profiles'
import { api } from '../../api/client'
import { useKafkaCluster, useKafkaClusterStore } from '../../stores/kafka-cluster-store'
import { useKafkaNav, useKafkaNavStore, type TopicTab } from '../../stores/kafka-nav-store'
import { ConfigsTable } from './ConfigsTable'
import { DeleteTopicModal } from './DeleteTopicModal'
import { GroupChip } from './GroupChip'
import { formatCount, formatLag } from './kafka-numbers'
import { PartitionsTable } from './PartitionsTable'
import { RecordsBrowser } from './RecordsBrowser'
import { RefreshButton } from './RefreshButton'
import { topicFigures } from './topic-detail-rows'
import { topicLag } from './topic-list'

type Loaded = { detail: KafkaTopicDetail | null; error: string | null; loading: boolean; at: number | null }

/**
 * One topic: its figures and the groups reading it above, then its records, partitions (replicas,
 * in-sync set, watermarks) and configs on tabs.
 */
export function TopicDetailView({ profile, topic }: { profile: Profile; topic: string }) {
  const nav = useKafkaNav(profile.id)
  const summary = useKafkaCluster(profile.id).topics.data?.find((t) => t.name === topic) ?? null
  const [state, setState] = useState<Loaded>({ detail: null, error: null, loading: true, at: null })
  const [deleting, setDeleting] = useState(false)

  const load = useCallback(async () => {
    setState((s) => ({ ...s, loading: true }))
    try {
      const detail = await api().getKafkaTopic({ profileId: profile.id, topic })
      setState({ detail, error: null, loading: false, at: Date.now() })
    } catch (err) {
      setState((s) => ({ ...s, loading: false, error: err instanceof Error ? err.message : String(err) }))
    }
  }, [profile.id, topic])

  useEffect(() => {
    // the first read of the topic; later ones come from Refresh
    void load()
  }, [load])

  const detail = state.detail
  const figures = detail ? topicFigures(detail) : null
  const back = () => useKafkaNavStore.getState().openTopic(profile.id, null)
  const lag = summary ? topicLag(summary) : null

  return (
    <div className="kafka-topic" data-testid="kafka-topic-detail" data-topic={topic}>
      <div className="kafka-detail-header">
        <Group justify="space-between" wrap="nowrap" gap="sm">
          <Group gap={8} wrap="nowrap" style={{ minWidth: 0 }}>
            <Tooltip label="All topics" withArrow>
              <ActionIcon
                variant="subtle"
                color="gray"
                onClick={back}
                aria-label="Back to all topics"
                data-testid="kafka-topic-back"
              >
                <IconArrowLeft size={17} />
              </ActionIcon>
            </Tooltip>
            <Text
              className="mono kafka-detail-title"
              fw={650}
              c="bright"
              data-testid="kafka-topic-name"
              title={topic}
            >
              {topic}
            </Text>
            {detail?.internal && (
              <Badge size="sm" variant="light" color="gray">
                internal
              </Badge>
            )}
          </Group>
          <Group gap={8} wrap="nowrap">
            <RefreshButton
              loading={state.loading}
              at={state.at}
              onClick={() => {
                void load()
                void useKafkaClusterStore.getState().loadTopics(profile.id)
              }}
              testId="kafka-topic-refresh"
            />
            <Button
              size="xs"
              variant="light"
              color="red"
              leftSection={<IconTrash size={14} />}
              disabled={detail?.internal ?? true}
              onClick={() => setDeleting(true)}
              data-testid="kafka-topic-delete-open"
            >
              Delete…
            </Button>
          </Group>
        </Group>
        <Group gap="lg" mt={6} ml={36} wrap="wrap" className="kafka-figures">
          {figures && (
            <>
              <Figure label="partitions" value={formatCount(figures.partitions)} />
              <Figure label="replication" value={`×${figures.replicationFactor}`} />
              <Figure
                label="messages"
                value={formatCount(figures.messages)}
                testId="kafka-topic-figure-messages"
              />
              {figures.underReplicated > 0 && (
                <Badge color="orange" variant="light" size="sm">
                  {figures.underReplicated} under-replicated
                </Badge>
              )}
              {figures.offline > 0 && (
                <Badge color="red" variant="light" size="sm">
                  {figures.offline} without leader
                </Badge>
              )}
            </>
          )}
          {summary && summary.groups.length > 0 && (
            <Group gap={6} wrap="wrap">
              <Text size="xs" c="dimmed">
                read by
              </Text>
              {summary.groups.map((g) => (
                <GroupChip
                  key={g.groupId}
                  groupId={g.groupId}
                  lag={g.lag}
                  prefix="lag "
                  onClick={() => useKafkaNavStore.getState().openGroup(profile.id, g.groupId)}
                />
              ))}
              {lag !== null && summary.groups.length > 1 && (
                <Text size="xs" c="dimmed">
                  total lag {formatLag(lag)}
                </Text>
              )}
            </Group>
          )}
        </Group>
      </div>

      {state.error && (
        <Alert
          m="md"
          color="red"
          variant="light"
          icon={<IconAlertTriangle size={16} />}
          title="Could not describe the topic"
        >
          <Text size="sm" className="reason-text">
            {state.error}
          </Text>
        </Alert>
      )}

      <Tabs
        value={nav.topicTab}
        onChange={(v) => v && useKafkaNavStore.getState().set(profile.id, { topicTab: v as TopicTab })}
        keepMounted={false}
        className="kafka-topic-tabs"
        variant="pills"
        radius="sm"
      >
        <Tabs.List className="kafka-topic-tabs-list">
          <Tabs.Tab
            value="records"
            leftSection={<IconFileText size={14} />}
            data-testid="kafka-topic-tab-records"
          >
            Records
          </Tabs.Tab>
          <Tabs.Tab
            value="partitions"
            leftSection={<IconLayoutColumns size={14} />}
            data-testid="kafka-topic-tab-partitions"
          >
            Partitions
          </Tabs.Tab>
          <Tabs.Tab
            value="configs"
            leftSection={<IconSettings size={14} />}
            data-testid="kafka-topic-tab-configs"
          >
            Configs
          </Tabs.Tab>
        </Tabs.List>
        <div className="kafka-topic-body">
          {nav.topicTab === 'records' ? (
            <RecordsBrowser profileId={profile.id} topic={topic} partitions={detail?.partitions ?? null} />
          ) : nav.topicTab === 'partitions' ? (
            <div className="kafka-scroll kafka-pad">
              {detail && <PartitionsTable partitions={detail.partitions} />}
            </div>
          ) : (
            <div className="kafka-scroll kafka-pad">
              {detail && <ConfigsTable configs={detail.configs} />}
            </div>
          )}
        </div>
      </Tabs>

      <DeleteTopicModal
        profileId={profile.id}
        topic={deleting ? topic : null}
        groups={summary?.groups.length ?? 0}
        onClose={() => setDeleting(false)}
        onDeleted={() => {
          setDeleting(false)
          void useKafkaClusterStore.getState().loadTopics(profile.id)
          void useKafkaClusterStore.getState().loadCluster(profile.id)
          back()
        }}
      />
    </div>
  )
}

function Figure({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <Text size="sm" c="dimmed" component="span">
      <Text span fw={650} c="bright" data-testid={testId}>
        {value}
      </Text>{' '}
      {label}
    </Text>
  )
}
