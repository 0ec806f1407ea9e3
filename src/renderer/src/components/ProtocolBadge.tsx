import { Badge, type BadgeProps } from '@mantine/core'
import type { Protocol } from '../../../shared/profiles'
import { PROTOCOL_COLOR, PROTOCOL_LABEL } from '../theme'

export function ProtocolBadge({
  protocol,
  ...rest
}: { protocol: Protocol } & Omit<BadgeProps, 'color' | 'children'>) {
  return (
    <Badge
      color={PROTOCOL_COLOR[protocol]}
      variant="light"
      size="sm"
      radius="sm"
      style={{ flex: 'none' }}
      data-protocol={protocol}
      {...rest}
    >
      {PROTOCOL_LABEL[protocol]}
    </Badge>
  )
}
