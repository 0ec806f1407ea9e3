import { Anchor, Badge, Group, Select, Table, TextInput } from '@mantine/core'
import { IconSearch } from '@tabler/icons-react'
import { useMemo, useState } from 'react'
import type { AmqpExchangeInfo } from '../../../../shared/amqp'
import type { Profile } from '../../../../shared/profiles'
import { useAmqpNav, useAmqpNavStore, type AmqpNav } from '../../stores/amqp-nav-store'
import { useAmqpTopology, useAmqpTopologyStore } from '../../stores/amqp-topology-store'
import { KafkaListFrame } from '../kafka/KafkaListFrame'
import { NONE } from '../kafka/kafka-numbers'
import { SortableTh } from '../kafka/SortableTh'
import { nextSort } from '../kafka/topic-list'
import { exchangeFlags, exchangeLabel, formatAmqpRate } from './amqp-format'
import { DeclareExchangeModal } from './DeclareExchangeModal'
import {
  ANY_TYPE,
  EXCHANGE_TEXT_KEYS,
  exchangeTypes,
  visibleExchanges,
  type ExchangeSortKey,
} from './exchange-list'
import { FlagBadges } from './FlagBadges'
import { SourceNote } from './SourceNote'
import { TopologyError } from './TopologyError'
import { TopologyListNotes, TopologyToolbarEnd } from './TopologyListParts'

/** Rows drawn at most; the search narrows the rest. */
const MAX_ROWS = 1000

/** The vhost's exchanges: type, features and message rates, searchable, filterable by type, sortable. */
export function ExchangeList({ profile }: { profile: Profile }) {
  const topo = useAmqpTopology(profile.id)
  const nav = useAmqpNav(profile.id)
  const [declaring, setDeclaring] = useState(false)
  const all = topo.data?.exchanges
  const set = (patch: Partial<AmqpNav>) => useAmqpNavStore.getState().set(profile.id, patch)
  const rows = useMemo(
    () =>
      all
        ? visibleExchanges(all, {
            search: nav.exchangeSearch,
            type: nav.exchangeType,
            sort: nav.exchangeSort,
          })
        : [],
    [all, nav.exchangeSearch, nav.exchangeType, nav.exchangeSort],
  )
  const types = useMemo(() => exchangeTypes(all ?? []), [all])
  const onSort = (key: ExchangeSortKey) =>
    set({ exchangeSort: nextSort(nav.exchangeSort, key, EXCHANGE_TEXT_KEYS) })
  const open = (name: string) => useAmqpNavStore.getState().openExchange(profile.id, name)

  return (
    <div className="kafka-scroll" data-testid="amqp-exchanges">
      <div className="kafka-toolbar">
        <TextInput
          size="xs"
          w={260}
          placeholder="Search exchanges"
          leftSection={<IconSearch size={14} />}
          value={nav.exchangeSearch}
          onChange={(e) => set({ exchangeSearch: e.currentTarget.value })}
          onKeyDown={(e) => e.key === 'Escape' && set({ exchangeSearch: '' })}
          aria-label="Search exchanges"
          data-testid="amqp-exchange-search"
        />
        <Select
          size="xs"
          w={170}
          value={nav.exchangeType}
          onChange={(v) => set({ exchangeType: v ?? ANY_TYPE })}
          data={[{ value: ANY_TYPE, label: 'Every type' }, ...types.map((t) => ({ value: t, label: t }))]}
          allowDeselect={false}
          aria-label="Exchange type"
          data-testid="amqp-exchange-type-filter"
        />
        <TopologyToolbarEnd
          profileId={profile.id}
          label="Declare exchange"
          onDeclare={() => setDeclaring(true)}
          testId="amqp-exchange-declare"
        />
      </div>
      {topo.data?.source === 'amqp' && <SourceNote profileId={profile.id} what="exchanges" />}
      <TopologyError profileId={profile.id} />
      <KafkaListFrame
        errorTitle=""
        error={null}
        loading={topo.loading}
        ready={!!all}
        testId="amqp-exchange-table"
        count={rows.length}
        after={
          <TopologyListNotes
            shown={rows.length}
            total={all?.length ?? null}
            max={MAX_ROWS}
            plural="exchanges"
            noneText="No exchanges to show."
            noMatchText="No exchange matches."
            emptyTestId="amqp-exchanges-empty"
          />
        }
      >
        <Table.Thead>
          <Table.Tr>
            <SortableTh column="name" sort={nav.exchangeSort} onSort={onSort}>
              Name
            </SortableTh>
            <SortableTh column="type" sort={nav.exchangeSort} onSort={onSort} w={150}>
              Type
            </SortableTh>
            <Table.Th w={120}>Features</Table.Th>
            <SortableTh column="in" sort={nav.exchangeSort} onSort={onSort} align="right" w={110}>
              In
            </SortableTh>
            <SortableTh column="out" sort={nav.exchangeSort} onSort={onSort} align="right" w={110}>
              Out
            </SortableTh>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.slice(0, MAX_ROWS).map((e) => (
            <ExchangeRow key={e.name} exchange={e} onOpen={() => open(e.name)} />
          ))}
        </Table.Tbody>
      </KafkaListFrame>
      <DeclareExchangeModal
        opened={declaring}
        profileId={profile.id}
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

function ExchangeRow({ exchange: e, onOpen }: { exchange: AmqpExchangeInfo; onOpen(): void }) {
  return (
    <Table.Tr data-testid="amqp-exchange-row" data-exchange={e.name} className="kafka-row">
      <Table.Td className="kafka-name-cell">
        <Group gap={6} wrap="nowrap">
          <Anchor
            component="button"
            type="button"
            className="mono kafka-topic-name"
            fs={e.name === '' ? 'italic' : undefined}
            onClick={onOpen}
            data-testid="amqp-exchange-open"
          >
            {exchangeLabel(e.name)}
          </Anchor>
          {e.source === 'amqp' && (
            <Badge size="xs" variant="light" color="gray" radius="sm" className="amqp-header-badges">
              watched
            </Badge>
          )}
        </Group>
      </Table.Td>
      <Table.Td c={e.type === null ? 'dimmed' : undefined} data-testid="amqp-exchange-type">
        {e.type ?? NONE}
      </Table.Td>
      <Table.Td>
        <FlagBadges flags={exchangeFlags(e)} testId="amqp-exchange-flags" />
      </Table.Td>
      <Table.Td ta="right" c={e.publishInRate === null ? 'dimmed' : undefined}>
        {formatAmqpRate(e.publishInRate)}
      </Table.Td>
      <Table.Td ta="right" c={e.publishOutRate === null ? 'dimmed' : undefined}>
        {formatAmqpRate(e.publishOutRate)}
      </Table.Td>
    </Table.Tr>
  )
}
