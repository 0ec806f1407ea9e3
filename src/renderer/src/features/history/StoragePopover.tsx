import {
  ActionIcon,
  Alert,
  Button,
  Group,
  Indicator,
  NumberInput,
  Popover,
  Progress,
  Select,
  Stack,
  Text,
  Tooltip,
} from '@mantine/core'
import { IconAlertTriangle, IconDatabase, IconPlayerPlay } from '@tabler/icons-react'
import { useState } from 'react'
import type { HistoryStats } from '../../../../shared/history'
import { useHistoryStatsStore } from '../../stores/history-stats-store'
import { notifyError, notifySuccess } from '../../stores/notices-store'
import { useProfilesStore } from '../../stores/profiles-store'
import { formatBytes, formatCount, formatDateTime } from '../topic-detail/format-units'
import { budgetError, budgetToUnits, unitsToBytes, type BudgetUnit } from './storage-budget'
import { useHistoryStatsPolling } from './use-history-stats-polling'

/** How often the open popover reads the stats again. */
const OPEN_POLL_MS = 2000

/**
 * The history's storage, from the app header: space used against the budget, how many messages
 * since when, what pruning removed, write errors (the button turns red while there is one), the
 * budget setting, and the connections whose recording is paused.
 */
export function StoragePopover() {
  const [opened, setOpened] = useState(false)
  const stats = useHistoryStatsStore((s) => s.stats)
  const error = useHistoryStatsStore((s) => s.error)
  useHistoryStatsPolling(OPEN_POLL_MS, opened)
  const failing = stats?.writeError != null
  return (
    <Popover position="bottom-end" width={380} shadow="md" withArrow opened={opened} onChange={setOpened}>
      <Popover.Target>
        <Tooltip
          label={failing ? 'Messages cannot be stored' : 'History storage'}
          withArrow
          disabled={opened}
        >
          <Indicator color="red" size={9} offset={6} disabled={!failing} processing={failing}>
            <ActionIcon
              variant={failing ? 'light' : 'subtle'}
              color={failing ? 'red' : 'gray'}
              size="lg"
              onClick={() => setOpened((o) => !o)}
              aria-label="History storage"
              data-testid="storage-button"
              data-error={failing}
            >
              <IconDatabase size={19} />
            </ActionIcon>
          </Indicator>
        </Tooltip>
      </Popover.Target>
      <Popover.Dropdown data-testid="storage-popover">
        {stats ? (
          <StorageBody stats={stats} />
        ) : (
          <Text size="sm" c={error ? 'red' : 'dimmed'}>
            {error ?? 'Reading…'}
          </Text>
        )}
      </Popover.Dropdown>
    </Popover>
  )
}

