import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Group,
  SegmentedControl,
  Stack,
  Table,
  Text,
  TextInput,
  Tooltip,
} from '@mantine/core'
import { IconAlertTriangle, IconCircleCheck, IconClock, IconEye, IconTrash } from '@tabler/icons-react'
import { useState } from 'react'
import type { AmqpWatchedName } from '../../../../shared/amqp'
import type { Profile } from '../../../../shared/profiles'
import { api } from '../../api/client'
import { useAmqpTopologyStore } from '../../stores/amqp-topology-store'
import { useProfilesStore } from '../../stores/profiles-store'
import {
  addWatched,
  removeWatched,
  watchedRows,
  withWatched,
  type WatchKind,
  type Watched,
} from './watched-names'

/**
 * The queues and exchanges to check over AMQP when the management API is not there, saved in the
 * profile (every other setting kept as it is), each with what its last check said.
 */
export function WatchedNamesEditor({ profile, checked }: { profile: Profile; checked: AmqpWatchedName[] }) {
  const config = profile.config.protocol === 'amqp' ? profile.config : null
  const [kind, setKind] = useState<WatchKind>('queue')
  const [name, setName] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  if (!config) return null
  const rows = watchedRows(config.watched, checked)

  async function save(watched: Watched[]) {
    if (!config) return
    setBusy(true)
    setError(null)
    try {
      const saved = await api().updateProfile({ id: profile.id, config: withWatched(config, watched) })
      useProfilesStore.getState().upsert(saved)
      setName('')
      // check the new list now rather than at the next refresh
      void useAmqpTopologyStore.getState().load(profile.id)
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err))
    } finally {
      setBusy(false)
    }
  }
  function add() {
    if (!config) return
    const next = addWatched(config.watched, kind, name)
    if (!next.ok) setError(next.error)
    else void save(next.watched)
  }

  return (
    <Stack gap="sm" data-testid="amqp-watched" data-count={rows.length}>
      <Group gap={8}>
        <IconEye size={16} />
        <Text fw={650} size="sm" c="bright">
          Watched names
        </Text>
        <Text size="xs" c="dimmed">
          checked with a passive declare at every refresh; saved in the profile
        </Text>
      </Group>
      <Group gap="xs" align="flex-start" wrap="nowrap">
        <SegmentedControl
          size="xs"
          value={kind}
          onChange={(v) => setKind(v === 'exchange' ? 'exchange' : 'queue')}
          data={[
            { value: 'queue', label: 'Queue' },
            { value: 'exchange', label: 'Exchange' },
          ]}
          data-testid="amqp-watched-kind"
        />
        <TextInput
          size="xs"
          style={{ flex: 1 }}
          placeholder={kind === 'queue' ? 'orders.created' : 'shop.events'}
          value={name}
          onChange={(e) => {
            setName(e.currentTarget.value)
            setError(null)
          }}
          onKeyDown={(e) => e.key === 'Enter' && add()}
          classNames={{ input: 'mono' }}
          aria-label="Name to watch"
          data-testid="amqp-watched-name"
        />
        <Button size="xs" onClick={add} loading={busy} data-testid="amqp-watched-add">
          Watch
        </Button>
      </Group>
      {error && (
        <Alert
          color="red"
          variant="light"
          py={6}
          icon={<IconAlertTriangle size={16} />}
          data-testid="amqp-watched-error"
        >
          <Text size="sm" className="reason-text">
            {error}
          </Text>
        </Alert>
      )}
      {rows.length === 0 ? (
        <Text size="sm" c="dimmed">
          No names yet: AMQP cannot list queues or exchanges, so name the ones to follow here.
        </Text>
      ) : (
        <Table verticalSpacing={5} horizontalSpacing="sm" fz="sm">
          <Table.Tbody>
            {rows.map((r) => (
              <Table.Tr
                key={`${r.kind}:${r.name}`}
                data-testid="amqp-watched-row"
                data-kind={r.kind}
                data-name={r.name}
                data-check={r.check.state}
              >
                <Table.Td w={90}>
                  <Badge
                    size="sm"
                    variant="light"
                    color={r.kind === 'queue' ? 'indigo' : 'grape'}
                    radius="sm"
                  >
                    {r.kind}
                  </Badge>
                </Table.Td>
                <Table.Td className="mono amqp-wrap">{r.name}</Table.Td>
                <Table.Td>
                  {r.check.state === 'ok' ? (
                    <Group gap={4} wrap="nowrap" c="green">
                      <IconCircleCheck size={14} />
                      <Text size="sm">exists</Text>
                    </Group>
                  ) : r.check.state === 'error' ? (
                    <Text size="sm" c="red" className="reason-text" data-testid="amqp-watched-check-error">
                      {r.check.error}
                    </Text>
                  ) : (
                    <Group gap={4} wrap="nowrap" c="dimmed">
                      <IconClock size={14} />
                      <Text size="sm">not checked yet</Text>
                    </Group>
                  )}
                </Table.Td>
                <Table.Td w={40}>
                  <Tooltip label="Stop watching" withArrow>
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      size="sm"
                      disabled={busy}
                      onClick={() => config && void save(removeWatched(config.watched, r.kind, r.name))}
                      aria-label={`Stop watching ${r.name}`}
                      data-testid="amqp-watched-remove"
                    >
                      <IconTrash size={14} />
                    </ActionIcon>
                  </Tooltip>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  )
}
