import {
  Alert,
  Button,
  Group,
  Input,
  SegmentedControl,
  Stack,
  Switch,
  Tabs,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core'
import { IconInfoCircle } from '@tabler/icons-react'
import { ConnectTimeoutField } from './ConnectTimeoutField'
import { EndpointPreview } from './EndpointPreview'
import { type FormProps, tid } from './form-props'
import { HostPortFields } from './HostPortFields'
import { NameField } from './NameField'
import { PasswordField } from './PasswordField'
import { SecondsField } from './SecondsField'
import { MQTT_USUAL_PORTS, suggestedPort, type MqttDraft } from './profile-draft'
import { TlsFields } from './TlsFields'

const TRANSPORTS = [
  { value: 'mqtt', label: 'mqtt' },
  { value: 'mqtts', label: 'mqtts (TLS)' },
  { value: 'ws', label: 'ws' },
  { value: 'wss', label: 'wss (TLS)' },
]

export function MqttSections(props: FormProps<MqttDraft>) {
  const { draft, update, errors, creating } = props
  const isWs = draft.transport === 'ws' || draft.transport === 'wss'
  const tls = draft.transport === 'mqtts' || draft.transport === 'wss'
  const setTransport = (transport: MqttDraft['transport']) =>
    update({ transport, port: suggestedPort(MQTT_USUAL_PORTS, draft.transport, transport, draft.port) })
  const preview = `${draft.transport}://${draft.host.trim() || '…'}:${draft.port === '' ? '…' : draft.port}${isWs ? draft.path : ''}`

  return (
    <>
      <Tabs.Panel value="general">
        <Stack gap="md">
          <NameField
            value={draft.name}
            onChange={(name) => update({ name })}
            error={errors.name}
            placeholder="e.g. Home Mosquitto"
            autoFocus={creating}
          />
          <Input.Wrapper
            label="Transport"
            description="mqtts and wss use TLS; ws and wss tunnel MQTT through a WebSocket."
            error={errors.transport}
          >
            <SegmentedControl
              mt={6}
              fullWidth
              data={TRANSPORTS}
              value={draft.transport}
              onChange={(v) => setTransport(v as MqttDraft['transport'])}
              data-testid={tid('transport')}
            />
          </Input.Wrapper>
          <HostPortFields
            host={draft.host}
            port={draft.port}
            onChange={update}
            errors={errors}
            hostPlaceholder="broker.example.com or 192.168.1.10"
            portHint={draft.transport === 'ws' ? 'often 8080 or 9001' : undefined}
          />
          {isWs && (
            <TextInput
              label="WebSocket path"
              placeholder="/mqtt"
              value={draft.path}
              onChange={(e) => update({ path: e.currentTarget.value })}
              error={errors.path}
              data-testid={tid('path')}
            />
          )}
          <EndpointPreview url={preview} />
        </Stack>
      </Tabs.Panel>

      <Tabs.Panel value="auth">
        <Stack gap="md">
          <TextInput
            label="Username"
            placeholder="none"
            value={draft.username}
            onChange={(e) => update({ username: e.currentTarget.value })}
            error={errors.username}
            autoComplete="off"
            data-testid={tid('username')}
          />
          <PasswordField {...props} />
          {!tls && (draft.username !== '' || props.secrets.password.mode === 'set') && (
            <Text size="xs" c="var(--mantine-color-orange-text)">
              Without TLS the user name and password cross the network in clear text.
            </Text>
          )}
        </Stack>
      </Tabs.Panel>

      <Tabs.Panel value="tls">
        {tls ? (
          <TlsFields
            tls={draft.tls}
            onChange={(t) => update({ tls: t })}
            errors={errors}
            secrets={props.secrets}
            stored={props.stored}
            setSecret={props.setSecret}
          />
        ) : (
          <Alert
            variant="light"
            color="blue"
            icon={<IconInfoCircle size={18} />}
            title="TLS is off for this transport"
          >
            <Stack gap="xs">
              <Text size="sm">TLS settings apply to the mqtts and wss transports.</Text>
              <Group gap="xs">
                <Button size="xs" variant="light" onClick={() => setTransport('mqtts')}>
                  Use mqtts
                </Button>
                <Button size="xs" variant="light" onClick={() => setTransport('wss')}>
                  Use wss
                </Button>
              </Group>
            </Stack>
          </Alert>
        )}
      </Tabs.Panel>

      <Tabs.Panel value="advanced">
        <Stack gap="md">
          <Input.Wrapper label="MQTT version" error={errors.mqttVersion}>
            <SegmentedControl
              mt={6}
              display="flex"
              w={260}
              data={[
                { value: '4', label: '3.1.1' },
                { value: '5', label: '5.0' },
              ]}
              value={String(draft.mqttVersion)}
              onChange={(v) => update({ mqttVersion: v === '5' ? 5 : 4 })}
              data-testid={tid('mqttVersion')}
            />
          </Input.Wrapper>
          <TextInput
            label="Client ID"
            placeholder="Generated for each connection"
            description="Leave empty to let Brokerlens generate a unique one each time."
            value={draft.clientId}
            onChange={(e) => update({ clientId: e.currentTarget.value })}
            error={errors.clientId}
            data-testid={tid('clientId')}
          />
          <Switch
            label={draft.mqttVersion === 5 ? 'Clean start' : 'Clean session'}
            description={
              draft.mqttVersion === 5
                ? 'Start without the state the broker kept from an earlier session.'
                : 'Discard the session when the connection ends.'
            }
            checked={draft.cleanStart}
            onChange={(e) => update({ cleanStart: e.currentTarget.checked })}
            data-testid={tid('cleanStart')}
          />
          <Group grow align="flex-start">
            {draft.mqttVersion === 5 && (
              <SecondsField
                label="Session expiry"
                description="Seconds the broker keeps the session; 0 ends it with the connection."
                max={0xffffffff}
                value={draft.sessionExpiry}
                onChange={(sessionExpiry) => update({ sessionExpiry })}
                error={errors.sessionExpiry}
                testId={tid('sessionExpiry')}
              />
            )}
            <SecondsField
              label="Keepalive"
              description="Seconds between pings; 0 turns them off."
              max={65535}
              value={draft.keepalive}
              onChange={(keepalive) => update({ keepalive })}
              error={errors.keepalive}
              testId={tid('keepalive')}
            />
            <ConnectTimeoutField
              value={draft.connectTimeoutSec}
              onChange={(connectTimeoutSec) => update({ connectTimeoutSec })}
              error={errors.connectTimeoutMs}
            />
          </Group>
        </Stack>
      </Tabs.Panel>

      <Tabs.Panel value="will">
        <Stack gap="md">
          <Switch
            label="Send a last will"
            description="The broker publishes this message if the connection drops without a clean disconnect."
            checked={draft.willEnabled}
            onChange={(e) => update({ willEnabled: e.currentTarget.checked })}
            data-testid="field-will-enabled"
          />
          <TextInput
            label="Topic"
            placeholder="clients/brokerlens/status"
            withAsterisk={draft.willEnabled}
            disabled={!draft.willEnabled}
            value={draft.will.topic}
            onChange={(e) => update({ will: { ...draft.will, topic: e.currentTarget.value } })}
            error={errors['will.topic']}
            data-testid={tid('will.topic')}
          />
          <Textarea
            label="Payload"
            placeholder="offline"
            disabled={!draft.willEnabled}
            autosize
            minRows={2}
            maxRows={8}
            value={draft.will.payload}
            onChange={(e) => update({ will: { ...draft.will, payload: e.currentTarget.value } })}
            error={errors['will.payload']}
            data-testid={tid('will.payload')}
          />
          <Group gap="xl" align="flex-end">
            <Input.Wrapper label="QoS">
              <SegmentedControl
                mt={6}
                display="flex"
                w={180}
                disabled={!draft.willEnabled}
                data={['0', '1', '2']}
                value={String(draft.will.qos)}
                onChange={(v) => update({ will: { ...draft.will, qos: Number(v) as 0 | 1 | 2 } })}
                data-testid={tid('will.qos')}
              />
            </Input.Wrapper>
            <Switch
              label="Retain"
              disabled={!draft.willEnabled}
              checked={draft.will.retain}
              onChange={(e) => update({ will: { ...draft.will, retain: e.currentTarget.checked } })}
              data-testid={tid('will.retain')}
              mb={6}
            />
          </Group>
        </Stack>
      </Tabs.Panel>
    </>
  )
}
