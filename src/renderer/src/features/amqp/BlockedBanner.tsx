import { Alert, Text } from '@mantine/core'
import { IconHandStop } from '@tabler/icons-react'
import { blockedNotice, useAmqpNoticesStore } from '../../stores/amqp-notices-store'
import { formatClock } from '../connection/connection-text'
import { useNow } from '../connection/use-now'

/**
 * Shown on every tab while the broker blocks the connection (a memory or disk alarm): publishing
 * stalls until it lifts, and nothing else on screen would say why.
 */
export function BlockedBanner({ profileId }: { profileId: string }) {
  const now = useNow(5000)
  const blocked = useAmqpNoticesStore((s) => blockedNotice(s.byProfile[profileId] ?? []))
  if (!blocked) return null
  return (
    <Alert
      mx="md"
      mt={8}
      py={6}
      color="red"
      variant="filled"
      icon={<IconHandStop size={18} />}
      title={`The broker blocks this connection since ${formatClock(blocked.at, now)}: publishing waits until the alarm clears`}
      data-testid="amqp-blocked-banner"
    >
      <Text size="sm" className="reason-text">
        {blocked.text}
      </Text>
    </Alert>
  )
}
