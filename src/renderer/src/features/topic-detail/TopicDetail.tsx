import { Button, Group, Text } from '@mantine/core'
import { useEffect, useRef, useState, type ReactNode } from 'react'
import { api } from '../../api/client'
import { notifyError } from '../../stores/notices-store'
import { useTreeProtocol, useTreeView, useTreeViewStore } from '../topic-tree/tree-view-context'
import { treeWords } from '../topic-tree/tree-words'
import { DetailHeader } from './DetailHeader'
import { DiffView } from './DiffView'
import { formatTime } from './format-units'
import { MessageHistory } from './MessageHistory'
import { MessageMeta } from './MessageMeta'
import { PayloadView } from './PayloadView'
import { TopicChart } from './TopicChart'
import './topic-detail.css'

/** Messages fetched per "load older". */
const OLDER_PAGE = 100

/**
 * The selected topic: figures, the last message (or the one picked in the history) with its
 * payload, the live chart and the history. Two messages picked in the history are compared in the
 * top section instead of the payload. Keyed by path by its parent, so another topic starts afresh.
 */
export function TopicDetail({ path }: { path: string }) {
  const store = useTreeViewStore()
  const profileId = store.getState().profileId
  const detail = useTreeView((s) => (s.detail?.path === path ? s.detail : null))
  const treeNode = useTreeView((s) => s.model.nodes.get(path))
  const chartField = useTreeView((s) => s.chartField)
  const [pinnedId, setPinnedId] = useState<number | null>(null)
  const [picked, setPicked] = useState<number[]>([])
  const [loadingOlder, setLoadingOlder] = useState(false)
  const scrollRef = useRef<HTMLDivElement>(null)
  const { leaf } = treeWords(useTreeProtocol())

  // the tree's copy follows every delta (a cleared retained flag too); the detail's only new messages
  const node = treeNode ?? detail?.node ?? null
  const messages = detail?.messages ?? []
  const pinned = pinnedId === null ? undefined : messages.find((m) => m.id === pinnedId)
  const shown = pinned ?? messages[0]
  const pickedMessages = picked.map((id) => messages.find((m) => m.id === id)).filter((m) => m !== undefined)
  const diffPair = pickedMessages.length === 2 ? pickedMessages : null
  const series = detail?.series ?? []
  const fields = detail?.numericFields ?? []
  const showChart = series.length > 0 || fields.length > 0 || chartField !== null

  // the comparison takes the top section: show it once per pair picked (not on every delta)
  const diffKey = diffPair ? `${diffPair[0]?.id}:${diffPair[1]?.id}` : null
  useEffect(() => {
    if (diffKey) scrollRef.current?.scrollTo({ top: 0 })
  }, [diffKey])

  async function loadOlder() {
    const oldest = messages[messages.length - 1]
    if (!oldest) return
    setLoadingOlder(true)
    try {
      const page = await api().getTopicMessages({
        profileId,
        topic: path,
        beforeId: oldest.id,
        limit: OLDER_PAGE,
      })
      store.getState().addOlder(path, page, OLDER_PAGE)
    } catch (err) {
      notifyError('Could not load older messages', err)
    } finally {
      setLoadingOlder(false)
    }
  }

  return (
    <div className="topic-detail" data-testid="topic-detail" data-path={path}>
      <DetailHeader profileId={profileId} path={path} node={node} />
      <div className="detail-scroll" ref={scrollRef}>
        {diffPair && diffPair[0] && diffPair[1] ? (
          <Section title="Comparison">
            <DiffView a={diffPair[0]} b={diffPair[1]} onClose={() => setPicked([])} />
          </Section>
        ) : (
          <Section
            title={pinned ? `Message of ${formatTime(pinned.receivedAt)}` : 'Last message'}
            aside={
              pinned && (
                <Button
                  size="compact-xs"
                  variant="subtle"
                  onClick={() => setPinnedId(null)}
                  data-testid="detail-follow-latest"
                >
                  Back to the latest
                </Button>
              )
            }
          >
            {shown ? (
              <>
                <MessageMeta message={shown} />
                <PayloadView message={shown} />
              </>
            ) : (
              <Text size="sm" c="dimmed">
                {!detail
                  ? 'Loading…'
                  : node && node.own === 0 && node.messages > 0
                    ? `No message on this topic itself: ${node.messages.toLocaleString()} in the ${node.topics.toLocaleString()} ${leaf(node.topics)} below.`
                    : 'No messages on this topic yet.'}
              </Text>
            )}
          </Section>
        )}

        {showChart && (
          <Section title="Chart">
            <TopicChart
              series={series}
              fields={fields}
              field={chartField}
              onField={(f) => store.getState().setChartField(f)}
            />
          </Section>
        )}

        <Section title="History">
          <MessageHistory
            messages={messages}
            skipped={detail?.skipped ?? 0}
            pinnedId={pinned ? pinned.id : null}
            picked={picked}
            olderDone={detail?.olderDone ?? false}
            loadingOlder={loadingOlder}
            onPin={setPinnedId}
            onPick={(id, on) =>
              setPicked(
                on ? [...picked.filter((p) => p !== id), id].slice(-2) : picked.filter((p) => p !== id),
              )
            }
            onCompareWithPrevious={(i) => {
              const a = messages[i]
              const b = messages[i + 1]
              if (a && b) setPicked([b.id, a.id])
            }}
            onLoadOlder={() => void loadOlder()}
          />
        </Section>
      </div>
    </div>
  )
}

function Section({ title, aside, children }: { title: string; aside?: ReactNode; children: ReactNode }) {
  return (
    <section className="detail-section">
      <Group justify="space-between" gap={6} mb={6} wrap="nowrap">
        <Text size="xs" fw={650} tt="uppercase" c="dimmed" style={{ letterSpacing: 0.4 }}>
          {title}
        </Text>
        {aside}
      </Group>
      {children}
    </section>
  )
}
