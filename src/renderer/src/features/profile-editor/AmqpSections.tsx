import { Alert, Button, Group, Input, SegmentedControl, Stack, Tabs, Text, TextInput } from '@mantine/core'
import { IconInfoCircle } from '@tabler/icons-react'
import { ConnectTimeoutField } from './ConnectTimeoutField'
import { EndpointPreview } from './EndpointPreview'
import { type FormProps, tid } from './form-props'
import { HostPortFields } from './HostPortFields'
import { NameField } from './NameField'
import { PasswordField } from './PasswordField'
import { SecondsField } from './SecondsField'
import { SecretField } from './SecretField'
import { AMQP_USUAL_PORTS, suggestedPort, type AmqpDraft } from './profile-draft'
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
          <NameField
            value={draft.name}
            onChange={(name) => update({ name })}
            error={errors.name}
            placeholder="e.g. Local RabbitMQ"
            autoFocus={creating}
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
          <HostPortFields
            host={draft.host}
            port={draft.port}
            onChange={update}
            errors={errors}
            hostPlaceholder="rabbitmq.example.com"
          />
          <TextInput
            label="Virtual host"
            placeholder="/"
            value={draft.vhost}
            onChange={(e) => update({ vhost: e.currentTarget.value })}
            error={errors.vhost}
            data-testid={tid('vhost')}
          />
          <EndpointPreview url={preview} />
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
          <PasswordField {...props} />
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
            <SecondsField
              label="Heartbeat"
              description="Seconds; 0 turns heartbeats off."
              max={3600}
              value={draft.heartbeat}
              onChange={(heartbeat) => update({ heartbeat })}
              error={errors.heartbeat}
              testId={tid('heartbeat')}
            />
            <ConnectTimeoutField
              value={draft.connectTimeoutSec}
              onChange={(connectTimeoutSec) => update({ connectTimeoutSec })}
              error={errors.connectTimeoutMs}
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
          <Group grow align="flex-start">
            <TextInput
              label="Management user"
              placeholder={draft.username.trim() || 'the AMQP user'}
              description="Empty: the AMQP user and password."
              value={draft.managementUsername}
              onChange={(e) => update({ managementUsername: e.currentTarget.value })}
              error={errors.managementUsername}
              data-testid={tid('managementUsername')}
            />
            <SecretField
              name="managementPassword"
              label="Management password"
              what="management password"
              stored={props.stored.includes('managementPassword')}
              secret={props.secrets.managementPassword}
              onChange={(s) => props.setSecret('managementPassword', s)}
              error={errors['secrets.managementPassword']}
            />
          </Group>
        </Stack>
      </Tabs.Panel>
    </>
  )
}