function StorageBody({ stats }: { stats: HistoryStats }) {
  const profiles = useProfilesStore((s) => s.profiles)
  const initial = budgetToUnits(stats.budgetBytes)
  const [value, setValue] = useState<number | string>(initial.value)
  const [unit, setUnit] = useState<BudgetUnit>(initial.unit)
  const [saving, setSaving] = useState(false)
  const used = stats.budgetBytes > 0 ? Math.min(100, (stats.usedBytes / stats.budgetBytes) * 100) : 0
  const err = budgetError(value, unit)
  const newBytes = err ? null : unitsToBytes(Number(value), unit)
  const changed = newBytes !== null && newBytes !== stats.budgetBytes
  const paused = stats.paused.map((id) => ({
    id,
    name: profiles.find((p) => p.id === id)?.config.name ?? id,
  }))

  async function saveBudget() {
    if (newBytes === null) return
    setSaving(true)
    try {
      await useHistoryStatsStore.getState().setBudget(newBytes)
      notifySuccess(`History budget set to ${formatBytes(newBytes)}`)
    } catch (e) {
      notifyError('Could not set the budget', e)
    } finally {
      setSaving(false)
    }
  }

  return (
    <Stack gap="sm">
      <Text fw={650} size="sm">
        Message history
      </Text>
      {stats.writeError && (
        <Alert
          color="red"
          variant="light"
          py={6}
          icon={<IconAlertTriangle size={16} />}
          title="Messages cannot be stored"
          data-testid="storage-write-error"
        >
          <Text size="xs" className="reason-text">
            {stats.writeError}
          </Text>
          <Text size="xs" mt={4}>
            {formatCount(stats.pendingWrites)} waiting in memory; they are written once the disk has room.
          </Text>
        </Alert>
      )}
      {stats.droppedWrites > 0 && (
        <Text size="xs" c="red" data-testid="storage-dropped">
          {formatCount(stats.droppedWrites)} {stats.droppedWrites === 1 ? 'message was' : 'messages were'} not
          stored: too many waited for the disk. They were shown live but are not in the history.
        </Text>
      )}
      <div>
        <Group justify="space-between" mb={4}>
          <Text size="xs" c="dimmed">
            Space used
          </Text>
          <Text size="xs" data-testid="storage-used-text">
            {formatBytes(stats.usedBytes)} of {formatBytes(stats.budgetBytes)}
          </Text>
        </Group>
        <Progress
          value={used}
          color={used > 95 ? 'orange' : 'indigo'}
          data-testid="storage-used"
          aria-label="Space used of the budget"
        />
      </div>
      <div className="kv-grid">
        <Text size="xs" c="dimmed">
          Messages
        </Text>
        <Text size="xs" data-testid="storage-messages" data-count={stats.messages}>
          {formatCount(stats.messages)}
        </Text>
        <Text size="xs" c="dimmed">
          Oldest
        </Text>
        <Text size="xs" data-testid="storage-oldest">
          {stats.oldestAt === null ? '–' : formatDateTime(stats.oldestAt)}
        </Text>
        <Text size="xs" c="dimmed">
          Pruned
        </Text>
        <Text size="xs" data-testid="storage-pruned">
          {stats.prunedMessages === 0
            ? 'none since the app started'
            : `${formatCount(stats.prunedMessages)} oldest, up to ${stats.prunedUpToAt === null ? '?' : formatDateTime(stats.prunedUpToAt)}`}
        </Text>
      </div>
      <div>
        <Text size="xs" c="dimmed" mb={4}>
          Budget: beyond it, the oldest messages are pruned
        </Text>
        <Group gap={6} wrap="nowrap" align="flex-start">
          <NumberInput
            size="xs"
            w={110}
            min={1}
            decimalScale={unit === 'GB' ? 2 : 0}
            allowNegative={false}
            value={value}
            onChange={setValue}
            error={err}
            aria-label="Budget"
            data-testid="storage-budget-input"
          />
          <Select
            size="xs"
            w={72}
            data={['MB', 'GB']}
            value={unit}
            onChange={(u) => u && setUnit(u as BudgetUnit)}
            allowDeselect={false}
            comboboxProps={{ withinPortal: false }}
            aria-label="Unit"
            data-testid="storage-budget-unit"
          />
          <Button
            size="xs"
            disabled={!changed}
            loading={saving}
            onClick={() => void saveBudget()}
            data-testid="storage-budget-save"
          >
            Set
          </Button>
        </Group>
        {newBytes !== null && changed && newBytes < stats.usedBytes && (
          <Text size="xs" c="orange" mt={4}>
            Smaller than what is used: the oldest messages are deleted to fit.
          </Text>
        )}
      </div>
      <div data-testid="storage-paused">
        <Text size="xs" c="dimmed" mb={4}>
          Recording paused
        </Text>
        {paused.length === 0 ? (
          <Text size="xs">No connection: every message received is stored.</Text>
        ) : (
          <Stack gap={4}>
            {paused.map((p) => (
              <Group key={p.id} justify="space-between" gap="xs" wrap="nowrap">
                <Text size="xs" fw={600} truncate>
                  {p.name}
                </Text>
                <Button
                  size="compact-xs"
                  variant="light"
                  leftSection={<IconPlayerPlay size={12} />}
                  onClick={() =>
                    void useHistoryStatsStore
                      .getState()
                      .setPaused(p.id, false)
                      .catch((e: unknown) => notifyError('Could not resume', e))
                  }
                >
                  Resume
                </Button>
              </Group>
            ))}
          </Stack>
        )}
      </div>
    </Stack>
  )
}
