import { Button, Group, Modal, SegmentedControl, Stack, Switch, Text, TextInput } from '@mantine/core'
import { useState } from 'react'
import { api } from '../../api/client'
import { notifySuccess } from '../../stores/notices-store'
import { ArgumentsField } from './ArgumentsField'
import {
  amqpNameError,
  checkExchangeDraft,
  NEW_EXCHANGE,
  STANDARD_EXCHANGE_TYPES,
  type DraftErrors,
  type ExchangeDraft,
  type ExchangeTypeChoice,
} from './declare-draft'
import { FormFailure } from './FormFailure'

const TYPE_HELP: Record<ExchangeTypeChoice, string> = {
  direct: 'Routes to queues bound with exactly the routing key',
  fanout: 'Routes to every bound queue; the routing key is ignored',
  topic: 'Routes by pattern: * is one word, # any number of words (order.*.created, audit.#)',
  headers: 'Routes by header values (x-match all or any in the binding’s arguments)',
  custom: 'A plugin’s type, which the broker must have enabled',
}

/** A new exchange: name, type, durable / auto-delete / internal, and its arguments as JSON. */
export function DeclareExchangeModal({
  opened,
  profileId,
  onClose,
  onDeclared,
}: {
  opened: boolean
  profileId: string
  onClose(): void
  onDeclared(name: string): void
}) {
  const [draft, setDraft] = useState<ExchangeDraft>(NEW_EXCHANGE)
  const [errors, setErrors] = useState<DraftErrors>({})
  const [busy, setBusy] = useState(false)
  const [failure, setFailure] = useState<string | null>(null)
  const patch = (p: Partial<ExchangeDraft>) => {
    setDraft({ ...draft, ...p })
    setFailure(null)
  }
  const close = () => {
    if (busy) return
    setDraft(NEW_EXCHANGE)
    setErrors({})
    setFailure(null)
    onClose()
  }

  async function declare() {
    const checked = checkExchangeDraft(draft)
    if (!checked.ok) {
      setErrors(checked.errors)
      return
    }
    setErrors({})
    setBusy(true)
    try {
      await api().declareAmqpExchange({ profileId, ...checked.request })
      notifySuccess('Exchange declared', checked.request.name)
      setDraft(NEW_EXCHANGE)
      onDeclared(checked.request.name)
    } catch (err) {
      setFailure(err instanceof Error ? err.message : String(err))
    } finally {
      setBusy(false)
    }
  }

  const nameTyped = draft.name.trim()
  return (
    <Modal
      opened={opened}
      onClose={close}
      title={<Text fw={650}>Declare an exchange</Text>}
      centered
      size="lg"
      data-testid="amqp-declare-exchange"
    >
      <Stack gap="md">
        <TextInput
          label="Name"
          placeholder="shop.events"
          value={draft.name}
          onChange={(e) => patch({ name: e.currentTarget.value })}
          error={(nameTyped === '' ? undefined : amqpNameError(nameTyped, 'exchange', true)) ?? errors.name}
          description="Declaring an existing exchange with the same settings changes nothing; other settings are refused"
          classNames={{ input: 'mono' }}
          data-autofocus
          autoComplete="off"
          spellCheck={false}
          data-testid="amqp-declare-exchange-name"
        />
        <Stack gap={4}>
          <Text size="sm" fw={500}>
            Type
          </Text>
          <SegmentedControl
            value={draft.type}
            onChange={(v) =>
              patch({ type: [...STANDARD_EXCHANGE_TYPES, 'custom' as const].find((t) => t === v) ?? 'topic' })
            }
            data={[
              ...STANDARD_EXCHANGE_TYPES.map((t) => ({ value: t, label: t })),
              { value: 'custom', label: 'custom…' },
            ]}
            data-testid="amqp-declare-exchange-type"
          />
          <Text size="xs" c="dimmed">
            {TYPE_HELP[draft.type]}
          </Text>
          {draft.type === 'custom' && (
            <TextInput
              placeholder="x-delayed-message"
              value={draft.customType}
              onChange={(e) => patch({ customType: e.currentTarget.value })}
              error={errors.type}
              classNames={{ input: 'mono' }}
              aria-label="Exchange type"
              data-testid="amqp-declare-exchange-custom-type"
            />
          )}
        </Stack>
        <Group gap="xl">
          <Switch
            label="Durable"
            description="Survives a broker restart"
            checked={draft.durable}
            onChange={(e) => patch({ durable: e.currentTarget.checked })}
            data-testid="amqp-declare-exchange-durable"
          />
          <Switch
            label="Auto-delete"
            description="Goes with its last binding"
            checked={draft.autoDelete}
            onChange={(e) => patch({ autoDelete: e.currentTarget.checked })}
            data-testid="amqp-declare-exchange-auto-delete"
          />
          <Switch
            label="Internal"
            description="Only other exchanges publish to it"
            checked={draft.internal}
            onChange={(e) => patch({ internal: e.currentTarget.checked })}
            data-testid="amqp-declare-exchange-internal"
          />
        </Group>
        <ArgumentsField
          value={draft.argumentsText}
          onChange={(argumentsText) => patch({ argumentsText })}
          error={errors.arguments}
          testId="amqp-declare-exchange-arguments"
        />
        <FormFailure title="The broker refused" error={failure} testId="amqp-declare-exchange-error" />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={close}>
            Cancel
          </Button>
          <Button loading={busy} onClick={() => void declare()} data-testid="amqp-declare-exchange-confirm">
            Declare exchange
          </Button>
        </Group>
      </Stack>
    </Modal>
  )
}
