import { Badge, Group, Switch, Table, Text, TextInput, Tooltip } from '@mantine/core'
import { IconLock, IconSearch } from '@tabler/icons-react'
import { useMemo, useState } from 'react'
import type { KafkaTopicDetail } from '../../../../shared/kafka'
import { configSourceLabel, orderedConfigs } from './topic-detail-rows'

/** The topic's configs: those set on it (or its brokers) first, then the defaults; searchable. */
export function ConfigsTable({ configs }: { configs: KafkaTopicDetail['configs'] }) {
  const [search, setSearch] = useState('')
  const [defaults, setDefaults] = useState(true)
  const rows = useMemo(() => {
    const q = search.trim().toLowerCase()
    return orderedConfigs(configs).filter(
      (c) =>
        (defaults || !c.isDefault) &&
        (q === '' || c.name.includes(q) || (c.value ?? '').toLowerCase().includes(q)),
    )
  }, [configs, search, defaults])
  const set = configs.filter((c) => !c.isDefault).length

  return (
    <>
      <Group gap="md" py="sm">
        <TextInput
          size="xs"
          w={260}
          placeholder="Search configs"
          leftSection={<IconSearch size={14} />}
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
          aria-label="Search configs"
          data-testid="kafka-config-search"
        />
        <Switch
          size="xs"
          label="Show defaults"
          checked={defaults}
          onChange={(e) => setDefaults(e.currentTarget.checked)}
        />
        <Text size="xs" c="dimmed">
          {set} set on the topic or its brokers · {configs.length - set} defaults
        </Text>
      </Group>
      <Table
        striped
        highlightOnHover
        stickyHeader
        verticalSpacing={5}
        horizontalSpacing="sm"
        fz="sm"
        data-testid="kafka-configs"
      >
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Name</Table.Th>
            <Table.Th>Value</Table.Th>
            <Table.Th w={160}>Source</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((c) => (
            <Table.Tr
              key={c.name}
              data-testid="kafka-config-row"
              data-name={c.name}
              data-default={c.isDefault}
            >
              <Table.Td className="mono" fw={c.isDefault ? undefined : 600}>
                <Group gap={4} wrap="nowrap">
                  {c.name}
                  {c.readOnly && (
                    <Tooltip label="Read-only" withArrow>
                      <IconLock size={12} style={{ opacity: 0.6 }} />
                    </Tooltip>
                  )}
                </Group>
              </Table.Td>
              <Table.Td className="mono kafka-config-value" c={c.isDefault ? 'dimmed' : undefined}>
                {c.sensitive ? <em>hidden (sensitive)</em> : c.value === null ? <em>not set</em> : c.value}
              </Table.Td>
              <Table.Td>
                <Badge
                  size="sm"
                  radius="sm"
                  variant={c.isDefault ? 'default' : 'light'}
                  color={c.isDefault ? 'gray' : 'indigo'}
                >
                  {configSourceLabel(c.source)}
                </Badge>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </>
  )
}
