import { Alert, Group, PasswordInput, Stack, Switch, TextInput } from '@mantine/core'
import { IconAlertTriangle } from '@tabler/icons-react'
import type { SettingsDraft, SettingsErrors } from './settings-draft'

/** The broker's settings as form fields; the panel owns the draft and what is done with it. */
export function BrokerSettingsFields({
  draft,
  onChange,
  errors,
  passwordSet,
}: {
  draft: SettingsDraft
  onChange: (patch: Partial<SettingsDraft>) => void
  errors: SettingsErrors
  passwordSet: boolean
}) {
  return (
    <Stack gap="sm">
      <TextInput
        label="Port"
        description="Leave empty for 1883, or the next free port if 1883 is taken."
        placeholder="1883 or the next free one"
        w={360}
        inputMode="numeric"
        value={draft.port}
        onChange={(e) => onChange({ port: e.currentTarget.value })}
        error={errors.port}
        data-testid="broker-port"
      />
      <Switch
        label="Allow devices on my network (LAN)"
        description="Listen on every network interface, so a Pico W, an ESP32 or a phone can connect. Off: this computer only."
        checked={draft.lan}
        onChange={(e) => onChange({ lan: e.currentTarget.checked })}
        data-testid="broker-lan"
      />
      {draft.lan && (
        <Alert
          color="orange"
          variant="light"
          icon={<IconAlertTriangle size={16} />}
          py={8}
          data-testid="broker-lan-warning"
        >
          Every device that can reach this computer can then connect, read every topic and publish. Use it on
          a network you trust (not public Wi-Fi)
          {draft.username.trim() === ''
            ? ', and set a user name and password below: without them anyone may connect.'
            : '.'}
        </Alert>
      )}
      <Group gap="sm" align="flex-start" grow>
        <TextInput
          label="User name"
          description="Optional. With one, every client must give it and the password."
          value={draft.username}
          autoComplete="off"
          onChange={(e) => onChange({ username: e.currentTarget.value })}
          error={errors.username}
          data-testid="broker-username"
        />
        <PasswordInput
          label="Password"
          description={
            passwordSet ? 'Stored encrypted. Type to change it.' : 'Stored encrypted on this machine.'
          }
          placeholder={passwordSet ? 'unchanged' : undefined}
          autoComplete="new-password"
          value={draft.password}
          disabled={draft.username.trim() === ''}
          onChange={(e) => onChange({ password: e.currentTarget.value })}
          error={errors.password}
          data-testid="broker-password"
        />
      </Group>
      <Switch
        label="WebSocket listener"
        description="MQTT over WebSocket on the path /mqtt, for browser clients and dashboards."
        checked={draft.websocket}
        onChange={(e) => onChange({ websocket: e.currentTarget.checked })}
        data-testid="broker-websocket"
      />
      {draft.websocket && (
        <TextInput
          label="WebSocket port"
          description="Leave empty for 9001, or the next free port."
          placeholder="9001 or the next free one"
          w={360}
          inputMode="numeric"
          value={draft.websocketPort}
          onChange={(e) => onChange({ websocketPort: e.currentTarget.value })}
          error={errors.websocketPort}
          data-testid="broker-websocket-port"
        />
      )}
    </Stack>
  )
}
