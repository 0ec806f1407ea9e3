import { ActionIcon, Badge, Button, Center, Drawer, Group, Stack, Text, Tooltip } from '@mantine/core'
import { IconPlayerPlay, IconRepeat } from '@tabler/icons-react'
import { useMemo } from 'react'
import { ACTIVE_STATES, useActiveReplayCount, useReplaysStore } from '../../stores/replays-store'
import { useToolsStore } from '../../stores/tools-store'
import { ReplayCard } from './ReplayCard'
import './replay.css'

/** The header button: how many replays are under way; opens the list. */
export function ReplaysButton() {
  const active = useActiveReplayCount()
  return (
    <Tooltip
      label={active > 0 ? `${active} replay${active === 1 ? '' : 's'} under way` : 'Replays'}
      withArrow
    >
      <ActionIcon
        variant={active > 0 ? 'light' : 'subtle'}
        color={active > 0 ? 'grape' : 'gray'}
        size="lg"
        onClick={() => useToolsStore.getState().setReplaysOpen(true)}
        aria-label="Replays"
        data-testid="replays-button"
        data-active={active}
        pos="relative"
      >
        <IconRepeat size={19} />
        {active > 0 && (
          <Badge
            size="xs"
            circle
            color="grape"
            pos="absolute"
            top={-3}
            right={-3}
            style={{ pointerEvents: 'none' }}
          >
            {active}
          </Badge>
        )}
      </ActionIcon>
    </Tooltip>
  )
}

/** Every replay of the core, newest first, with its progress and controls. */
export function ReplaysDrawer() {
  const open = useToolsStore((s) => s.replaysOpen)
  const order = useReplaysStore((s) => s.order)
  const hidden = useReplaysStore((s) => s.hidden)
  const byId = useReplaysStore((s) => s.byId)
  const shown = useMemo(() => order.filter((id) => !hidden.has(id)), [order, hidden])
  const finished = shown.filter((id) => !ACTIVE_STATES.has(byId[id]?.state ?? 'done')).length
  return (
    <Drawer
      opened={open}
      onClose={() => useToolsStore.getState().setReplaysOpen(false)}
      position="right"
      size={520}
      title={
        <Group gap={8}>
          <IconRepeat size={18} />
          <Text fw={650}>Replays</Text>
        </Group>
      }
      data-testid="replays-drawer"
    >
      <Stack gap="sm">
        <Group justify="space-between">
          <Text size="xs" c="dimmed">
            Replays run in the background, whatever is on screen.
          </Text>
          <Button
            size="compact-xs"
            variant="subtle"
            disabled={finished === 0}
            onClick={() => useReplaysStore.getState().clearFinished()}
            data-testid="replays-clear-finished"
          >
            Clear finished
          </Button>
        </Group>
        {shown.length === 0 ? (
          <Center py="xl">
            <Stack align="center" gap={6} maw={320}>
              <IconPlayerPlay size={28} color="var(--mantine-color-dimmed)" />
              <Text size="sm" c="dimmed" ta="center" data-testid="replays-empty">
                No replays yet. Start one from a stored message, the history panel, or saved payloads.
              </Text>
            </Stack>
          </Center>
        ) : (
          <div className="replays-list">
            {shown.map((id) => (
              <ReplayCard key={id} id={id} />
            ))}
          </div>
        )}
      </Stack>
    </Drawer>
  )
}
