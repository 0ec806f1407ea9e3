import { Anchor, Group, Loader, Text } from '@mantine/core'
import { getApiClient } from '../../api/client'
import { useTransportStore } from '../../stores/transport-store'

/** Shown while the web host's socket is down; the API client reconnects by itself. */
export function HostLinkBanner() {
  const state = useTransportStore((s) => s.state)
  if (state.kind !== 'reconnecting') return null
  const retry = getApiClient().transport.retryNow
  return (
    <Group
      gap="sm"
      px="md"
      h={32}
      wrap="nowrap"
      role="status"
      aria-live="polite"
      data-testid="host-connection-banner"
      style={{ background: 'var(--mantine-color-orange-filled)', color: 'white' }}
    >
      <Loader size={14} color="white" />
      <Text size="sm" fw={600} c="white">
        Lost connection to the Brokerlens host — reconnecting…
      </Text>
      <Text size="xs" c="white" opacity={0.85} truncate="end" style={{ flex: 1, minWidth: 0 }}>
        attempt {state.attempt} · {state.reason}
      </Text>
      {retry && (
        <Anchor
          component="button"
          type="button"
          size="sm"
          c="white"
          fw={600}
          underline="always"
          onClick={() => retry()}
        >
          Retry now
        </Anchor>
      )}
    </Group>
  )
}
