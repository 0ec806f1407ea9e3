import {
  ActionIcon,
  Alert,
  Button,
  Group,
  Paper,
  SegmentedControl,
  Stack,
  Text,
  Tooltip,
} from '@mantine/core'
import {
  IconAlertTriangle,
  IconArrowLeft,
  IconBroadcast,
  IconInfoCircle,
  IconRotate2,
  IconTrash,
} from '@tabler/icons-react'
import { useEffect, useState } from 'react'
import type { Profile } from '../../../../shared/profiles'
import { api } from '../../api/client'
import { useKafkaClusterStore } from '../../stores/kafka-cluster-store'
import { lagKey, useKafkaLagStore } from '../../stores/kafka-lag-store'
import { useKafkaNavStore } from '../../stores/kafka-nav-store'
import { notifySuccess } from '../../stores/notices-store'
import { GroupLagPanel } from './GroupLagPanel'
import { GroupMembers } from './GroupMembers'
import { GroupOffsetsTable } from './GroupOffsetsTable'
import { GroupStateBadge } from './GroupStateBadge'
import { isActive } from './group-list'
import { formatCount } from './kafka-numbers'
import { rangeSince, type LagRange } from './lag-series'
import { RefreshButton } from './RefreshButton'
import { ResetOffsetsModal } from './ResetOffsetsModal'
import { TypedConfirmModal } from './TypedConfirmModal'
import { LIVE_INTERVALS, useGroup, type LiveInterval } from './use-group'

const LIVE_LABEL = (ms: LiveInterval) => (ms === null ? 'Off' : `${ms / 1000} s`)

/**
 * One consumer group: where it lags and how that moves. Live lag re-reads the group at the chosen
 * interval and has the core sample it (kept, so the chart survives restarts); the chart shows the
 * total and, if asked, each partition, with the rate and an estimate of when it catches up. Below:
 * offsets per topic and partition, and the members with what they are assigned. Offsets are reset
 * from here after a preview, when the group has no active members.
 */
