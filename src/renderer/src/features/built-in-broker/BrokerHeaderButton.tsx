import { Button, Tooltip } from '@mantine/core'
import { IconPlayerStopFilled, IconServer2 } from '@tabler/icons-react'
import { useState } from 'react'
import { useBrokerNavStore } from '../../stores/broker-nav-store'
import { useBrokerStatus, useBrokerStatusStore } from '../../stores/broker-status-store'
import { notifyError } from '../../stores/notices-store'
import { BROKER_STATE_COLOR, BROKER_STATE_LABEL, clientCount } from './broker-state-text'

/**
 * The header's way to the built-in broker, whatever is on screen: its state at a glance (a dot and
 * the port while it runs) and, while the demo runs, a one-click "Stop demo" beside it.
 */
export function BrokerHeaderButton() {
  const status = useBrokerStatus()
  const state = status?.state ?? 'stopped'
  const running = state === 'running'
  const label = running && status?.port ? `Broker :${status.port}` : 'Built-in broker'
  const tip = status
    ? running
      ? `Built-in MQTT broker running, ${clientCount(status.clientsConnected)}`
      : `Built-in MQTT broker: ${BROKER_STATE_LABEL[state].toLowerCase()}`
    : 'Built-in MQTT broker'
  return (
    <>
      {status?.demo.running && <StopDemoButton />}
      <Tooltip label={tip} withArrow>
        <Button
          variant={running ? 'light' : 'subtle'}
          color={running ? 'green' : 'gray'}
          size="xs"
          leftSection={<IconServer2 size={16} />}
          rightSection={
            <span
              className="broker-dot"
              style={{ background: `var(--mantine-color-${BROKER_STATE_COLOR[state]}-filled)` }}
              data-pulse={state === 'starting'}
            />
          }
          onClick={() => useBrokerNavStore.getState().setPanelOpen(true)}
          data-testid="broker-button"
          data-state={state}
        >
          {label}
        </Button>
      </Tooltip>
    </>
  )
}

function StopDemoButton() {
  const [busy, setBusy] = useState(false)
  return (
    <Tooltip label="The demo publisher stops; the broker keeps running" withArrow>
      <Button
        size="xs"
        color="orange"
        variant="light"
        leftSection={<IconPlayerStopFilled size={13} />}
        loading={busy}
        onClick={() => {
          setBusy(true)
          useBrokerStatusStore
            .getState()
            .stopDemo()
            .catch((err: unknown) => notifyError('Could not stop the demo', err))
            .finally(() => setBusy(false))
        }}
        data-testid="demo-stop"
      >
        Stop demo
      </Button>
    </Tooltip>
  )
}
