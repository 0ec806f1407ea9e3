import { ActionIcon, Badge, Group, Paper, Progress, Text, Tooltip, type MantineColor } from '@mantine/core'
import { IconPlayerPause, IconPlayerPlay, IconPlayerStop } from '@tabler/icons-react'
import { memo, useState } from 'react'
import type { ReplayStatus } from '../../../../shared/replay'
import { api } from '../../api/client'
import { notifyError } from '../../stores/notices-store'
import { useProfilesStore } from '../../stores/profiles-store'
import { ACTIVE_STATES, useReplaysStore, type ReplayState } from '../../stores/replays-store'
import { formatTime } from '../topic-detail/format-units'
import { replayProgress } from './replay-progress'

const STATE_LABEL: Record<ReplayState, string> = {
  running: 'Running',
  paused: 'Paused',
  waiting: 'Waiting for the target',
  done: 'Done',
  stopped: 'Stopped',
  failed: 'Failed',
}
const STATE_COLOR: Record<ReplayState, MantineColor> = {
  running: 'blue',
  paused: 'yellow',
  waiting: 'orange',
  done: 'green',
  stopped: 'gray',
  failed: 'red',
}

/** Log lines a card shows, newest first (the core keeps the last 200). */
const LOG_SHOWN = 40

/**
 * One replay: what it does, its state, sent of total with the pass when it loops, the buttons to
 * pause, resume and stop it, and the newest lines of its log.
 */
export const ReplayCard = memo(function ReplayCard({
  id,
  logLines = LOG_SHOWN,
}: {
  id: string
  logLines?: number
}) {
  const status = useReplaysStore((s) => s.byId[id])
  const label = useReplaysStore((s) => s.labels[id])
  const target = useProfilesStore((s) => s.profiles.find((p) => p.id === status?.targetProfileId))
  const [busy, setBusy] = useState<null | 'pause' | 'resume' | 'stop'>(null)
  if (!status) return null

  async function steer(kind: 'pause' | 'resume' | 'stop', s: ReplayStatus) {
    setBusy(kind)
    try {
      const method = kind === 'pause' ? 'pauseReplay' : kind === 'resume' ? 'resumeReplay' : 'stopReplay'
      useReplaysStore.getState().apply(await api()[method]({ id: s.id }))
    } catch (err) {
      notifyError(`Could not ${kind} the replay`, err)
    } finally {
      setBusy(null)
    }
  }

  const active = ACTIVE_STATES.has(status.state)
  const p = replayProgress(status)
  const targetName = target?.config.name ?? 'a deleted connection'
  return (
    <Paper
      withBorder
      radius="md"
      p="sm"
      data-testid="replay-card"
      data-id={status.id}
      data-state={status.state}
      data-sent={status.sent}
      data-total={status.total ?? ''}
      data-pass={status.pass}
    >
      <Group justify="space-between" wrap="nowrap" gap="xs" align="flex-start">
        <div style={{ minWidth: 0 }}>
          <Group gap={8} wrap="nowrap">
            <Badge
              size="sm"
              variant="light"
              color={STATE_COLOR[status.state]}
              style={{ flex: 'none' }}
              data-testid="replay-state"
            >
              {STATE_LABEL[status.state]}
            </Badge>
            <Text size="sm" fw={600} c="bright" truncate>
              to {targetName}
            </Text>
          </Group>
          <Text size="xs" mt={4} lineClamp={2} title={label} style={{ overflowWrap: 'anywhere' }}>
            {label ?? 'Started elsewhere (another window, or before a reload)'}
          </Text>
          <Text size="xs" c="dimmed" mt={2} data-testid="replay-figures">
            {p.text}
          </Text>
        </div>
        {active && (
          <Group gap={4} wrap="nowrap">
            {status.state === 'paused' ? (
              <Tooltip label="Resume" withArrow>
                <ActionIcon
                  variant="light"
                  loading={busy === 'resume'}
                  onClick={() => void steer('resume', status)}
                  aria-label="Resume"
                  data-testid="replay-resume"
                >
                  <IconPlayerPlay size={16} />
                </ActionIcon>
              </Tooltip>
            ) : (
              <Tooltip label="Pause" withArrow>
                <ActionIcon
                  variant="light"
                  color="yellow"
                  loading={busy === 'pause'}
                  onClick={() => void steer('pause', status)}
                  aria-label="Pause"
                  data-testid="replay-pause"
                >
                  <IconPlayerPause size={16} />
                </ActionIcon>
              </Tooltip>
            )}
            <Tooltip label="Stop" withArrow>
              <ActionIcon
                variant="light"
                color="red"
                loading={busy === 'stop'}
                onClick={() => void steer('stop', status)}
                aria-label="Stop"
                data-testid="replay-stop"
              >
                <IconPlayerStop size={16} />
              </ActionIcon>
            </Tooltip>
          </Group>
        )}
      </Group>
      <Progress
        mt={8}
        size="sm"
        value={p.percent ?? 100}
        striped={p.percent === null || status.state === 'waiting'}
        animated={status.state === 'running' && (p.percent === null || status.pass > 1)}
        color={STATE_COLOR[status.state]}
        data-testid="replay-progress"
        data-percent={p.percent === null ? '' : Math.round(p.percent)}
      />
      {logLines > 0 && status.log.length > 0 && (
        <div className="replay-log" data-testid="replay-log">
          {status.log
            .slice(-logLines)
            .reverse()
            .map((l, i) => (
              <div key={`${l.at}-${i}`} className="replay-log-line">
                <span className="replay-log-time">{formatTime(l.at)}</span> {l.text}
              </div>
            ))}
        </div>
      )}
    </Paper>
  )
})