export function GroupDetail({ profile, groupId }: { profile: Profile; groupId: string }) {
  const group = useGroup(profile.id, groupId)
  const [range, setRange] = useState<LagRange>('3600000')
  const [resetting, setResetting] = useState<{ topic: string | null } | null>(null)
  const [deleting, setDeleting] = useState(false)
  const detail = group.detail
  const back = () => useKafkaNavStore.getState().openGroup(profile.id, null)
  const { adopt } = group

  // the stored lag history of the window; a watch the core runs already shows as on
  useEffect(() => {
    const store = useKafkaLagStore.getState()
    void store.load(profile.id, groupId, rangeSince(range, Date.now())).then(() => {
      adopt(useKafkaLagStore.getState().byGroup[lagKey(profile.id, groupId)]?.watchIntervalMs ?? null)
    })
  }, [profile.id, groupId, range, adopt])

  // leaving the group forgets its samples (they are stored; the next visit reads them again)
  useEffect(() => () => useKafkaLagStore.getState().drop(profile.id, groupId), [profile.id, groupId])

  const active = detail ? isActive(detail.state) && detail.members.length > 0 : false

  return (
    <div className="kafka-scroll" data-testid="kafka-group-detail" data-group={groupId}>
      <div className="kafka-detail-header">
        <Group justify="space-between" wrap="nowrap" gap="sm">
          <Group gap={8} wrap="nowrap" style={{ minWidth: 0 }}>
            <Tooltip label="All consumer groups" withArrow>
              <ActionIcon
                variant="subtle"
                color="gray"
                onClick={back}
                aria-label="Back to all consumer groups"
                data-testid="kafka-group-back"
              >
                <IconArrowLeft size={17} />
              </ActionIcon>
            </Tooltip>
            <Text
              className="mono kafka-detail-title"
              fw={650}
              c="bright"
              title={groupId}
              data-testid="kafka-group-id"
            >
              {groupId}
            </Text>
            {detail && (
              <div style={{ flex: 'none' }}>
                <GroupStateBadge state={detail.state} size="md" />
              </div>
            )}
          </Group>
          <Group gap={8} wrap="nowrap">
            <Group gap={6} wrap="nowrap" className="kafka-live" style={{ flex: 'none' }}>
              <Tooltip
                withArrow
                multiline
                w={300}
                label="Re-reads the group at this interval and samples its lag for the chart. Samples are stored and kept across restarts."
              >
                <Group gap={4} wrap="nowrap">
                  <IconBroadcast size={15} className={group.live !== null ? 'kafka-live-on' : undefined} />
                  <Text size="xs" fw={600}>
                    Live lag
                  </Text>
                </Group>
              </Tooltip>
              <SegmentedControl
                size="xs"
                value={String(group.live)}
                onChange={(v) => void group.setLive(v === 'null' ? null : (Number(v) as LiveInterval))}
                data={LIVE_INTERVALS.map((ms) => ({ value: String(ms), label: LIVE_LABEL(ms) }))}
                aria-label="Live lag refresh interval"
                data-testid="kafka-live-interval"
                data-value={String(group.live)}
              />
            </Group>
            <RefreshButton
              loading={group.loading}
              at={group.at}
              onClick={() => void group.reload()}
              testId="kafka-group-refresh"
            />
          </Group>
        </Group>
        {detail && (
          <Text size="sm" c="dimmed" mt={4} ml={36}>
            {detail.protocolType || 'no protocol type'}
            {detail.protocol ? ` · ${detail.protocol}` : ''} · {formatCount(detail.members.length)} member
            {detail.members.length === 1 ? '' : 's'}
          </Text>
        )}
      </div>

      <Stack gap="md" p="md">
        {group.liveError && (
          <Alert
            color="red"
            variant="light"
            icon={<IconAlertTriangle size={16} />}
            title="Live lag could not start"
          >
            <Text size="sm" className="reason-text">
              {group.liveError}
            </Text>
          </Alert>
        )}
        {group.error && (
          <Alert
            color="red"
            variant="light"
            icon={<IconAlertTriangle size={16} />}
            title="Could not describe the group"
            data-testid="kafka-group-error"
          >
            <Text size="sm" className="reason-text">
              {group.error}
            </Text>
          </Alert>
        )}
        {detail?.note && (
          <Alert color="blue" variant="light" icon={<IconInfoCircle size={16} />} py={8}>
            <Text size="sm">{detail.note}</Text>
          </Alert>
        )}

        <GroupLagPanel
          profileId={profile.id}
          groupId={groupId}
          totalLag={detail ? detail.totalLag : undefined}
          range={range}
          onRange={setRange}
          live={group.live !== null}
        />

        <Paper withBorder radius="md" p={0} className="kafka-card">
          <Group justify="space-between" px="md" py="sm" wrap="nowrap">
            <Text fw={650} c="bright" size="sm">
              Offsets
            </Text>
            <Group gap="xs" wrap="nowrap">
              <Tooltip
                withArrow
                disabled={!active}
                label="Consumers are running: stop them to reset (the preview still works)"
              >
                <Button
                  size="xs"
                  variant="light"
                  leftSection={<IconRotate2 size={14} />}
                  disabled={!detail || detail.offsets.length === 0}
                  onClick={() => setResetting({ topic: null })}
                  data-testid="kafka-reset-open"
                >
                  Reset offsets…
                </Button>
              </Tooltip>
              <Button
                size="xs"
                variant="subtle"
                color="red"
                leftSection={<IconTrash size={14} />}
                disabled={!detail}
                onClick={() => setDeleting(true)}
                data-testid="kafka-group-delete-open"
              >
                Delete group…
              </Button>
            </Group>
          </Group>
          {detail && (
            <GroupOffsetsTable
              offsets={detail.offsets}
              members={detail.members}
              onTopic={(t) => useKafkaNavStore.getState().openTopic(profile.id, t)}
              onReset={(t) => setResetting({ topic: t })}
            />
          )}
        </Paper>

        {detail && <GroupMembers members={detail.members} />}
      </Stack>

      {detail && resetting && (
        <ResetOffsetsModal
          profileId={profile.id}
          group={detail}
          initialTopic={resetting.topic}
          onClose={() => setResetting(null)}
          onApplied={() => {
            void group.reload()
            void useKafkaClusterStore.getState().loadGroups(profile.id)
            void useKafkaClusterStore.getState().loadTopics(profile.id)
          }}
        />
      )}
      <TypedConfirmModal
        opened={deleting}
        title={`Delete consumer group “${groupId}”?`}
        name={groupId}
        what="group"
        confirmLabel="Delete group"
        onClose={() => setDeleting(false)}
        onConfirm={async () => {
          await api().deleteKafkaGroup({ profileId: profile.id, groupId })
          notifySuccess('Consumer group deleted', groupId)
          setDeleting(false)
          void useKafkaClusterStore.getState().loadGroups(profile.id)
          back()
        }}
        testId="kafka-delete-group"
      >
        <Text size="sm">
          The committed offsets of <b className="mono">{groupId}</b> are removed. A consumer that joins it
          again starts where its <span className="mono">auto.offset.reset</span> says.
        </Text>
        {active && (
          <Text size="sm" c="var(--mantine-color-orange-text)">
            It has active members: the cluster refuses to delete it until they leave.
          </Text>
        )}
      </TypedConfirmModal>
    </div>
  )
}
