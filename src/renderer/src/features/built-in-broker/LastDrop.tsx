import { Alert, Group, Text } from '@mantine/core'
import { IconCircleCheck, IconPlugConnectedX } from '@tabler/icons-react'
import type { BrokerClient, BrokerEvent } from '../../../../shared/built-in-broker'
import { formatAgo, formatClock } from '../connection/connection-text'
import type { ClientStory } from './client-list'
import { isUnplanned, reasonWords, willSent } from './disconnect-words'
import { duration } from './timeline-text'

/**
 * The answer to "why did my device drop?", first thing on its page: when its last connection ended,
 * the reason in words, whether its will went out, and how long the device had been silent.
 */
export function LastDrop({
  story,
  events,
  now,
}: {
  story: ClientStory
  /** The client id's timeline as far as it is loaded: the will line of the ending, if any, is in it. */
  events: readonly BrokerEvent[]
  now: number
}) {
  const { current, lastEnded } = story
  if (!lastEnded) {
    return current ? (
      <Alert
        color="green"
        variant="light"
        py={8}
        icon={<IconCircleCheck size={18} />}
        data-testid="broker-last-drop"
        data-reason=""
      >
        <Text size="sm">
          Connected since {formatClock(current.connectedAt, now)} ({formatAgo(current.connectedAt, now)}), no
          disconnects recorded for this client id.
        </Text>
      </Alert>
    ) : null
  }
  const reason = lastEnded.disconnectReason
  const unplanned = reason !== null && isUnplanned(reason)
  const at = lastEnded.disconnectedAt ?? lastEnded.connectedAt
  return (
    <Alert
      color={current ? 'yellow' : unplanned ? 'red' : 'gray'}
      variant="light"
      py={10}
      icon={<IconPlugConnectedX size={20} />}
      title={
        current
          ? `Back since ${formatClock(current.connectedAt, now)}; it last dropped at ${formatClock(at, now)}`
          : `${unplanned ? 'Dropped' : 'Disconnected'} at ${formatClock(at, now)} (${formatAgo(at, now)})`
      }
      data-testid="broker-last-drop"
      data-reason={reason ?? ''}
      data-connected={current !== null}
    >
      <Text size="md" fw={600} className="broker-drop-words" data-testid="broker-last-drop-reason">
        {reasonWords(lastEnded)}
      </Text>
      <Details client={lastEnded} willLine={findWill(events, lastEnded.connectionId)} />
    </Alert>
  )
}

/** The will the broker published when this connection ended, as the timeline recorded it. */
function findWill(events: readonly BrokerEvent[], connectionId: string): BrokerEvent | null {
  for (let i = events.length - 1; i >= 0; i--) {
    const e = events[i]!
    if (e.connectionId === connectionId && e.kind === 'will') return e
  }
  return null
}

function Details({ client, willLine }: { client: BrokerClient; willLine: BrokerEvent | null }) {
  const end = client.disconnectedAt ?? client.connectedAt
  const parts: string[] = [`connected for ${duration(end - client.connectedAt)}`]
  if (client.lastPacketAt !== null && client.disconnectReason !== 'clean')
    parts.push(`last packet from it ${duration(end - client.lastPacketAt)} before the end`)
  parts.push(`${client.publishesIn.toLocaleString()} publishes in`)
  return (
    <Group gap={6} mt={4}>
      <Text size="xs" c="dimmed">
        {parts.join(' · ')}
      </Text>
      {willLine ? (
        <Text size="xs" data-testid="broker-last-drop-will">
          · will published:{' '}
          <span className="mono">
            {willLine.topic} = {willLine.preview ?? `${willLine.size ?? 0} B`}
          </span>
          {willLine.retain ? ' (retained)' : ''}
        </Text>
      ) : (
        willSent(client) &&
        client.will && (
          <Text size="xs" data-testid="broker-last-drop-will">
            · will:{' '}
            <span className="mono">
              {client.will.topic} = {client.will.preview ?? `${client.will.size} B`}
            </span>
            {client.will.retain ? ' (retained)' : ''}
          </Text>
        )
      )}
    </Group>
  )
}
