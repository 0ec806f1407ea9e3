import { Badge, Tabs } from '@mantine/core'
import { IconLayoutDashboard, IconList, IconMessages, IconSend, IconUsersGroup } from '@tabler/icons-react'
import type { Profile } from '../../../../shared/profiles'
import { useConnectionStatus } from '../../stores/connections-store'
import { useKafkaCluster } from '../../stores/kafka-cluster-store'
import { useKafkaNav, useKafkaNavStore, type KafkaTab } from '../../stores/kafka-nav-store'
import { PublishPanel } from '../publish/PublishPanel'
import { MessagesTreeView } from '../topic-tree/MessagesTreeView'
import { WorkspaceHeader } from '../topic-tree/WorkspaceHeader'
import { ClusterOverview } from './ClusterOverview'
import { GroupsView } from './GroupsView'
import { formatCount } from './kafka-numbers'
import { WorkspaceNotConnected } from '../connection/WorkspaceNotConnected'
import { TopicsView } from './TopicsView'
import { useKafkaSync } from './use-kafka-sync'
import '../topic-tree/workspace.css'
import './kafka.css'

const TABS: readonly KafkaTab[] = ['overview', 'topics', 'groups', 'messages', 'publish']

/**
 * A Kafka profile's workspace: the connection in a compact header (as the MQTT workspace has it),
 * then the cluster, its topics (with records), its consumer groups (with live lag, lag history and
 * offset resets), the records read so far as a tree of topics and partitions, and publishing, each
 * on a tab. Without a connection the cluster tabs say so and show the profile's settings; publishing
 * shows its form, and the tree what was read before.
 */
export function KafkaWorkspace({ profile }: { profile: Profile }) {
  const status = useConnectionStatus(profile)
  const connected = status.state === 'connected'
  const nav = useKafkaNav(profile.id)
  const data = useKafkaCluster(profile.id)
  const topicCount = data.topics.data?.filter((t) => !t.internal).length ?? null
  const groupCount = data.groups.data?.length ?? null
  useKafkaSync(profile.id, connected)

  return (
    <div className="mqtt-workspace kafka-workspace" data-testid="connection-panel" data-protocol="kafka">
      <WorkspaceHeader profile={profile} status={status} />
      <Tabs
        value={nav.tab}
        onChange={(v) => {
          const tab = TABS.find((t) => t === v)
          if (tab) useKafkaNavStore.getState().set(profile.id, { tab })
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
            value="topics"
            leftSection={<IconList size={15} />}
            rightSection={connected && topicCount !== null ? <Count n={topicCount} /> : null}
            data-testid="panel-tab-topics"
          >
            Topics
          </Tabs.Tab>
          <Tabs.Tab
            value="groups"
            leftSection={<IconUsersGroup size={15} />}
            rightSection={connected && groupCount !== null ? <Count n={groupCount} /> : null}
            data-testid="panel-tab-groups"
          >
            Consumer groups
          </Tabs.Tab>
          <Tabs.Tab
            value="messages"
            leftSection={<IconMessages size={15} />}
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
            <MessagesTreeView profile={profile} connected={connected} />
          ) : nav.tab === 'publish' ? (
            <div className="kafka-publish">
              <PublishPanel profile={profile} connected={connected} />
            </div>
          ) : !connected ? (
            <WorkspaceNotConnected
              profile={profile}
              status={status}
              title="Connect to see the cluster"
              shows="Brokers, topics with their records, and consumer groups with their lag"
              after="Lag samples kept from earlier watches are shown again then."
              testIdPrefix="kafka"
            />
          ) : nav.tab === 'overview' ? (
            <ClusterOverview profile={profile} />
          ) : nav.tab === 'topics' ? (
            <TopicsView profile={profile} />
          ) : (
            <GroupsView profile={profile} />
          )}
        </div>
      </Tabs>
    </div>
  )
}

function Count({ n }: { n: number }) {
  return (
    <Badge size="xs" variant="light" color="gray" radius="sm" className="kafka-tab-count">
      {formatCount(n)}
    </Badge>
  )
}
