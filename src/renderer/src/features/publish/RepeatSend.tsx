import { Button, Group, NumberInput, Progress, Stack, Text, Tooltip } from '@mantine/core'
import { IconPlayerStop, IconRepeat } from '@tabler/icons-react'
import { useState } from 'react'
import type { PublishRequest } from '../../../../shared/publish'
import { api } from '../../api/client'
import { notifyError } from '../../stores/notices-store'
import { usePublishJob, usePublishJobsStore } from '../../stores/publish-jobs-store'
import { jobProgress, MAX_COUNT, MAX_INTERVAL_MS, repeatOf } from './repeat-draft'

const TONE_COLOR = { running: 'blue', ok: 'green', warn: 'orange', error: 'red' } as const

/**
 * "Send N times": a count and an interval, a Start that hands the job to the core (it runs there,
 * whatever the window does), its progress from `publish.job` events, and Stop. A second job for the
 * same connection cannot be started while one runs.
 */
export function RepeatSend({
  profileId,
  connected,
  count,
  intervalMs,
  onChange,
  buildRequest,
}: {
  profileId: string
  connected: boolean
  count: number | string
  intervalMs: number | string
  onChange(patch: { repeatCount?: number | string; repeatIntervalMs?: number | string }): void
  /** The form's request, or null when the form has errors (it shows them). */
  buildRequest(): PublishRequest | null
}) {
  const job = usePublishJob(profileId)
  const [starting, setStarting] = useState(false)
  const [stopping, setStopping] = useState(false)
  const [errors, setErrors] = useState<Partial<Record<'count' | 'intervalMs', string>>>({})
  const running = job?.state === 'running'

  async function start() {
    const repeat = repeatOf(count, intervalMs)
    if (!repeat.ok) {
      setErrors(repeat.errors)
      return
    }
    setErrors({})
    const request = buildRequest()
    if (!request) return
    setStarting(true)
    try {
      const status = await api().startPublishJob({
        request,
        count: repeat.count,
        intervalMs: repeat.intervalMs,
      })
      usePublishJobsStore.getState().apply(status)
    } catch (err) {
      notifyError('Could not start sending', err)
    } finally {
      setStarting(false)
    }
  }

  async function stop() {
    if (!job) return
    setStopping(true)
    try {
      usePublishJobsStore.getState().apply(await api().stopPublishJob({ id: job.id }))
    } catch (err) {
      notifyError('Could not stop sending', err)
    } finally {
      setStopping(false)
    }
  }

  const progress = job ? jobProgress(job) : null
  return (
    <Stack gap={6} data-testid="publish-repeat">
      <Group gap="xs" align="flex-end" wrap="wrap">
        <NumberInput
          size="xs"
          w={120}
          label="Send N times"
          min={1}
          max={MAX_COUNT}
          allowDecimal={false}
          allowNegative={false}
          thousandSeparator=","
          value={count}
          onChange={(v) => onChange({ repeatCount: v })}
          error={errors.count}
          data-testid="publish-repeat-count"
        />
        <NumberInput
          size="xs"
          w={130}
          label="Every (ms)"
          min={0}
          max={MAX_INTERVAL_MS}
          allowDecimal={false}
          allowNegative={false}
          thousandSeparator=","
          value={intervalMs}
          onChange={(v) => onChange({ repeatIntervalMs: v })}
          error={errors.intervalMs}
          data-testid="publish-repeat-interval"
        />
        {running ? (
          <Button
            size="xs"
            color="red"
            variant="light"
            leftSection={<IconPlayerStop size={14} />}
            loading={stopping}
            onClick={() => void stop()}
            data-testid="publish-job-stop"
          >
            Stop
          </Button>
        ) : (
          <Tooltip label="Connect first" disabled={connected}>
            <Button
              size="xs"
              variant="light"
              leftSection={<IconRepeat size={14} />}
              loading={starting}
              disabled={!connected || starting}
              onClick={() => void start()}
              data-testid="publish-repeat-start"
            >
              Start
            </Button>
          </Tooltip>
        )}
      </Group>
      {job && progress && (
        <div
          data-testid="publish-job"
          data-id={job.id}
          data-state={job.state}
          data-sent={job.sent}
          data-failed={job.failed}
          data-count={job.count}
        >
          <Progress.Root size="md" aria-label="Sending progress">
            <Progress.Section
              value={progress.sentPercent}
              color={TONE_COLOR[progress.tone]}
              animated={running}
              striped={running}
            />
            <Progress.Section value={progress.failedPercent} color="red" />
          </Progress.Root>
          <Text
            size="xs"
            mt={4}
            c={progress.tone === 'error' ? 'red' : 'dimmed'}
            data-testid="publish-job-text"
          >
            {progress.text}
          </Text>
        </div>
      )}
    </Stack>
  )
}
