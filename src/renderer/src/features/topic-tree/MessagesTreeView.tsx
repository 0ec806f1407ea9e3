import { Center, Splitter, Stack, Text, ThemeIcon } from '@mantine/core'
import { IconTopologyStar3 } from '@tabler/icons-react'
import { useState } from 'react'
import type { Profile } from '../../../../shared/profiles'
import { treeViewStoreFor } from '../../stores/tree-view-registry'
import { TopicDetail } from '../topic-detail/TopicDetail'
import { TopicTree } from './TopicTree'
import { TreeProtocolContext, TreeViewContext, useTreeView } from './tree-view-context'
import { treeWords } from './tree-words'
import { keepTreeWidth, readTreeWidth } from './tree-width'
import { useTreeViewSession } from './use-tree-view-session'
import './workspace.css'

/**
 * The topic tree and the selected node's detail for a profile that is not MQTT (a Kafka profile's
 * Messages tab): what the app read (browsed, tailed, published) by the tree path the core files it
 * under, without the MQTT-only controls. The view is open in the core while this is shown; the
 * store is the profile's, so expansion and selection survive leaving the tab.
 */
export function MessagesTreeView({ profile, connected }: { profile: Profile; connected: boolean }) {
  const [store] = useState(() => treeViewStoreFor(profile.id))
  const [treeWidth] = useState(readTreeWidth)
  const { session } = useTreeViewSession(store, connected)
  return (
    <TreeProtocolContext.Provider value={profile.config.protocol}>
      <TreeViewContext.Provider value={store}>
        <Splitter
          className="workspace-split messages-tree-view"
          lineSize={1}
          onResizeEnd={(_i, sizes) => keepTreeWidth(sizes[0])}
          data-testid="messages-tree-view"
        >
          <Splitter.Pane defaultSize={treeWidth} min="260px" max="75%">
            <div className="workspace-left">
              <TopicTree offline={!connected} onRetry={() => session.current?.reopen()} />
            </div>
          </Splitter.Pane>
          <Splitter.Pane defaultSize={1} min="320px">
            <Detail protocol={profile.config.protocol} />
          </Splitter.Pane>
        </Splitter>
      </TreeViewContext.Provider>
    </TreeProtocolContext.Provider>
  )
}

function Detail({ protocol }: { protocol: Profile['config']['protocol'] }) {
  const selected = useTreeView((s) => s.selected)
  if (selected !== null) return <TopicDetail key={selected} path={selected} />
  const leaf = treeWords(protocol).leaf(1)
  return (
    <Center h="100%" p="md">
      <Stack align="center" gap={6} maw={420} data-testid="messages-tree-placeholder">
        <ThemeIcon size={44} radius="xl" variant="light" color="gray">
          <IconTopologyStar3 size={24} />
        </ThemeIcon>
        <Text size="sm" c="dimmed" ta="center">
          Pick a {leaf} in the tree to see its last message, its history and a chart of its values.
        </Text>
      </Stack>
    </Center>
  )
}
