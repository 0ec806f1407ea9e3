import { Group, Paper, SegmentedControl, Stack, Switch, Text, ThemeIcon } from '@mantine/core'
import {
  IconCircleCheck,
  IconClockHour4,
  IconMinus,
  IconTrendingDown,
  IconTrendingUp,
} from '@tabler/icons-react'
import { useMemo, useState } from 'react'
import { useGroupLag } from '../../stores/kafka-lag-store'
import { formatCount } from './kafka-numbers'
import { LagChart } from './LagChart'
import { LAG_RANGES, type LagRange } from './lag-series'
import { lagTrend, trendText, type TrendTone } from './lag-trend'
import { LagValue } from './LagValue'

const TONE: Record<TrendTone, { color: string; icon: typeof IconMinus }> = {
  'catching-up': { color: 'green', icon: IconTrendingDown },
  'falling-behind': { color: 'red', icon: IconTrendingUp },
  steady: { color: 'yellow', icon: IconMinus },
  'caught-up': { color: 'green', icon: IconCircleCheck },
  unknown: { color: 'gray', icon: IconClockHour4 },
}

/**
 * The group's lag now, where it is heading (rate and estimate, from the recent samples) and its
 * history as a chart over a chosen window.
 */
export function GroupLagPanel({
  profileId,
  groupId,
  totalLag,
  range,
  onRange,
  live,
}: {
  profileId: string
  groupId: string
  /** undefined while the group is read for the first time. */
  totalLag: number | null | undefined
  range: LagRange
  onRange(range: LagRange): void
  live: boolean
}) {
  const lag = useGroupLag(profileId, groupId)
  const [perPartition, setPerPartition] = useState(false)
  const trend = useMemo(() => {
    const local = lagTrend(lag.samples)
    return local.ratePerSecond !== null
      ? local
      : { ratePerSecond: lag.ratePerSecond, etaSeconds: lag.etaSeconds }
  }, [lag.samples, lag.ratePerSecond, lag.etaSeconds])
  const newest = lag.samples[lag.samples.length - 1]
  const current = totalLag === undefined ? (newest?.totalLag ?? null) : totalLag
  const words = trendText(trend, current)
  const tone = TONE[words.tone]
  const Icon = tone.icon

  return (
    <Paper withBorder radius="md" p="md" className="kafka-card" data-testid="kafka-lag-panel">
      <Group align="stretch" gap="lg" wrap="nowrap">
        <Stack gap={6} w={230} style={{ flex: 'none' }}>
          <Text size="xs" tt="uppercase" fw={650} c="dimmed" className="kafka-label">
            Total lag
          </Text>
          <div className="kafka-big-lag">
            {totalLag === undefined ? (
              <Text fz={34} fw={700} c="dimmed">
                …
              </Text>
            ) : (
              <LagValue lag={totalLag} size="xl" strong testId="kafka-group-total-lag" />
            )}
          </div>
          <Text size="xs" c="dimmed">
            {totalLag === null ? 'no partition has a committed offset' : 'messages not yet consumed'}
          </Text>
          <Group gap={8} wrap="nowrap" mt={6} data-testid="kafka-lag-trend" data-tone={words.tone}>
            <ThemeIcon size={26} radius="xl" variant="light" color={tone.color}>
              <Icon size={16} />
            </ThemeIcon>
            <Stack gap={0} style={{ minWidth: 0 }}>
              <Text
                size="sm"
                fw={600}
                c={`var(--mantine-color-${tone.color}-text)`}
                data-testid="kafka-lag-rate"
              >
                {words.rate}
              </Text>
              {words.eta && (
                <Text size="xs" c="dimmed" data-testid="kafka-lag-eta">
                  {words.eta}
                </Text>
              )}
            </Stack>
          </Group>
          <Text size="xs" c="dimmed" mt="auto" data-testid="kafka-lag-samples">
            {formatCount(lag.samples.length)} sample{lag.samples.length === 1 ? '' : 's'}
            {live ? ' · sampling live' : lag.watchIntervalMs !== null ? ' · watched' : ''}
          </Text>
        </Stack>
        <Stack gap={6} style={{ flex: 1, minWidth: 0 }}>
          <Group justify="space-between" wrap="nowrap" gap="sm">
            <Text fw={650} c="bright" size="sm">
              Lag over time
            </Text>
            <Group gap="sm" wrap="nowrap">
              <Switch
                size="xs"
                label="Per partition"
                checked={perPartition}
                onChange={(e) => setPerPartition(e.currentTarget.checked)}
                data-testid="kafka-lag-per-partition"
              />
              <SegmentedControl
                size="xs"
                value={range}
                onChange={(v) => onRange(v as LagRange)}
                data={LAG_RANGES.map((r) => ({ value: r.value, label: r.label }))}
                aria-label="Lag history window"
                data-testid="kafka-lag-range"
              />
            </Group>
          </Group>
          {lag.error && (
            <Text size="xs" c="red">
              Could not read the lag history: {lag.error}
            </Text>
          )}
          <LagChart samples={lag.samples} perPartition={perPartition} />
        </Stack>
      </Group>
    </Paper>
  )
}
