import { Alert, Badge, Center, Group, Loader, SegmentedControl, Text } from '@mantine/core'
import { IconAlertTriangle } from '@tabler/icons-react'
import { useEffect, useMemo, useState } from 'react'
import type { BrokerEvent } from '../../../../shared/built-in-broker'
import { useBrokerTimelineStore, useClientTimeline } from '../../stores/broker-timeline-store'
import { shownTimeline } from './timeline-merge'
import { clockMs, KIND_LABEL, kindColor } from './timeline-text'

/** Lines on screen at most: the newest; the core keeps more, and the count of the rest is shown. */
const SHOWN = 300

/**
 * A client id's timeline over all its connections, newest first: connects, subscriptions, publishes,
 * wills and disconnects with their reason, live as the broker reports them. Publishes can be hidden
 * so the connection's story stands out; the lines of the picked connection are marked.
 */
export function ClientTimeline({ clientId, connectionId }: { clientId: string; connectionId: string }) {
  const timeline = useClientTimeline(clientId)
  const [filter, setFilter] = useState<'all' | 'quiet'>('all')
  useEffect(() => {
    void useBrokerTimelineStore.getState().load(clientId)
  }, [clientId])
  const { lines, hidden } = useMemo(
    () => shownTimeline(timeline.events, { hidePublishes: filter === 'quiet', max: SHOWN }),
    [timeline.events, filter],
  )
  return (
    <div className="broker-timeline" data-testid="broker-timeline" data-count={timeline.events.length}>
      <Group justify="space-between" px="sm" py={6} className="broker-timeline-bar">
        <SegmentedControl
          size="xs"
          value={filter}
          onChange={(v) => setFilter(v === 'quiet' ? 'quiet' : 'all')}
          data={[
            { value: 'all', label: 'Everything' },
            { value: 'quiet', label: 'Without publishes' },
          ]}
          data-testid="broker-timeline-filter"
        />
        <Text size="xs" c="dimmed">
          {timeline.events.length.toLocaleString()} lines for this client id
        </Text>
      </Group>
      {timeline.error && (
        <Alert
          m="sm"
          color="red"
          variant="light"
          icon={<IconAlertTriangle size={16} />}
          title="The timeline could not be read"
        >
          <Text size="sm" className="reason-text">
            {timeline.error}
          </Text>
        </Alert>
      )}
      {lines.length === 0 ? (
        <Center py="lg">
          {timeline.loading ? (
            <Loader size="sm" />
          ) : (
            <Text size="sm" c="dimmed">
              Nothing recorded for this client id yet.
            </Text>
          )}
        </Center>
      ) : (
        <div className="broker-timeline-lines" role="list">
          {lines.map((e) => (
            <Line key={e.id} event={e} current={e.connectionId === connectionId} />
          ))}
          {hidden > 0 && (
            <Text size="xs" c="dimmed" ta="center" py={6}>
              and {hidden.toLocaleString()} earlier lines
            </Text>
          )}
        </div>
      )}
    </div>
  )
}

function Line({ event, current }: { event: BrokerEvent; current: boolean }) {
  const publish = event.kind === 'publish'
  return (
    <div
      className="broker-line"
      role="listitem"
      data-current={current}
      data-kind={event.kind}
      data-reason={event.reason ?? ''}
      data-testid="broker-timeline-line"
    >
      <Text size="xs" c="dimmed" className="mono broker-line-time">
        {clockMs(event.at)}
      </Text>
      <Badge size="sm" radius="sm" variant="light" color={kindColor(event)} className="broker-line-kind">
        {KIND_LABEL[event.kind]}
      </Badge>
      <div className="broker-line-body">
        <Text size="sm" className="broker-wrap" fw={publish ? 400 : 500}>
          {event.text}
          {publish && event.preview !== null && (
            <Text span size="xs" c="dimmed" className="mono">
              {' '}
              = {event.preview}
            </Text>
          )}
        </Text>
        {!publish && event.preview !== null && (
          <Text size="xs" c="dimmed" className="mono broker-wrap">
            {event.topic ? `${event.topic} = ` : ''}
            {event.preview}
          </Text>
        )}
      </div>
    </div>
  )
}
