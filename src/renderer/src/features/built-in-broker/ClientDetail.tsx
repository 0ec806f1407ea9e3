import { Badge, Group, Tabs, Text, Title, Tooltip } from '@mantine/core'
import { IconBinary, IconTimeline } from '@tabler/icons-react'
import { useState } from 'react'
import type { BrokerClient } from '../../../../shared/built-in-broker'
import { useClientTimeline } from '../../stores/broker-timeline-store'
import type { ClientStory } from './client-list'
import { keepaliveLabel, mqttVersionLabel } from './disconnect-words'
import { LastDrop } from './LastDrop'
import { ClientTimeline } from './ClientTimeline'
import { PacketCapture } from './PacketCapture'

type DetailTab = 'timeline' | 'packets'

/**
 * One connection and its client id's story: why it last dropped (first, since that is what brings
 * people here), the connection's settings, then the timeline over all its connections and the raw
 * packets of this one.
 */
export function ClientDetail({
  client,
  story,
  now,
}: {
  client: BrokerClient
  story: ClientStory
  now: number
}) {
  const [tab, setTab] = useState<DetailTab>('timeline')
  const timeline = useClientTimeline(client.clientId)
  return (
    <div className="broker-client-detail" data-testid="broker-client-detail" data-client-id={client.clientId}>
      <div className="broker-client-head">
        <Group gap="sm" wrap="nowrap" mb={6}>
          <Title order={5} c="bright" className="mono broker-wrap" data-testid="broker-detail-client-id">
            {client.clientId || '(empty client id)'}
          </Title>
          <Badge color={client.connected ? 'green' : 'gray'} variant="light" size="sm">
            {client.connected ? 'connected' : 'ended'}
          </Badge>
          {story.connections > 1 && (
            <Tooltip label="Connections of this client id the broker remembers" withArrow>
              <Text size="xs" c="dimmed">
                {story.connections} connections
              </Text>
            </Tooltip>
          )}
        </Group>
        <Text size="sm" c="dimmed" className="broker-facts" data-testid="broker-client-facts">
          {connectionFacts(client).map((f, i) => (
            <span key={i} className={f.mono ? 'mono broker-fact' : 'broker-fact'}>
              {f.text}
            </span>
          ))}
        </Text>
        <LastDrop story={story} events={timeline.events} now={now} />
      </div>
      <Tabs
        value={tab}
        onChange={(v) => setTab(v === 'packets' ? 'packets' : 'timeline')}
        keepMounted={false}
        className="broker-detail-tabs"
      >
        <Tabs.List className="broker-detail-tabs-list">
          <Tabs.Tab
            value="timeline"
            leftSection={<IconTimeline size={14} />}
            data-testid="broker-tab-timeline"
          >
            Timeline
          </Tabs.Tab>
          <Tabs.Tab
            value="packets"
            leftSection={<IconBinary size={14} />}
            rightSection={
              client.capturing ? (
                <Badge size="xs" color="red" variant="filled" radius="sm">
                  rec
                </Badge>
              ) : null
            }
            data-testid="broker-tab-packets"
          >
            Packets
          </Tabs.Tab>
        </Tabs.List>
        <div className="broker-detail-body">
          {tab === 'timeline' ? (
            <ClientTimeline clientId={client.clientId} connectionId={client.connectionId} />
          ) : (
            <PacketCapture client={client} />
          )}
        </div>
      </Tabs>
    </div>
  )
}

/** The connection's settings in one line: address, version, keepalive, session, user, will, traffic. */
function connectionFacts(c: BrokerClient): { text: string; mono?: boolean }[] {
  const facts: { text: string; mono?: boolean }[] = [
    { text: c.address, mono: true },
    { text: `MQTT ${mqttVersionLabel(c.protocolVersion)}` },
    { text: c.keepalive === 0 ? 'no keepalive' : `keepalive ${keepaliveLabel(c.keepalive)}` },
    { text: c.cleanSession ? 'clean session' : 'persistent session' },
  ]
  if (c.username !== null) facts.push({ text: `user ${c.username}`, mono: true })
  facts.push(
    c.will
      ? {
          text: `will ${c.will.topic} = ${c.will.preview ?? `${c.will.size} B`}${c.will.retain ? ' (retained)' : ''}`,
          mono: true,
        }
      : { text: 'no will' },
  )
  if (c.subscriptions.length > 0)
    facts.push({
      text: `subscribed to ${c.subscriptions.map((s) => `${s.topic} (QoS ${s.qos})`).join(', ')}`,
    })
  facts.push({ text: `${c.publishesIn.toLocaleString()} publishes in` })
  return facts
}
