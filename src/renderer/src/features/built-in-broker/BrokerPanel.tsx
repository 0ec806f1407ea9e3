import { Alert, Badge, Button, Group, Paper, Stack, Text, Tooltip } from '@mantine/core'
import {
  IconAlertTriangle,
  IconDevices,
  IconPlayerPlay,
  IconPlayerStop,
  IconRefresh,
} from '@tabler/icons-react'
import { useState, type ReactNode } from 'react'
import type { BuiltInBrokerStatus } from '../../../../shared/built-in-broker'
import { useBrokerNavStore } from '../../stores/broker-nav-store'
import { useBrokerStatus, useBrokerStatusStore } from '../../stores/broker-status-store'
import { formatAgo, formatClock } from '../connection/connection-text'
import { useNow } from '../connection/use-now'
import { showBuiltInProfile, startBroker } from './broker-actions'
import { BROKER_STATE_COLOR, BROKER_STATE_LABEL, clientCount, listenLine } from './broker-state-text'
import { BrokerSettingsFields } from './BrokerSettingsFields'
import { DemoCard } from './DemoCard'
import { DeviceAddressesCard } from './DeviceAddressesCard'
import { DeviceGuide } from './DeviceGuide'
import { draftDiffers, draftFromSettings, parseDraft, type SettingsDraft } from './settings-draft'

/**
 * Everything about the built-in broker in one column: its state with start and stop, then (while it
 * runs) the addresses a device uses, the device view, a MicroPython program for a Pico W filled with
 * those addresses, then its settings and the demo. A refusal (a port in use) shows in the core's words.
 */
export function BrokerPanel() {
  const status = useBrokerStatus()
  const loadError = useBrokerStatusStore((s) => s.loadError)
  if (!status) {
    return loadError ? (
      <Alert
        color="red"
        variant="light"
        icon={<IconAlertTriangle size={16} />}
        title="The built-in broker is not available"
        data-testid="broker-unavailable"
      >
        <Stack gap="xs" align="flex-start">
          <Text size="sm" className="reason-text">
            {loadError}
          </Text>
          <Button
            size="xs"
            variant="light"
            color="red"
            onClick={() => void useBrokerStatusStore.getState().load()}
          >
            Try again
          </Button>
        </Stack>
      </Alert>
    ) : (
      <Text size="sm" c="dimmed">
        Reading the broker’s state…
      </Text>
    )
  }
  // a fresh form whenever the broker's settings change (after a start or restart)
  return <PanelBody key={JSON.stringify(status.settings)} status={status} />
}

