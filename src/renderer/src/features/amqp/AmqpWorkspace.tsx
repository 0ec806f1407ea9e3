import { Badge, Tabs } from '@mantine/core'
import { IconArrowsSplit2, IconInbox, IconLayoutDashboard, IconMessages, IconSend } from '@tabler/icons-react'
import { useMemo } from 'react'
import type { Profile } from '../../../../shared/profiles'
import { useAmqpConsumersStore } from '../../stores/amqp-consumers-store'
import { useAmqpNav, useAmqpNavStore, type AmqpTab } from '../../stores/amqp-nav-store'
import { useAmqpTopology } from '../../stores/amqp-topology-store'
import { useConnectionStatus } from '../../stores/connections-store'
import { formatCount } from '../kafka/kafka-numbers'
import { PublishPanel } from '../publish/PublishPanel'
import { WorkspaceHeader } from '../topic-tree/WorkspaceHeader'
import { WorkspaceNotConnected } from '../connection/WorkspaceNotConnected'
import { AmqpOverview } from './AmqpOverview'
import { BlockedBanner } from './BlockedBanner'
import { ExchangesView } from './ExchangesView'
import { MessagesView } from './MessagesView'
import { QueuesView } from './QueuesView'
import { useAmqpSync } from './use-amqp-sync'
import '../topic-tree/workspace.css'
import '../kafka/kafka.css'
import './amqp.css'

const TABS: readonly AmqpTab[] = ['overview', 'exchanges', 'queues', 'messages', 'publish']

/**
 * A RabbitMQ profile's workspace: the connection in the compact header (as MQTT and Kafka have it),
 * then the server and its management API, the exchanges with their bindings, the queues (peek,
 * consume, purge), the messages read so far as a tree of exchanges and routing keys beside the
 * consumers and taps, and publishing, each on a tab. The topology is read every 5 s while shown.
 */
export function AmqpWorkspace({ profile }: { profile: Profile }) {
  const status = useConnectionStatus(profile)
  const connected = status.state === 'connected'
  const nav = useAmqpNav(profile.id)
  const topo = useAmqpTopology(profile.id)
  useAmqpSync(profile.id, connected, nav.pollPaused)
  const byId = useAmqpConsumersStore((s) => s.byId)
  const running = useMemo(
    () =>
      Object.values(byId).filter(
        (c) => c.profileId === profile.id && (c.state === 'active' || c.state === 'restoring'),
      ).length,
    [byId, profile.id],
  )
  const exchanges = connected ? (topo.data?.exchanges.length ?? null) : null
  const queues = connected ? (topo.data?.queues.length ?? null) : null

  return (
    <div className="mqtt-workspace kafka-workspace" data-testid="connection-panel" data-protocol="amqp">
      <WorkspaceHeader profile={profile} status={status} />
      {connected && <BlockedBanner profileId={profile.id} />}
      <Tabs
        value={nav.tab}
        onChange={(v) => {
          const tab = TABS.find((t) => t === v)
          if (tab) useAmqpNavStore.getState().set(profile.id, { tab })
        }}
        keepMounted={false}
        className="kafka-tabs"
      >
        <Tabs.List className="kafka-tabs-list">
          <Tabs.Tab
            value="overview"
            leftSection={<IconLayoutDashboard size={15} />}
            data-testid="panel-tab-overview"
          >
            Overview
          </Tabs.Tab>
          <Tabs.Tab
            value="exchanges"
            leftSection={<IconArrowsSplit2 size={15} />}
            rightSection={exchanges !== null ? <Count n={exchanges} /> : null}
            data-testid="panel-tab-exchanges"
          >
            Exchanges
          </Tabs.Tab>
          <Tabs.Tab
            value="queues"
            leftSection={<IconInbox size={15} />}
            rightSection={queues !== null ? <Count n={queues} /> : null}
            data-testid="panel-tab-queues"
          >
            Queues
          </Tabs.Tab>
          <Tabs.Tab
            value="messages"
            leftSection={<IconMessages size={15} />}
            rightSection={running > 0 ? <Count n={running} live /> : null}
            data-testid="panel-tab-messages"
          >
            Messages
          </Tabs.Tab>
          <Tabs.Tab value="publish" leftSection={<IconSend size={15} />} data-testid="panel-tab-publish">
            Publish
          </Tabs.Tab>
        </Tabs.List>
        <div className="kafka-tab-body">
          {nav.tab === 'messages' ? (
            <MessagesView profile={profile} connected={connected} />
          ) : nav.tab === 'publish' ? (
            <div className="kafka-publish">
              <PublishPanel profile={profile} connected={connected} />
            </div>
          ) : !connected ? (
            <WorkspaceNotConnected
              profile={profile}
              status={status}
              title="Connect to see exchanges and queues"
              shows="The virtual host’s exchanges, queues and bindings, with their message counts and rates,"
              via="and its management API"
              after="Consumers and taps started earlier resume by themselves."
              testIdPrefix="amqp"
            />
          ) : nav.tab === 'overview' ? (
            <AmqpOverview profile={profile} status={status} />
          ) : nav.tab === 'exchanges' ? (
            <ExchangesView profile={profile} />
          ) : (
            <QueuesView profile={profile} />
          )}
        </div>
      </Tabs>
    </div>
  )
}

function Count({ n, live = false }: { n: number; live?: boolean }) {
  return (
    <Badge
      size="xs"
      variant="light"
      color={live ? 'teal' : 'gray'}
      radius="sm"
      className="kafka-tab-count"
      title={live ? 'consumers and taps running' : undefined}
    >
      {formatCount(n)}
    </Badge>
  )
}
