import {
  Alert,
  Badge,
  Button,
  Center,
  Group,
  Loader,
  Splitter,
  Stack,
  Text,
  ThemeIcon,
  Tooltip,
} from '@mantine/core'
import { IconAlertTriangle, IconArrowDown, IconDatabase, IconFileText } from '@tabler/icons-react'
import { useEffect } from 'react'
import type { KafkaPartitionInfo } from '../../../../shared/kafka'
import { useHistoryPaused } from '../../stores/history-stats-store'
import { useKafkaRecordsStore, useTopicRecords } from '../../stores/kafka-records-store'
import { useKafkaTail } from '../../stores/kafka-tails-store'
import { MessageMeta } from '../topic-detail/MessageMeta'
import { PayloadView } from '../topic-detail/PayloadView'
import { BrowseForm } from './BrowseForm'
import { formatCount } from './kafka-numbers'
import { MAX_RECORDS, recordKey } from './record-rows'
import { RecordsList } from './RecordsList'
import { useLiveTail } from './use-live-tail'
import '../topic-detail/topic-detail.css'

/**
 * What a topic holds: read from the beginning, the newest, an offset per partition or a point in
 * time, filtered, a page at a time ("load more" continues where the page stopped), or followed
 * live. The record picked shows below with its metadata and the payload viewer. Everything read
 * is stored in the history, as the core does for every record it hands over.
 */
export function RecordsBrowser({
  profileId,
  topic,
  partitions,
}: {
  profileId: string
  topic: string
  partitions: KafkaPartitionInfo[] | null
}) {
  const state = useTopicRecords(profileId, topic)
  const store = useKafkaRecordsStore.getState()
  const tail = useLiveTail(profileId, topic)
  const tailStatus = useKafkaTail(state.tail?.id ?? null)
  const historyPaused = useHistoryPaused(profileId)
  const partitionCount = partitions?.length ?? 0
  const selected = state.records.find((r) => recordKey(r) === state.selected) ?? null

  // the newest records on first opening, as every Kafka browser does
  const firstRead =
    partitions !== null && state.request === null && state.loading === null && state.error === null
  useEffect(() => {
    if (firstRead) void useKafkaRecordsStore.getState().read(profileId, topic, partitionCount)
  }, [firstRead, profileId, topic, partitionCount])

  const read = () => void store.read(profileId, topic, partitionCount)
  const canMore = state.request !== null && state.next.length > 0 && state.records.length < MAX_RECORDS

  return (
    <div className="kafka-records" data-testid="kafka-records-browser">
      <BrowseForm
        draft={state.draft}
        partitions={partitions}
        loading={state.loading === 'read'}
        tailing={tail.running || state.tail !== null}
        onChange={(p) => store.setDraft(profileId, topic, p)}
        onRead={read}
        onTail={(on) => void (on ? tail.start() : tail.stop())}
      />
      <Group className="kafka-records-status" gap="sm" wrap="nowrap" justify="space-between">
        <Group gap="sm" wrap="nowrap" style={{ minWidth: 0 }}>
          <Text size="xs" c="dimmed" data-testid="kafka-records-summary" style={{ whiteSpace: 'nowrap' }}>
            {state.request === null
              ? state.loading
                ? 'Reading…'
                : 'Nothing read yet'
              : `${formatCount(state.records.length)} record${state.records.length === 1 ? '' : 's'} · ${formatCount(state.scanned)} scanned${state.reachedEnd ? ' · at the end of the partitions' : ''}`}
          </Text>
          {state.tail && (
            <Badge
              size="sm"
              variant="light"
              color={tailStatus?.state === 'failed' ? 'red' : tailStatus?.error ? 'orange' : 'teal'}
              title={tailStatus?.error ?? undefined}
              leftSection={<span className="kafka-live-dot" />}
              data-testid="kafka-tail-status"
              data-state={tailStatus?.state ?? 'starting'}
            >
              {tailStatus?.state === 'failed'
                ? 'tail failed'
                : tailStatus?.error
                  ? `waiting for the connection · ${formatCount(tailStatus.received)} received`
                  : tailStatus
                    ? `live · ${formatCount(tailStatus.received)} received`
                    : 'starting…'}
            </Badge>
          )}
          {state.tail?.missed && (
            <Text size="xs" c="orange">
              Some live records came too fast to list; they are in the history.
            </Text>
          )}
        </Group>
        <Tooltip
          withArrow
          multiline
          w={320}
          label={
            historyPaused
              ? 'The history of this connection is paused: records read are shown but not stored.'
              : 'Every record read or tailed here is stored in the history of this connection, under topic/partition.'
          }
        >
          <Group gap={4} wrap="nowrap" className="kafka-stored-note" data-testid="kafka-stored-note">
            <IconDatabase size={12} />
            <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
              {historyPaused ? 'history paused' : 'stored in history'}
            </Text>
          </Group>
        </Tooltip>
      </Group>

      {(state.error || tailStatus?.error) && (
        <Alert
          mx="md"
          mb="xs"
          py={6}
          color="red"
          variant="light"
          icon={<IconAlertTriangle size={16} />}
          title={state.error ? 'Could not read the records' : 'The live tail stopped'}
          data-testid="kafka-records-error"
        >
          <Text size="sm" className="reason-text">
            {state.error ?? tailStatus?.error}
          </Text>
        </Alert>
      )}

      <Splitter className="kafka-records-split" lineSize={1}>
        <Splitter.Pane defaultSize="55%" min="360px">
          {state.records.length === 0 ? (
            <Center className="kafka-records-empty">
              {state.loading ? (
                <Loader size="sm" />
              ) : (
                <Stack align="center" gap={4}>
                  <ThemeIcon variant="light" color="gray" radius="xl" size={40}>
                    <IconFileText size={22} />
                  </ThemeIcon>
                  <Text size="sm" c="dimmed" ta="center" data-testid="kafka-records-empty">
                    {state.request === null
                      ? 'Pick where to start and press Read.'
                      : state.tail
                        ? 'No records matched yet; new ones appear here as they arrive.'
                        : 'No records matched.'}
                  </Text>
                </Stack>
              )}
            </Center>
          ) : (
            <RecordsList
              records={state.records}
              selected={state.selected}
              follow={state.tail !== null}
              onSelect={(k) => store.select(profileId, topic, k)}
              footer={
                <Group justify="center" py="xs" gap="sm">
                  {canMore && (
                    <Button
                      size="compact-sm"
                      variant="light"
                      leftSection={<IconArrowDown size={14} />}
                      loading={state.loading === 'more'}
                      onClick={() => void store.more(profileId, topic)}
                      data-testid="kafka-records-more"
                    >
                      Load {formatCount(state.draft.limit)} more
                    </Button>
                  )}
                  {state.dropped > 0 && (
                    <Text size="xs" c="dimmed">
                      The list holds {formatCount(MAX_RECORDS)} records; {formatCount(state.dropped)} more
                      were read but not listed.
                    </Text>
                  )}
                </Group>
              }
            />
          )}
        </Splitter.Pane>
        <Splitter.Pane defaultSize="45%" min="340px">
          <div className="kafka-record-detail" data-testid="kafka-record-detail">
            {selected ? (
              <>
                <MessageMeta message={selected} />
                <PayloadView key={selected.id} message={selected} height="calc(100vh - 470px)" />
              </>
            ) : (
              <Center h="100%">
                <Text size="sm" c="dimmed">
                  {state.records.length > 0 ? 'Pick a record to see it whole.' : ''}
                </Text>
              </Center>
            )}
          </div>
        </Splitter.Pane>
      </Splitter>
    </div>
  )
}
