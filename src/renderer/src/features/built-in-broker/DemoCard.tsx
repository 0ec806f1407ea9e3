import { Button, Group, Paper, Stack, Text } from '@mantine/core'
import { IconPlayerPlay, IconPlayerStop } from '@tabler/icons-react'
import { useState } from 'react'
import type { BuiltInBrokerStatus } from '../../../../shared/built-in-broker'
import { useBrokerNavStore } from '../../stores/broker-nav-store'
import { useBrokerStatusStore } from '../../stores/broker-status-store'
import { notifyError } from '../../stores/notices-store'
import { startDemoFromScratch } from './broker-actions'

/** The demo publisher: a homelab's sensors, switches and a flaky device, on the built-in broker. */
export function DemoCard({ status }: { status: BuiltInBrokerStatus }) {
  const [busy, setBusy] = useState(false)
  const running = status.demo.running
  function run(action: () => Promise<unknown>, failure: string) {
    setBusy(true)
    action()
      .catch((err: unknown) => notifyError(failure, err))
      .finally(() => setBusy(false))
  }
  return (
    <Paper withBorder radius="md" p="md" data-testid="broker-demo" data-running={running}>
      <Group justify="space-between" wrap="nowrap" align="flex-start">
        <Stack gap={2}>
          <Text fw={650} c="bright" size="sm">
            Demo
          </Text>
          <Text size="sm" c="dimmed">
            {running
              ? `Running: ${status.demo.published.toLocaleString()} messages published so far.`
              : 'A simulated homelab publishing to this broker, each device a client of its own: Zigbee sensors, Tasmota plugs, an ESPHome node, room sensors and a plug that drops now and then.'}
          </Text>
        </Stack>
        {running ? (
          <Button
            size="xs"
            color="orange"
            variant="light"
            leftSection={<IconPlayerStop size={15} />}
            loading={busy}
            onClick={() => run(() => useBrokerStatusStore.getState().stopDemo(), 'Could not stop the demo')}
            data-testid="broker-demo-stop"
            style={{ flex: 'none' }}
          >
            Stop demo
          </Button>
        ) : (
          <Button
            size="xs"
            variant="light"
            leftSection={<IconPlayerPlay size={15} />}
            loading={busy}
            onClick={() =>
              run(async () => {
                await startDemoFromScratch()
                // the demo's point is the tree filling up behind the panel
                useBrokerNavStore.getState().setPanelOpen(false)
              }, 'Could not start the demo')
            }
            data-testid="broker-demo-start"
            style={{ flex: 'none' }}
          >
            {status.state === 'running' ? 'Start demo' : 'Start broker and demo'}
          </Button>
        )}
      </Group>
    </Paper>
  )
}
