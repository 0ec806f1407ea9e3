import { Splitter, Tabs } from '@mantine/core'
import { IconHistory, IconSend, IconTopologyStar3 } from '@tabler/icons-react'
import { useState } from 'react'
import type { Profile } from '../../../../shared/profiles'
import { useIsBuiltInProfile } from '../../stores/broker-status-store'
import { useConnectionStatus } from '../../stores/connections-store'
import { treeViewStoreFor } from '../../stores/tree-view-registry'
import { HistoryPanel } from '../history/HistoryPanel'
import { BuiltInWorkspaceTabs } from '../built-in-broker/BuiltInWorkspaceTabs'
import { PublishPanel } from '../publish/PublishPanel'
import { SubscriptionsStrip } from '../subscriptions/SubscriptionsStrip'
import { useSubscriptionsSync } from '../subscriptions/use-subscriptions-sync'
import { ClearRetainedModal } from '../topic-detail/ClearRetainedModal'
import { ConnectionOverview } from '../topic-detail/ConnectionOverview'
import { TopicDetail } from '../topic-detail/TopicDetail'
import { TopicTree } from './TopicTree'
import { WorkspaceHeader } from './WorkspaceHeader'
import { TreeViewContext, useTreeView } from './tree-view-context'
import { keepTreeWidth, readTreeWidth } from './tree-width'
import { useTreeViewSession } from './use-tree-view-session'
import './workspace.css'

/**
 * An MQTT profile's workspace: the connection in a compact header, then the subscriptions and the
 * topic tree on the left and the selected topic on the right, split by a handle the user can drag.
 * The tree view stays open while the profile is shown (offline too, with what was received) and is
 * sent again when the broker connection or the host link comes back.
 */
export function MqttWorkspace({ profile }: { profile: Profile }) {
  const status = useConnectionStatus(profile)
  const [store] = useState(() => treeViewStoreFor(profile.id))
  const connected = status.state === 'connected'
  const [treeWidth] = useState(readTreeWidth)
  const { session, hostReopened } = useTreeViewSession(store, connected)

  useSubscriptionsSync(profile.id, `${status.state}:${hostReopened ? 'reopened' : ''}`)
  const mqtt5 = profile.config.protocol === 'mqtt' && profile.config.mqttVersion === 5
  // the app's own profile on its built-in broker also has the broker's device view, on a tab
  const builtIn = useIsBuiltInProfile(profile.id)

  const topics = (
    <Splitter className="workspace-split" lineSize={1} onResizeEnd={(_i, sizes) => keepTreeWidth(sizes[0])}>
      <Splitter.Pane defaultSize={treeWidth} min="260px" max="75%">
        <div className="workspace-left">
          <SubscriptionsStrip profileId={profile.id} mqtt5={mqtt5} />
          <TopicTree offline={!connected} onRetry={() => session.current?.reopen()} />
        </div>
      </Splitter.Pane>
      <Splitter.Pane defaultSize={1} min="320px">
        <DetailPane profile={profile} connected={connected} />
      </Splitter.Pane>
    </Splitter>
  )

  return (
    <TreeViewContext.Provider value={store}>
      <div className="mqtt-workspace" data-testid="connection-panel">
        <WorkspaceHeader profile={profile} status={status} />
        {builtIn ? <BuiltInWorkspaceTabs topics={topics} /> : topics}
        <ClearRetainedModal />
      </div>
    </TreeViewContext.Provider>
  )
}

type DetailTab = 'topic' | 'history' | 'publish'

/**
 * The right side: the selected topic (or the connection overview) and, on their own tabs, the stored
 * history of that topic, its subtree or the connection, and publishing (its topic follows the
 * tree's selection). The history and publish panels are mounted the first time they are shown and
 * then kept (hidden), so going back keeps their list, scroll, search and editor.
 */
function DetailPane({ profile, connected }: { profile: Profile; connected: boolean }) {
  const selected = useTreeView((s) => s.selected)
  const [tab, setTab] = useState<DetailTab>('topic')
  const [historySeen, setHistorySeen] = useState(false)
  const [publishSeen, setPublishSeen] = useState(false)
  return (
    <Tabs
      value={tab}
      onChange={(v) => {
        const next = (v ?? 'topic') as DetailTab
        if (next === 'history') setHistorySeen(true)
        if (next === 'publish') setPublishSeen(true)
        setTab(next)
      }}
      keepMounted={false}
      className="detail-tabs"
    >
      <Tabs.List className="detail-tabs-list">
        <Tabs.Tab value="topic" leftSection={<IconTopologyStar3 size={14} />} data-testid="detail-tab-topic">
          {selected === null ? 'Connection' : 'Topic'}
        </Tabs.Tab>
        <Tabs.Tab value="history" leftSection={<IconHistory size={14} />} data-testid="detail-tab-history">
          History
        </Tabs.Tab>
        <Tabs.Tab value="publish" leftSection={<IconSend size={14} />} data-testid="detail-tab-publish">
          Publish
        </Tabs.Tab>
      </Tabs.List>
      <div className="detail-tab-body">
        {tab === 'topic' &&
          (selected === null ? (
            <ConnectionOverview profile={profile} connected={connected} />
          ) : (
            <TopicDetail key={selected} path={selected} />
          ))}
        {historySeen && (
          <div className="detail-tab-keep" hidden={tab !== 'history'}>
            <HistoryPanel profile={profile} />
          </div>
        )}
        {publishSeen && (
          <div className="detail-tab-keep" hidden={tab !== 'publish'}>
            <PublishPanel profile={profile} connected={connected} selectedTopic={selected} />
          </div>
        )}
      </div>
    </Tabs>
  )
}
