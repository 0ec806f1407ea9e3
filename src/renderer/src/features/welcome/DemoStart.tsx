import { Alert, Anchor, Button, Group, Paper, Stack, Text, ThemeIcon } from '@mantine/core'
import { IconAlertTriangle, IconPlayerPlay, IconSparkles } from '@tabler/icons-react'
import { useState } from 'react'
import { useBrokerNavStore } from '../../stores/broker-nav-store'
import { startDemoFromScratch } from '../built-in-broker/broker-actions'

/**
 * The no-broker way in: one click starts the app's own MQTT broker on this computer and a demo
 * publisher, and opens the built-in profile, whose tree fills within seconds. The demo stops with one
 * click in the header; the broker stays for the user's own devices.
 */
export function DemoStart() {
  const [starting, setStarting] = useState(false)
  const [error, setError] = useState<string | null>(null)
  async function start() {
    setStarting(true)
    setError(null)
    try {
      await startDemoFromScratch()
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err))
      setStarting(false)
    }
  }
  return (
    <Paper withBorder radius="md" p="lg" w="100%" className="welcome-demo" data-testid="welcome-demo">
      <Group wrap="nowrap" align="flex-start" gap="lg">
        <ThemeIcon size={48} radius="md" variant="light" color="violet">
          <IconSparkles size={26} />
        </ThemeIcon>
        <Stack gap={8} style={{ flex: 1, minWidth: 0 }}>
          <Text fw={700} size="lg" c="bright">
            No broker at hand? Try it now.
          </Text>
          <Text size="sm" c="dimmed">
            Brokerlens starts an MQTT broker of its own on this computer, with a demo publishing a simulated
            homelab to it — Zigbee sensors, Tasmota plugs, an ESPHome node, Home Assistant discovery and a
            plug that drops now and then. Nothing leaves this computer. Stop the demo with one click; the
            broker stays for your own devices (a Pico W, an ESP32, a Tasmota plug).
          </Text>
          <Group gap="md" mt={4}>
            <Button
              size="md"
              color="violet"
              leftSection={<IconPlayerPlay size={18} />}
              loading={starting}
              onClick={() => void start()}
              data-testid="welcome-start-demo"
            >
              Start the built-in broker with a demo
            </Button>
            <Anchor
              component="button"
              type="button"
              size="sm"
              onClick={() => useBrokerNavStore.getState().setPanelOpen(true)}
              data-testid="welcome-open-broker"
            >
              or only the broker, for my devices
            </Anchor>
          </Group>
          {error && (
            <Alert
              color="red"
              variant="light"
              icon={<IconAlertTriangle size={16} />}
              title="The demo did not start"
              data-testid="welcome-demo-error"
            >
              <Text size="sm" className="reason-text">
                {error}
              </Text>
            </Alert>
          )}
        </Stack>
      </Group>
    </Paper>
  )
}
