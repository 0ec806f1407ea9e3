import {
  Alert,
  Button,
  Center,
  Group,
  Splitter,
  Stack,
  Switch,
  Text,
  TextInput,
  ThemeIcon,
} from '@mantine/core'
import { IconAlertTriangle, IconDevices, IconSearch, IconServer2 } from '@tabler/icons-react'
import { useEffect, useMemo, useState } from 'react'
import { useBrokerClientsById, useBrokerClientsStore } from '../../stores/broker-clients-store'
import { useBrokerNavStore } from '../../stores/broker-nav-store'
import { useBrokerStatus } from '../../stores/broker-status-store'
import { useProfilesStore } from '../../stores/profiles-store'
import { useNow } from '../connection/use-now'
import { clientStory, filterClients, sortClients } from './client-list'
import { ClientDetail } from './ClientDetail'
import { ClientsTable } from './ClientsTable'
import './built-in-broker.css'

/**
 * The device view of the built-in broker: every connection in a table and, for the picked one, why
 * it last dropped, its settings, its client id's timeline and its raw packets. Only a broker can
 * know this, which is why the view exists for the built-in one alone.
 */
export function DevicesView() {
  const status = useBrokerStatus()
  const byId = useBrokerClientsById()
  const loaded = useBrokerClientsStore((s) => s.loaded)
  const error = useBrokerClientsStore((s) => s.error)
  const selectedId = useBrokerNavStore((s) => s.selected)
  const [search, setSearch] = useState('')
  const [showEnded, setShowEnded] = useState(true)
  const now = useNow(5000)
  const running = status?.state === 'running'
  // the app's own connection is one of the broker's clients: it is marked, not hidden
  const ownClientId = useProfilesStore((s) => {
    const config = s.profiles.find((p) => p.id === status?.profileId)?.config
    return config?.protocol === 'mqtt' ? config.clientId : null
  })

  useEffect(() => {
    void useBrokerClientsStore.getState().load()
  }, [running])

  const all = useMemo(() => sortClients(Object.values(byId)), [byId])
  const rows = useMemo(() => filterClients(all, { search, showEnded }), [all, search, showEnded])
  const selected = selectedId ? (byId[selectedId] ?? null) : null
  const story = useMemo(() => (selected ? clientStory(all, selected.clientId) : null), [all, selected])
  const connected = all.filter((c) => c.connected).length

  return (
    <div className="devices-view" data-testid="broker-devices">
      <div className="broker-toolbar">
        <TextInput
          size="xs"
          w={260}
          placeholder="Search client ids, addresses, wills"
          leftSection={<IconSearch size={14} />}
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
          onKeyDown={(e) => e.key === 'Escape' && setSearch('')}
          aria-label="Search connections"
          data-testid="broker-clients-search"
        />
        <Switch
          size="xs"
          label="Show ended connections"
          checked={showEnded}
          onChange={(e) => setShowEnded(e.currentTarget.checked)}
          data-testid="broker-show-ended"
        />
        <div style={{ flex: 1 }} />
        <Text size="xs" c="dimmed" data-testid="broker-clients-summary">
          {connected} connected · {all.length - connected} ended
        </Text>
      </div>
      {!running && (
        <Alert
          mx="md"
          mt="sm"
          color="gray"
          variant="light"
          icon={<IconServer2 size={16} />}
          data-testid="broker-devices-stopped"
        >
          <Group justify="space-between">
            <Text size="sm">
              The built-in broker is{' '}
              {status?.state === 'failed' ? 'not running (it failed to start)' : 'stopped'}: no device can
              connect. What it recorded before is below.
            </Text>
            <Button size="xs" variant="light" onClick={() => useBrokerNavStore.getState().setPanelOpen(true)}>
              Open broker panel
            </Button>
          </Group>
        </Alert>
      )}
      {error && (
        <Alert
          mx="md"
          mt="sm"
          color="red"
          variant="light"
          icon={<IconAlertTriangle size={16} />}
          title="Could not list the connections"
        >
          <Text size="sm" className="reason-text">
            {error}
          </Text>
        </Alert>
      )}
      <Splitter orientation="vertical" className="devices-split" lineSize={1}>
        <Splitter.Pane defaultSize={32} min="90px">
          <div className="devices-table-scroll">
            {rows.length === 0 ? (
              <Center h="100%" p="md">
                <Stack align="center" gap={6} maw={460}>
                  <ThemeIcon size={40} radius="xl" variant="light" color="gray">
                    <IconDevices size={22} />
                  </ThemeIcon>
                  <Text size="sm" c="dimmed" ta="center" data-testid="broker-clients-empty">
                    {!loaded
                      ? 'Reading the connections…'
                      : all.length === 0
                        ? 'No device has connected yet. The broker panel has the address to give a device, and a MicroPython program for a Pico W.'
                        : 'No connection matches.'}
                  </Text>
                </Stack>
              </Center>
            ) : (
              <ClientsTable
                rows={rows}
                selected={selectedId}
                onSelect={(id) => useBrokerNavStore.getState().select(id)}
                ownClientId={ownClientId}
                now={now}
              />
            )}
          </div>
        </Splitter.Pane>
        <Splitter.Pane defaultSize={68} min="200px">
          {selected && story ? (
            <ClientDetail key={selected.connectionId} client={selected} story={story} now={now} />
          ) : (
            <Center h="100%" p="md">
              <Text size="sm" c="dimmed" ta="center" maw={420} data-testid="broker-detail-placeholder">
                Pick a connection to see why it last dropped, its timeline (connects, subscriptions,
                publishes, wills, disconnects) and its raw packets.
              </Text>
            </Center>
          )}
        </Splitter.Pane>
      </Splitter>
    </div>
  )
}
