import { ActionIcon, Button, Group, Text, Tooltip } from '@mantine/core'
import { IconAlertTriangle, IconPlayerPause, IconPlayerPlay, IconRefresh } from '@tabler/icons-react'
import { useAmqpNav, useAmqpNavStore } from '../../stores/amqp-nav-store'
import { useAmqpTopology, useAmqpTopologyStore } from '../../stores/amqp-topology-store'
import { useNow } from '../connection/use-now'
import { updatedAgo } from './amqp-format'

/**
 * How fresh the topology on screen is ("updated 3 s ago"), a pause for the 5-second refresh (while
 * reading a list that should hold still) and a refresh now. A failed refresh is flagged here; the
 * lists keep what was read last.
 */
export function TopologyStatus({ profileId }: { profileId: string }) {
  const now = useNow(1000)
  const topo = useAmqpTopology(profileId)
  const { pollPaused } = useAmqpNav(profileId)
  const togglePause = () => useAmqpNavStore.getState().set(profileId, { pollPaused: !pollPaused })
  return (
    <Group gap={8} wrap="nowrap">
      {topo.error && topo.data && (
        <Tooltip label={`The last refresh failed: ${topo.error}`} withArrow multiline maw={360}>
          <IconAlertTriangle
            size={15}
            color="var(--mantine-color-orange-filled)"
            data-testid="amqp-refresh-failed"
          />
        </Tooltip>
      )}
      {topo.at !== null && (
        <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }} data-testid="amqp-topology-updated">
          {updatedAgo(topo.at, now)}
          {pollPaused ? ' · paused' : ''}
        </Text>
      )}
      <Tooltip label={pollPaused ? 'Refresh every 5 s again' : 'Pause the refresh every 5 s'} withArrow>
        <ActionIcon
          variant="default"
          size={30}
          onClick={togglePause}
          aria-label={pollPaused ? 'Resume the live refresh' : 'Pause the live refresh'}
          data-testid="amqp-poll-toggle"
          data-paused={pollPaused}
        >
          {pollPaused ? <IconPlayerPlay size={14} /> : <IconPlayerPause size={14} />}
        </ActionIcon>
      </Tooltip>
      <Button
        size="xs"
        variant="default"
        leftSection={<IconRefresh size={14} className={topo.loading ? 'spin' : undefined} />}
        onClick={() => void useAmqpTopologyStore.getState().load(profileId)}
        data-testid="amqp-refresh"
        data-busy={topo.loading}
      >
        Refresh
      </Button>
    </Group>
  )
}
