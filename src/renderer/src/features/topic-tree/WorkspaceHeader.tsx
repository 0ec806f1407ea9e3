import { Alert, Badge, Button, Group, Text, Title, Tooltip } from '@mantine/core'
import {
  IconAlertTriangle,
  IconPencil,
  IconPlayerPause,
  IconPlayerStop,
  IconPlugConnected,
  IconPlugConnectedX,
} from '@tabler/icons-react'
import type { ConnectionStatus } from '../../../../shared/connection-status'
import { describeEndpoint, type Profile } from '../../../../shared/profiles'
import { ProtocolBadge } from '../../components/ProtocolBadge'
import { StatusDot } from '../../components/StatusDot'
import { useHistoryPaused, useHistoryStatsStore } from '../../stores/history-stats-store'
import { notifyError } from '../../stores/notices-store'
import { useUiStore } from '../../stores/ui-store'
import { STATE_COLOR } from '../../theme'
import { formatAgo, formatClock, stateHeadline } from '../connection/connection-text'
import { useConnectAction } from '../connection/use-connect-action'
import { TlsUnsafeBadge } from '../profile-editor/TlsUnsafeBadge'
import { useNow } from '../connection/use-now'
import { ProfileMenu } from '../profiles/ProfileMenu'

/**
 * The connection in one line above the MQTT workspace: name, endpoint, state with its age, the
 * connect or disconnect button, edit and the profile menu. Why a connection failed or dropped shows
 * below it in the broker's or socket's own words, as on the full connection panel.
 */
export function WorkspaceHeader({ profile, status }: { profile: Profile; status: ConnectionStatus }) {
  const now = useNow(1000)
  const { calling, shownError, busy, live, run } = useConnectAction(profile, status)
  const historyPaused = useHistoryPaused(profile.id)

  return (
    <div className="workspace-header">
      <Group justify="space-between" wrap="nowrap" gap="md" px="md" py={8}>
        <Group gap="sm" wrap="nowrap" style={{ minWidth: 0 }}>
          <ProtocolBadge protocol={profile.config.protocol} />
          <Title order={5} c="bright" data-testid="panel-profile-name" className="workspace-name">
            {profile.config.name}
          </Title>
          <Text className="mono workspace-endpoint" size="xs" c="dimmed" data-testid="panel-endpoint">
            {describeEndpoint(profile.config)}
          </Text>
          <TlsUnsafeBadge profile={profile} status={status} />
        </Group>
        <Group gap="sm" wrap="nowrap">
          {historyPaused && (
            <Tooltip label="New messages of this connection are not stored. Click to resume." withArrow>
              <Badge
                component="button"
                color="orange"
                variant="light"
                leftSection={<IconPlayerPause size={12} />}
                style={{ cursor: 'pointer', flex: 'none' }}
                onClick={() =>
                  void useHistoryStatsStore
                    .getState()
                    .setPaused(profile.id, false)
                    .catch((err: unknown) => notifyError('Could not resume the history', err))
                }
                data-testid="history-paused-badge"
              >
                History paused
              </Badge>
            </Tooltip>
          )}
          <Tooltip label={status.serverInfo ?? stateHeadline(status)} withArrow disabled={!status.serverInfo}>
            <Group gap={6} wrap="nowrap">
              <StatusDot state={status.state} />
              <Text
                size="sm"
                fw={600}
                c={
                  status.state === 'disconnected'
                    ? 'dimmed'
                    : `var(--mantine-color-${STATE_COLOR[status.state]}-text)`
                }
                data-testid="connection-state"
                data-state={status.state}
                style={{ whiteSpace: 'nowrap' }}
              >
                {stateHeadline(status)}
              </Text>
              <Text size="xs" c="dimmed" data-testid="connection-since" style={{ whiteSpace: 'nowrap' }}>
                {status.state === 'disconnected' && !status.reason
                  ? 'not connected'
                  : `since ${formatClock(status.since, now)} · ${formatAgo(status.since, now)}`}
              </Text>
            </Group>
          </Tooltip>
          {live ? (
            <Button
              size="xs"
              color={busy ? 'gray' : 'red'}
              variant={busy ? 'default' : 'light'}
              leftSection={busy ? <IconPlayerStop size={15} /> : <IconPlugConnectedX size={15} />}
              loading={calling === 'disconnect'}
              onClick={() => void run('disconnect')}
              data-testid="disconnect-button"
            >
              {busy ? 'Cancel' : 'Disconnect'}
            </Button>
          ) : (
            <Button
              size="xs"
              color="green"
              leftSection={<IconPlugConnected size={15} />}
              loading={calling === 'connect'}
              onClick={() => void run('connect')}
              data-testid="connect-button"
            >
              {status.state === 'failed' ? 'Try again' : 'Connect'}
            </Button>
          )}
          <Button
            size="xs"
            variant="default"
            leftSection={<IconPencil size={15} />}
            onClick={() => useUiStore.getState().edit(profile.id)}
            data-testid="edit-profile"
          >
            Edit
          </Button>
          <ProfileMenu profile={profile} variant="default" testid="panel-menu" />
        </Group>
      </Group>
      {status.reason && status.state !== 'connected' && (
        <Alert
          mx="md"
          mb={8}
          py={6}
          variant="light"
          color={status.state === 'failed' ? 'red' : status.state === 'disconnected' ? 'gray' : 'yellow'}
          icon={<IconAlertTriangle size={16} />}
          title={
            status.state === 'failed'
              ? 'The connection failed'
              : status.state === 'disconnected'
                ? 'The connection ended'
                : 'The connection was lost; retrying'
          }
          data-testid="connection-alert"
        >
          <Text size="sm" className="reason-text" data-testid="connection-reason">
            {status.reason}
          </Text>
        </Alert>
      )}
      {shownError && (
        <Alert
          mx="md"
          mb={8}
          py={6}
          variant="light"
          color="red"
          icon={<IconAlertTriangle size={16} />}
          title="The request failed"
          data-testid="connection-call-error"
        >
          <Text size="sm" className="reason-text">
            {shownError}
          </Text>
        </Alert>
      )}
    </div>
  )
}
