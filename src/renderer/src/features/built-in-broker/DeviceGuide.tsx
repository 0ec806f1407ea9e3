import { Alert, Code, Group, List, Paper, PasswordInput, Stack, Text, TextInput } from '@mantine/core'
import { useState } from 'react'
import type { BuiltInBrokerStatus } from '../../../../shared/built-in-broker'
import { useBrokerStatusStore } from '../../stores/broker-status-store'
import { CopyButton } from './CopyIcon'
import { deviceHost, isLoopback } from './device-addresses'
import { micropythonSnippet } from './micropython-snippet'

/**
 * A short guide for the commonest device: a Pico W with a DHT22 running MicroPython. The program is
 * filled with this broker's address, port and credentials; the Wi-Fi name and password typed here
 * go into it too and are kept nowhere.
 */
export function DeviceGuide({ status }: { status: BuiltInBrokerStatus }) {
  const [wifiName, setWifiName] = useState('')
  const [wifiPassword, setWifiPassword] = useState('')
  const knownPassword = useBrokerStatusStore((s) => s.knownPassword)
  const localOnly = status.bindAddress === null || isLoopback(status.bindAddress)
  const host = deviceHost(status.lanAddresses)
  const code = micropythonSnippet({
    host: host.host,
    port: status.port ?? 1883,
    username: status.settings.username,
    password: knownPassword,
    passwordSet: status.settings.passwordSet,
    wifiName,
    wifiPassword,
  })
  return (
    <Paper withBorder radius="md" p="md" data-testid="broker-guide">
      <Group justify="space-between" mb={6}>
        <Text fw={650} c="bright" size="sm">
          A Pico W with a DHT22 (MicroPython)
        </Text>
        <CopyButton text={code} label="Copy program" testId="broker-snippet-copy" />
      </Group>
      <List size="sm" spacing={2} mb="sm" type="ordered">
        <List.Item>Flash MicroPython for the Pico W and wire the DHT22’s data line to GP15.</List.Item>
        <List.Item>
          On the board, install the MQTT library once:{' '}
          <Code>import mip; mip.install(&quot;umqtt.simple&quot;)</Code>
        </List.Item>
        <List.Item>
          Save this as <Code>main.py</Code>; the device appears under <b>Devices</b> and its readings in the
          topic tree under <Code>pico/</Code>.
        </List.Item>
      </List>
      {localOnly && (
        <Alert color="orange" variant="light" py={8} mb="sm" data-testid="broker-guide-local-only">
          A Pico W is another device: this program connects once “Allow devices on my network (LAN)” is on.
        </Alert>
      )}
      {!host.lan && (
        <Alert color="orange" variant="light" py={8} mb="sm">
          This computer has no network address right now, so the program uses 127.0.0.1, which a device cannot
          reach. Connect the computer to the device’s network and reopen this panel.
        </Alert>
      )}
      <Stack gap={6}>
        <Group gap="sm" grow>
          <TextInput
            size="xs"
            label="Wi-Fi name"
            description="Only put into the program, not kept"
            value={wifiName}
            onChange={(e) => setWifiName(e.currentTarget.value)}
            data-testid="broker-guide-wifi"
          />
          <PasswordInput
            size="xs"
            label="Wi-Fi password"
            description="Only put into the program, not kept"
            value={wifiPassword}
            onChange={(e) => setWifiPassword(e.currentTarget.value)}
          />
        </Group>
        <Code block className="broker-snippet" data-testid="broker-snippet">
          {code}
        </Code>
      </Stack>
    </Paper>
  )
}