function PanelBody({ status }: { status: BuiltInBrokerStatus }) {
  const [draft, setDraft] = useState<SettingsDraft>(() => draftFromSettings(status.settings))
  const [showErrors, setShowErrors] = useState(false)
  const [calling, setCalling] = useState<'start' | 'stop' | null>(null)
  const [callError, setCallError] = useState<string | null>(null)
  const parsed = parseDraft(draft, status.settings.passwordSet)
  const running = status.state === 'running'
  const busy = status.state === 'starting' || calling !== null

  async function start() {
    setShowErrors(true)
    if (!parsed.ok) return
    setCalling('start')
    setCallError(null)
    try {
      await startBroker(parsed.settings)
    } catch (err) {
      setCallError(err instanceof Error ? err.message : String(err))
    } finally {
      setCalling(null)
    }
  }
  async function stop() {
    setCalling('stop')
    setCallError(null)
    try {
      await useBrokerStatusStore.getState().stop()
    } catch (err) {
      setCallError(err instanceof Error ? err.message : String(err))
    } finally {
      setCalling(null)
    }
  }

  const error = callError ?? (status.state === 'failed' ? status.error : null)
  return (
    <Stack gap="md" data-testid="broker-panel">
      <StateCard
        status={status}
        action={
          running ? (
            <Group gap={8} wrap="nowrap">
              {status.profileId && <DevicesButton status={status} profileId={status.profileId} />}
              <Button
                size="xs"
                color="red"
                variant="light"
                leftSection={<IconPlayerStop size={15} />}
                loading={calling === 'stop'}
                disabled={busy && calling !== 'stop'}
                onClick={() => void stop()}
                data-testid="broker-stop"
              >
                Stop
              </Button>
            </Group>
          ) : (
            <Button
              size="xs"
              color="green"
              leftSection={<IconPlayerPlay size={15} />}
              loading={calling === 'start' || status.state === 'starting'}
              onClick={() => void start()}
              data-testid="broker-start"
            >
              {status.state === 'failed' ? 'Try again' : 'Start broker'}
            </Button>
          )
        }
      />
      {error && (
        <Alert
          color="red"
          variant="light"
          icon={<IconAlertTriangle size={16} />}
          title={running ? 'The broker refused the change' : 'The broker did not start'}
          data-testid="broker-error"
        >
          <Text size="sm" className="reason-text">
            {error}
          </Text>
        </Alert>
      )}
      {running && <DeviceAddressesCard status={status} />}
      {running && <DeviceGuide status={status} />}
      <Paper withBorder radius="md" p="md">
        <Text fw={650} c="bright" size="sm" mb="sm">
          Settings
        </Text>
        <BrokerSettingsFields
          draft={draft}
          onChange={(patch) => setDraft((d) => ({ ...d, ...patch }))}
          errors={showErrors && !parsed.ok ? parsed.errors : {}}
          passwordSet={status.settings.passwordSet}
        />
        {running && (
          <Group justify="flex-end" mt="md" gap="sm">
            <Text size="xs" c="dimmed">
              Connected devices are dropped and have to reconnect.
            </Text>
            <Button
              size="xs"
              variant="light"
              leftSection={<IconRefresh size={15} />}
              disabled={!draftDiffers(draft, status.settings) || busy}
              loading={calling === 'start'}
              onClick={() => void start()}
              data-testid="broker-restart"
            >
              Restart with these settings
            </Button>
          </Group>
        )}
      </Paper>
      <DemoCard status={status} />
    </Stack>
  )
}

function StateCard({ status, action }: { status: BuiltInBrokerStatus; action: ReactNode }) {
  const now = useNow(5000)
  return (
    <Paper withBorder radius="md" p="md" data-testid="broker-state-card">
      <Group justify="space-between" wrap="nowrap" align="flex-start">
        <Stack gap={4} style={{ minWidth: 0 }}>
          <Group gap={8}>
            <Badge
              color={BROKER_STATE_COLOR[status.state]}
              variant={status.state === 'running' ? 'filled' : 'light'}
              data-testid="broker-state"
              data-state={status.state}
            >
              {BROKER_STATE_LABEL[status.state]}
            </Badge>
            {status.state === 'running' && (
              <Text size="sm" c="dimmed" data-testid="broker-clients-count">
                {clientCount(status.clientsConnected)}
              </Text>
            )}
          </Group>
          {status.state === 'running' ? (
            <>
              <Text size="sm" data-testid="broker-listen">
                Listening on {listenLine(status)}
              </Text>
              {status.startedAt !== null && (
                <Text size="xs" c="dimmed">
                  Since {formatClock(status.startedAt, now)} ({formatAgo(status.startedAt, now)})
                </Text>
              )}
            </>
          ) : (
            <Text size="sm" c="dimmed">
              An MQTT broker inside Brokerlens, for trying things out and debugging devices when there is no
              broker at hand. It runs while the app runs.
            </Text>
          )}
        </Stack>
        <div style={{ flex: 'none' }}>{action}</div>
      </Group>
    </Paper>
  )
}

function DevicesButton({ status, profileId }: { status: BuiltInBrokerStatus; profileId: string }) {
  return (
    <Tooltip
      label="Who is connected, and every connect, publish, will and disconnect, with the reason"
      withArrow
      multiline
      maw={280}
    >
      <Button
        size="xs"
        variant="light"
        leftSection={<IconDevices size={15} />}
        onClick={() => {
          useBrokerNavStore.getState().setPanelOpen(false)
          void showBuiltInProfile(profileId, 'devices')
        }}
        data-testid="broker-open-devices"
      >
        Devices ({status.clientsConnected})
      </Button>
    </Tooltip>
  )
}
