import { Badge, Tooltip } from '@mantine/core'
import { IconShieldOff } from '@tabler/icons-react'
import type { ConnectionStatus } from '../../../../shared/connection-status'
import type { Profile } from '../../../../shared/profiles'
import { TLS_UNSAFE_TEXT, tlsUnverified } from './tls-safety'

/**
 * A red "unsafe" badge for a connection that is up over TLS without verifying the server, for the
 * connection header. Renders nothing otherwise: the mark means something only while it is true.
 */
export function TlsUnsafeBadge({ profile, status }: { profile: Profile; status: ConnectionStatus }) {
  if (status.state !== 'connected' || !tlsUnverified(profile.config)) return null
  return (
    <Tooltip label={TLS_UNSAFE_TEXT.tooltip} multiline w={320} withArrow>
      <Badge
        color="red"
        variant="filled"
        leftSection={<IconShieldOff size={12} />}
        style={{ flex: 'none' }}
        data-testid="tls-unsafe-badge"
      >
        {TLS_UNSAFE_TEXT.badge}
      </Badge>
    </Tooltip>
  )
}
