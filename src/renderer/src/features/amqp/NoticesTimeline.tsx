import { Paper, Text, Timeline } from '@mantine/core'
import {
  IconAlertTriangle,
  IconHandStop,
  IconPlugConnectedX,
  IconPlayerPlay,
  IconRefresh,
} from '@tabler/icons-react'
import type { AmqpNotice } from '../../../../shared/amqp'
import { useAmqpNotices } from '../../stores/amqp-notices-store'
import { formatClock } from '../connection/connection-text'
import { useNow } from '../connection/use-now'
import { NOTICE_WORDS } from './notice-words'

/** Shown at most, newest first; the core keeps 200. */
const SHOWN = 50

const ICON: Record<AmqpNotice['kind'], typeof IconHandStop> = {
  blocked: IconHandStop,
  unblocked: IconPlayerPlay,
  'channel-closed': IconAlertTriangle,
  'connection-lost': IconPlugConnectedX,
  restored: IconRefresh,
}

/** What the connection reported this session (alarms, closed channels, losses, restores), newest first. */
export function NoticesTimeline({ profileId }: { profileId: string }) {
  const now = useNow(10_000)
  const notices = useAmqpNotices(profileId)
  const shown = notices.slice(-SHOWN).reverse()
  return (
    <Paper withBorder radius="md" p="md" data-testid="amqp-notices" data-count={notices.length}>
      <Text fw={650} c="bright" size="sm" mb="sm">
        Connection notices
      </Text>
      {shown.length === 0 ? (
        <Text size="sm" c="dimmed">
          Nothing reported on this connection: no alarms, no channels closed by the broker.
        </Text>
      ) : (
        <Timeline bulletSize={22} lineWidth={2}>
          {shown.map((n) => {
            const words = NOTICE_WORDS[n.kind]
            const Icon = ICON[n.kind]
            return (
              <Timeline.Item
                key={n.id}
                color={words.color}
                bullet={<Icon size={12} />}
                title={
                  <Text size="sm" fw={600}>
                    {words.title}{' '}
                    <Text span size="xs" c="dimmed" fw={400}>
                      {formatClock(n.at, now)}
                    </Text>
                  </Text>
                }
                data-testid="amqp-notice"
                data-kind={n.kind}
              >
                <Text size="sm" c="dimmed" className="reason-text">
                  {n.text}
                </Text>
              </Timeline.Item>
            )
          })}
        </Timeline>
      )}
      {notices.length > SHOWN && (
        <Text size="xs" c="dimmed" mt="xs">
          and {notices.length - SHOWN} earlier
        </Text>
      )}
    </Paper>
  )
}
