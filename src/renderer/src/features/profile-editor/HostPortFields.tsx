import { Group, NumberInput, TextInput } from '@mantine/core'
import { tid } from './form-props'
import type { FieldErrors, NumberValue } from './profile-draft'

/** Host and port side by side, for the protocols that name one broker (MQTT, AMQP). */
export function HostPortFields({
  host,
  port,
  onChange,
  errors,
  hostPlaceholder,
  portHint,
}: {
  host: string
  port: NumberValue
  onChange(patch: { host?: string; port?: NumberValue }): void
  errors: FieldErrors
  hostPlaceholder: string
  /** A word under the port, e.g. the usual ports of a transport. */
  portHint?: string | undefined
}) {
  return (
    <Group align="flex-start" gap="sm" wrap="nowrap">
      <TextInput
        style={{ flex: 1 }}
        label="Host"
        placeholder={hostPlaceholder}
        withAsterisk
        value={host}
        onChange={(e) => onChange({ host: e.currentTarget.value })}
        error={errors.host}
        data-testid={tid('host')}
      />
      <NumberInput
        w={130}
        label="Port"
        withAsterisk
        value={port}
        onChange={(p) => onChange({ port: p })}
        error={errors.port}
        allowDecimal={false}
        allowNegative={false}
        hideControls
        thousandSeparator={false}
        data-testid={tid('port')}
        description={portHint}
        inputWrapperOrder={['label', 'input', 'description', 'error']}
      />
    </Group>
  )
}
