import {
  Alert,
  Button,
  Group,
  Input,
  NumberInput,
  SegmentedControl,
  Stack,
  Tabs,
  Text,
  TextInput,
} from '@mantine/core'
import { IconInfoCircle } from '@tabler/icons-react'
import { type FormProps, tid } from './form-props'
import { AMQP_USUAL_PORTS, suggestedPort, type AmqpDraft } from './profile-draft'
import { SecretField } from './SecretField'
import { TlsFields } from './TlsFields'

export function AmqpSections(props: FormProps<AmqpDraft>) {
  const { draft, update, errors, creating } = props
  const tls = draft.scheme === 'amqps'
  const setScheme = (scheme: AmqpDraft['scheme']) =>
    update({ scheme, port: suggestedPort(AMQP_USUAL_PORTS, draft.scheme, scheme, draft.port) })
  const vhost = draft.vhost === '/' ? '' : `/${encodeURIComponent(draft.vhost)}`
  const preview = `${draft.scheme}://${draft.host.trim() || '…'}:${draft.port === '' ? '…' : draft.port}${vhost}`

  return (
    <>
      <Tabs.Panel value="general">
        <Stack gap="md">
          <TextInput
            label="Name"
            placeholder="e.g. Local RabbitMQ"
            withAsterisk
            value={draft.name}
            onChange={(e) => update({ name: e.currentTarget.value })}
            error={errors.name}
            autoFocus={creating}
            data-testid={tid('name')}
          />
          <Input.Wrapper label="Scheme" description="amqps uses TLS." error={errors.scheme}>
            <SegmentedControl
              mt={6}
              display="flex"
              w={260}
              data={[
                { value: 'amqp', label: 'amqp' },
                { value: 'amqps', label: 'amqps (TLS)' },
              ]}
              value={draft.scheme}
              onChange={(v) => setScheme(v as AmqpDraft['scheme'])}
              data-testid={tid('scheme')}
            />
          </Input.Wrapper>
          <Group align="flex-start" gap="sm" wrap="nowrap">
            <TextInput
              style={{ flex: 1 }}
              label="Host"
              placeholder="rabbitmq.example.com"
              withAsterisk
              value={draft.host}
              onChange={(e) => update({ host: e.currentTarget.value })}
              error={errors.host}
              data-testid={tid('host')}
            />
            <NumberInput
              w={130}
              label="Port"
              withAsterisk
              value={draft.port}
              onChange={(port) => update({ port })}
              error={errors.port}
              allowDecimal={false}
              allowNegative={false}
              hideControls
              thousandSeparator={false}
              data-testid={tid('port')}
            />
          </Group>
          <TextInput
            label="Virtual host"
            placeholder="/"
            value={draft.vhost}
            onChange={(e) => update({ vhost: e.currentTarget.value })}
            error={errors.vhost}
            data-testid={tid('vhost')}
          />
          <Text size="xs" c="dimmed">
            Connects to{' '}
            <Text
              span
              className="mono"
              size="xs"
              c="var(--mantine-color-text)"
              data-testid="endpoint-preview"
            >
              {preview}
            </Text>
          </Text>
        </Stack>
      </Tabs.Panel>

      <Tabs.Panel value="auth">
        <Stack gap="md">
          <TextInput
            label="Username"
            value={draft.username}
            onChange={(e) => update({ username: e.currentTarget.value })}
            error={errors.username}
            autoComplete="off"
            description="RabbitMQ's default user guest may only connect from localhost."
            data-testid={tid('username')}
          />
          <SecretField
            name="password"
            label="Password"
            what="password"
            stored={props.stored.includes('password')}
            secret={props.secrets.password}
            onChange={(s) => props.setSecret('password', s)}
            error={errors['secrets.password']}
          />
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
          <Alert variant="light" color="blue" icon={<IconInfoCircle size={18} />} title="TLS is off">
            <Stack gap="xs">
              <Text size="sm">TLS settings apply to the amqps scheme.</Text>
              <Group>
                <Button size="xs" variant="light" onClick={() => setScheme('amqps')}>
                  Use amqps
                </Button>
              </Group>
            </Stack>
          </Alert>
        )}
      </Tabs.Panel>

      <Tabs.Panel value="advanced">
        <Stack gap="md">
          <Group grow align="flex-start">
            <NumberInput
              label="Heartbeat"
              inputWrapperOrder={['label', 'input', 'description', 'error']}
              description="Seconds; 0 turns heartbeats off."
              suffix=" s"
              min={0}
              max={3600}
              allowDecimal={false}
              allowNegative={false}
              value={draft.heartbeat}
              onChange={(heartbeat) => update({ heartbeat })}
              error={errors.heartbeat}
              data-testid={tid('heartbeat')}
            />
            <NumberInput
              label="Connect timeout"
              inputWrapperOrder={['label', 'input', 'description', 'error']}
              description="Give up connecting after this long."
              suffix=" s"
              min={1}
              max={120}
              decimalScale={1}
              allowNegative={false}
              value={draft.connectTimeoutSec}
              onChange={(connectTimeoutSec) => update({ connectTimeoutSec })}
              error={errors.connectTimeoutMs}
              data-testid="field-connectTimeout"
            />
          </Group>
          <TextInput
            label="Management URL"
            placeholder={`http://${draft.host.trim() || 'localhost'}:15672`}
            description="The management plugin's HTTP API, used to list exchanges and queues. Empty: the host on port 15672."
            value={draft.managementUrl}
            onChange={(e) => update({ managementUrl: e.currentTarget.value })}
            error={errors.managementUrl}
            data-testid={tid('managementUrl')}
          />
        </Stack>
      </Tabs.Panel>
    </>
  )
}
