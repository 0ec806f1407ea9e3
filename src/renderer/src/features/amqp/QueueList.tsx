import { Anchor, Badge, Group, Table, TextInput } from '@mantine/core'
import { IconSearch } from '@tabler/icons-react'
import { useMemo, useState } from 'react'
import type { AmqpQueueInfo } from '../../../../shared/amqp'
import type { Profile } from '../../../../shared/profiles'
import { useAmqpNav, useAmqpNavStore } from '../../stores/amqp-nav-store'
import { useAmqpTopology, useAmqpTopologyStore } from '../../stores/amqp-topology-store'
import { KafkaListFrame } from '../kafka/KafkaListFrame'
import { NONE } from '../kafka/kafka-numbers'
import { SortableTh } from '../kafka/SortableTh'
import { nextSort } from '../kafka/topic-list'
import { formatAmqpRate, formatMaybeCount } from './amqp-format'
import { DeclareQueueModal } from './DeclareQueueModal'
import { QUEUE_TEXT_KEYS, visibleQueues, type QueueSortKey } from './queue-list'
import { QueueStateBadge } from './QueueStateBadge'
import { SourceNote } from './SourceNote'
import { TopologyError } from './TopologyError'
import { TopologyListNotes, TopologyToolbarEnd } from './TopologyListParts'

/** Rows drawn at most; the search narrows the rest. */
const MAX_ROWS = 1000

/** The vhost's queues: type, state, messages ready and unacknowledged, consumers and rates. */
export function QueueList({ profile }: { profile: Profile }) {
  const topo = useAmqpTopology(profile.id)
  const nav = useAmqpNav(profile.id)
  const [declaring, setDeclaring] = useState(false)
  const all = topo.data?.queues
  const rows = useMemo(
    () => (all ? visibleQueues(all, { search: nav.queueSearch, sort: nav.queueSort }) : []),
    [all, nav.queueSearch, nav.queueSort],
  )
  const setSearch = (queueSearch: string) => useAmqpNavStore.getState().set(profile.id, { queueSearch })
  const onSort = (key: QueueSortKey) =>
    useAmqpNavStore.getState().set(profile.id, { queueSort: nextSort(nav.queueSort, key, QUEUE_TEXT_KEYS) })
  const open = (name: string) => useAmqpNavStore.getState().openQueue(profile.id, name)
  const th = { sort: nav.queueSort, onSort }

  return (
    <div className="kafka-scroll" data-testid="amqp-queues">
      <div className="kafka-toolbar">
        <TextInput
          size="xs"
          w={260}
          placeholder="Search queues"
          leftSection={<IconSearch size={14} />}
          value={nav.queueSearch}
          onChange={(e) => setSearch(e.currentTarget.value)}
          onKeyDown={(e) => e.key === 'Escape' && setSearch('')}
          aria-label="Search queues"
          data-testid="amqp-queue-search"
        />
        <TopologyToolbarEnd
          profileId={profile.id}
          label="Declare queue"
          onDeclare={() => setDeclaring(true)}
          testId="amqp-queue-declare"
        />
      </div>
      {topo.data?.source === 'amqp' && <SourceNote profileId={profile.id} what="queues" />}
      <TopologyError profileId={profile.id} />
      <KafkaListFrame
        errorTitle=""
        error={null}
        loading={topo.loading}
        ready={!!all}
        testId="amqp-queue-table"
        count={rows.length}
        after={
          <TopologyListNotes
            shown={rows.length}
            total={all?.length ?? null}
            max={MAX_ROWS}
            plural="queues"
            noneText="No queues in this virtual host yet."
            noMatchText="No queue matches the search."
            emptyTestId="amqp-queues-empty"
          />
        }
      >
        <Table.Thead>
          <Table.Tr>
            <SortableTh column="name" {...th}>
              Name
            </SortableTh>
            <SortableTh column="type" {...th} w={82}>
              Type
            </SortableTh>
            <SortableTh column="state" {...th} w={104}>
              State
            </SortableTh>
            <SortableTh column="ready" {...th} align="right" w={80}>
              Ready
            </SortableTh>
            <SortableTh column="unacked" {...th} align="right" w={98}>
              Unacked
            </SortableTh>
            <SortableTh column="total" {...th} align="right" w={74}>
              Total
            </SortableTh>
            <SortableTh column="consumers" {...th} align="right" w={112}>
              Consumers
            </SortableTh>
            <SortableTh column="publish" {...th} align="right" w={66}>
              In
            </SortableTh>
            <SortableTh column="deliver" {...th} align="right" w={70}>
              Out
            </SortableTh>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.slice(0, MAX_ROWS).map((q) => (
            <QueueRow key={q.name} queue={q} onOpen={() => open(q.name)} />
          ))}
        </Table.Tbody>
      </KafkaListFrame>
      <DeclareQueueModal
        opened={declaring}
        profileId={profile.id}
        exchanges={topo.data?.exchanges.map((e) => e.name).filter((n) => n !== '') ?? []}
        onClose={() => setDeclaring(false)}
        onDeclared={(name) => {
          setDeclaring(false)
          void useAmqpTopologyStore.getState().load(profile.id)
          open(name)
        }}
      />
    </div>
  )
}

function Figure({ n, testId }: { n: number | null; testId?: string }) {
  return (
    <Table.Td ta="right" c={n === null ? 'dimmed' : undefined} data-testid={testId} data-value={n ?? ''}>
      {formatMaybeCount(n)}
    </Table.Td>
  )
}

function QueueRow({ queue: q, onOpen }: { queue: AmqpQueueInfo; onOpen(): void }) {
  return (
    <Table.Tr data-testid="amqp-queue-row" data-queue={q.name} className="kafka-row">
      <Table.Td className="amqp-name-cell">
        <Group gap={6} wrap="nowrap">
          <Anchor
            component="button"
            type="button"
            className="mono kafka-topic-name"
            onClick={onOpen}
            data-testid="amqp-queue-open"
          >
            {q.name}
          </Anchor>
          {q.exclusive && (
            <Badge
              size="xs"
              variant="default"
              radius="sm"
              className="amqp-header-badges"
              title="exclusive: belongs to one connection"
            >
              Excl
            </Badge>
          )}
          {q.source === 'amqp' && (
            <Badge size="xs" variant="light" color="gray" radius="sm" className="amqp-header-badges">
              watched
            </Badge>
          )}
        </Group>
      </Table.Td>
      <Table.Td c={q.type === null ? 'dimmed' : undefined}>{q.type ?? NONE}</Table.Td>
      <Table.Td>
        <QueueStateBadge state={q.state} />
      </Table.Td>
      <Figure n={q.messagesReady} testId="amqp-queue-ready" />
      <Figure n={q.messagesUnacked} testId="amqp-queue-unacked" />
      <Figure n={q.messages} testId="amqp-queue-total" />
      <Figure n={q.consumers} testId="amqp-queue-consumers" />
      <Table.Td ta="right" c={q.publishRate === null ? 'dimmed' : undefined}>
        {formatAmqpRate(q.publishRate)}
      </Table.Td>
      <Table.Td ta="right" c={q.deliverRate === null ? 'dimmed' : undefined}>
        {formatAmqpRate(q.deliverRate)}
      </Table.Td>
    </Table.Tr>
  )
}
