import { Badge, Group, Tooltip } from '@mantine/core'
import type { Flag } from './amqp-format'

/** RabbitMQ's feature abbreviations (D, AD, I, Excl), each explained on hover. */
export function FlagBadges({ flags, testId }: { flags: Flag[]; testId?: string }) {
  return (
    <Group gap={4} wrap="nowrap" data-testid={testId} data-flags={flags.map((f) => f.short).join(' ')}>
      {flags.map((f) => (
        <Tooltip key={f.short} label={f.label} withArrow>
          <Badge size="xs" radius="sm" variant="default" className="amqp-flag">
            {f.short}
          </Badge>
        </Tooltip>
      ))}
    </Group>
  )
}
