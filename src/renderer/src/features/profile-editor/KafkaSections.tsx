import { ActionIcon, Button, Group, Input, Select, Stack, Switch, Tabs, Text, TextInput } from '@mantine/core'
import { IconPlus, IconTrash } from '@tabler/icons-react'
import { ConnectTimeoutField } from './ConnectTimeoutField'
import { type FormProps, tid } from './form-props'
import { NameField } from './NameField'
import { PasswordField } from './PasswordField'
import { splitBrokerList, type KafkaDraft } from './profile-draft'
import { TlsFields } from './TlsFields'

const SASL = [
  { value: 'none', label: 'None' },
  { value: 'plain', label: 'PLAIN' },
  { value: 'scram-sha-256', label: 'SCRAM-SHA-256' },
  { value: 'scram-sha-512', label: 'SCRAM-SHA-512' },
]

export function KafkaSections(props: FormProps<KafkaDraft>) {
  const { draft, update, errors, creating } = props
  const setBroker = (i: number, value: string) => {
    // a pasted "a:9092, b:9092" becomes one row per broker
    const parts = /[\s,;]/.test(value.trim()) ? splitBrokerList(value) : [value]
    const brokers = [...draft.brokers]
    brokers.splice(i, 1, ...(parts.length ? parts : ['']))
    update({ brokers })
  }
  const removeBroker = (i: number) => {
    const brokers = draft.brokers.filter((_, j) => j !== i)
    update({ brokers: brokers.length ? brokers : [''] })
  }
  const sasl = draft.sasl !== 'none'

  return (
    <>
      <Tabs.Panel value="general">
        <Stack gap="md">
          <NameField
            value={draft.name}
            onChange={(name) => update({ name })}
            error={errors.name}
            placeholder="e.g. Staging cluster"
            autoFocus={creating}
          />
          <Input.Wrapper
            label="Bootstrap brokers"
            withAsterisk
            description="host:port of one or more brokers; the client learns the rest of the cluster from them. Paste a comma-separated list to fill several rows."
            error={errors.brokers}
            inputWrapperOrder={['label', 'description', 'input', 'error']}
          >
            <Stack gap={6} mt={6} data-testid="field-brokers">
              {draft.brokers.map((b, i) => (
                <Group key={i} gap={6} wrap="nowrap" align="flex-start">
                  <TextInput
                    style={{ flex: 1 }}
                    placeholder="kafka-1.example.com:9092"
                    aria-label={`Broker ${i + 1}`}
                    value={b}
                    onChange={(e) => setBroker(i, e.currentTarget.value)}
                    error={errors[`brokers.${i}`]}
                    classNames={{ input: 'mono' }}
                    data-testid={`field-brokers-${i}`}
                  />
                  <ActionIcon
                    variant="subtle"
                    color="gray"
                    size="lg"
                    aria-label={`Remove broker ${i + 1}`}
                    onClick={() => removeBroker(i)}
                    disabled={draft.brokers.length === 1 && b === ''}
                    data-testid={`broker-remove-${i}`}
                  >
                    <IconTrash size={16} />
                  </ActionIcon>
                </Group>
              ))}
              <Group>
                <Button
                  size="xs"
                  variant="light"
                  leftSection={<IconPlus size={14} />}
                  onClick={() => update({ brokers: [...draft.brokers, ''] })}
                  data-testid="broker-add"
                >
                  Add broker
                </Button>
              </Group>
            </Stack>
          </Input.Wrapper>
        </Stack>
      </Tabs.Panel>

      <Tabs.Panel value="auth">
        <Stack gap="md">
          <Select
            label="SASL mechanism"
            data={SASL}
            value={draft.sasl}
            onChange={(v) => v && update({ sasl: v as KafkaDraft['sasl'] })}
            allowDeselect={false}
            w={260}
            error={errors.sasl}
            data-testid={tid('sasl')}
            comboboxProps={{ withinPortal: true }}
          />
          <TextInput
            label="Username"
            disabled={!sasl}
            withAsterisk={sasl}
            value={draft.username}
            onChange={(e) => update({ username: e.currentTarget.value })}
            error={errors.username}
            autoComplete="off"
            data-testid={tid('username')}
          />
          <PasswordField {...props} disabled={!sasl} />
          {draft.sasl === 'plain' && !draft.ssl && (
            <Text size="xs" c="var(--mantine-color-orange-text)">
              SASL PLAIN without SSL sends the password in clear text. Turn on SSL in the TLS tab.
            </Text>
          )}
          {!sasl && (
            <Text size="xs" c="dimmed">
              Choose a mechanism to sign in; most managed Kafka services use SCRAM or PLAIN over SSL.
            </Text>
          )}
        </Stack>
      </Tabs.Panel>

      <Tabs.Panel value="tls">
        <Stack gap="md">
          <Switch
            label="Use SSL/TLS"
            description="Connect to the brokers' SSL listeners."
            checked={draft.ssl}
            onChange={(e) => update({ ssl: e.currentTarget.checked })}
            data-testid={tid('ssl')}
          />
          {draft.ssl && (
            <TlsFields
              tls={draft.tls}
              onChange={(t) => update({ tls: t })}
              errors={errors}
              secrets={props.secrets}
              stored={props.stored}
              setSecret={props.setSecret}
            />
          )}
        </Stack>
      </Tabs.Panel>

      <Tabs.Panel value="advanced">
        <Stack gap="md">
          <Group grow align="flex-start">
            <TextInput
              label="Client ID"
              inputWrapperOrder={['label', 'input', 'description', 'error']}
              description="Shown in the brokers' logs and quotas."
              value={draft.clientId}
              onChange={(e) => update({ clientId: e.currentTarget.value })}
              error={errors.clientId}
              data-testid={tid('clientId')}
            />
            <ConnectTimeoutField
              value={draft.connectTimeoutSec}
              onChange={(connectTimeoutSec) => update({ connectTimeoutSec })}
              error={errors.connectTimeoutMs}
            />
          </Group>
        </Stack>
      </Tabs.Panel>
    </>
  )
}
