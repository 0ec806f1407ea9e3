import { Group, Text, Tooltip, UnstyledButton } from '@mantine/core'
import { describeEndpoint, type Profile } from '../../../../shared/profiles'
import { ProtocolBadge } from '../../components/ProtocolBadge'
import { StatusDot } from '../../components/StatusDot'
import { useConnectionStatus } from '../../stores/connections-store'
import { stateHeadline, stateLine } from '../connection/connection-text'
import { ProfileMenu } from './ProfileMenu'
import { connectProfile } from './profile-actions'

export function ProfileListItem({
  profile,
  selected,
  onSelect,
}: {
  profile: Profile
  selected: boolean
  onSelect: () => void
}) {
  const status = useConnectionStatus(profile)
  const name = profile.config.name
  const endpoint = describeEndpoint(profile.config)
  const busy = status.state === 'connecting' || status.state === 'reconnecting'
  return (
    <UnstyledButton
      component="div"
      role="button"
      tabIndex={0}
      className="profile-item"
      data-selected={selected}
      data-testid={`profile-item-${name}`}
      data-state={status.state}
      aria-current={selected ? 'true' : undefined}
      aria-label={`${name}, ${stateHeadline(status)}`}
      onClick={onSelect}
      onDoubleClick={() => {
        // double-click connects, as in most desktop clients
        if (status.state === 'disconnected' || status.state === 'failed') void connectProfile(profile)
      }}
      onKeyDown={(e) => {
        if (e.target === e.currentTarget && (e.key === 'Enter' || e.key === ' ')) {
          e.preventDefault()
          onSelect()
        }
      }}
    >
      <Group gap={8} wrap="nowrap" align="center">
        <Tooltip label={stateLine(status)} multiline maw={360} openDelay={300} withinPortal>
          <span style={{ display: 'inline-flex' }}>
            <StatusDot state={status.state} label={stateHeadline(status)} />
          </span>
        </Tooltip>
        <Text fw={600} size="sm" c="bright" truncate="end" style={{ flex: 1, minWidth: 0 }} title={name}>
          {name}
        </Text>
        <ProtocolBadge protocol={profile.config.protocol} />
        <ProfileMenu profile={profile} className="profile-item-menu" />
      </Group>
      <Group gap={6} wrap="nowrap" pl={18} pr={4} mt={2}>
        <Text
          size="xs"
          c="dimmed"
          className="mono"
          truncate="end"
          style={{ flex: 1, minWidth: 0 }}
          title={endpoint}
        >
          {endpoint}
        </Text>
        {busy && status.attempt > 0 ? (
          <Text
            size="xs"
            c="var(--mantine-color-yellow-text)"
            fw={500}
            style={{ flex: 'none' }}
            data-testid="profile-item-attempt"
          >
            attempt {status.attempt}
          </Text>
        ) : status.state === 'failed' ? (
          <Text size="xs" c="var(--mantine-color-red-text)" fw={500} style={{ flex: 'none' }}>
            failed
          </Text>
        ) : null}
      </Group>
    </UnstyledButton>
  )
}
