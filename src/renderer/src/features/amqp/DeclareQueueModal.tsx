import {
  Autocomplete,
  Button,
  Group,
  Modal,
  NumberInput,
  SegmentedControl,
  Stack,
  Switch,
  Text,
  TextInput,
} from '@mantine/core'
import { useState } from 'react'
import { AmqpQueueType } from '../../../../shared/amqp'
import { api } from '../../api/client'
import { notifySuccess } from '../../stores/notices-store'
import {
  helperArgument,
  parseArguments,
  QUEUE_HELPERS,
  queueHelperValues,
  setArgument,
  type QueueHelperValues,
} from './amqp-arguments'
import { ArgumentsField } from './ArgumentsField'
import {
  amqpNameError,
  checkQueueDraft,
  NEW_QUEUE,
  replicated,
  type DraftErrors,
  type QueueDraft,
} from './declare-draft'
import { FormFailure } from './FormFailure'

const TYPE_HELP: Record<AmqpQueueType, string> = {
  classic: 'A single-node queue: the default, fastest for transient work',
  quorum: 'Replicated (Raft): durable, the safe choice for important messages',
  stream: 'An append-only log read from any offset; consumers need a prefetch',
}

/**
 * A new queue: its name (or none: the broker names it), type, flags, and arguments as JSON, with
 * fields for the common ones (TTL, length limit, dead-letter exchange) that write into that JSON.
 */
export function DeclareQueueModal({
  opened,
  profileId,
  exchanges,
  onClose,
  onDeclared,
}: {
  opened: boolean
  profileId: string
  /** Offered for the dead-letter exchange. */
  exchanges: string[]
  onClose(): void
  onDeclared(name: string): void
}) {
  const [draft, setDraft] = useState<QueueDraft>(NEW_QUEUE)
  const [errors, setErrors] = useState<DraftErrors>({})
  const [busy, setBusy] = useState(false)
  const [failure, setFailure] = useState<string | null>(null)
  const helpers = queueHelperValues(draft.argumentsText)
  const locked = replicated(draft.type)
  const patch = (p: Partial<QueueDraft>) => {
    setDraft({ ...draft, ...p })
    setFailure(null)
  }
  const setHelper = (field: keyof QueueHelperValues, input: number | string) => {
    const next = setArgument(draft.argumentsText, QUEUE_HELPERS[field], helperArgument(field, input))
    if (next.ok) patch({ argumentsText: next.text })
  }
  const close = () => {
    if (busy) return
    setDraft(NEW_QUEUE)
    setErrors({})
    setFailure(null)
    onClose()
  }

  async function declare() {
    const checked = checkQueueDraft(draft)
    if (!checked.ok) {
      setErrors(checked.errors)
      return
    }
    setErrors({})
    setBusy(true)
    try {
      const result = await api().declareAmqpQueue({ profileId, ...checked.request })
      notifySuccess(
        'Queue declared',
        `${result.name} · ${result.messages} ready · ${result.consumers} consumers`,
      )
      setDraft(NEW_QUEUE)
      onDeclared(result.name)
    } catch (err) {
      setFailure(err instanceof Error ? err.message : String(err))
    } finally {
      setBusy(false)
    }
  }

  const nameTyped = draft.name.trim()
  // the fields write into the JSON: while it is broken they would have nothing to write into
  const argsBroken = !parseArguments(draft.argumentsText).ok
  return (
    <Modal
      opened={opened}
      onClose={close}
      title={<Text fw={650}>Declare a queue</Text>}
      centered
      size="lg"
      data-testid="amqp-declare-queue"
    >
      <Stack gap="md">
        <TextInput
          label="Name"
          placeholder="Empty: the broker names it (amq.gen-…)"
          value={draft.name}
          onChange={(e) => patch({ name: e.currentTarget.value })}
          error={(nameTyped === '' ? undefined : amqpNameError(nameTyped, 'queue', false)) ?? errors.name}
          classNames={{ input: 'mono' }}
          data-autofocus
          autoComplete="off"
          spellCheck={false}
          data-testid="amqp-declare-queue-name"
        />
        <Stack gap={4}>
          <Text size="sm" fw={500}>
            Type
          </Text>
          <SegmentedControl
            value={draft.type}
            onChange={(v) => {
              const type = AmqpQueueType.catch('classic').parse(v)
              patch(
                replicated(type) ? { type, durable: true, autoDelete: false, exclusive: false } : { type },
              )
            }}
            data={AmqpQueueType.options.map((t) => ({ value: t, label: t }))}
            data-testid="amqp-declare-queue-type"
          />
          <Text size="xs" c="dimmed">
            {TYPE_HELP[draft.type]}
          </Text>
        </Stack>
        <Group gap="xl">
          <Switch
            label="Durable"
            description="Survives a broker restart"
            checked={draft.durable}
            disabled={locked}
            onChange={(e) => patch({ durable: e.currentTarget.checked })}
            data-testid="amqp-declare-queue-durable"
          />
          <Switch
            label="Auto-delete"
            description="Goes with its last consumer"
            checked={draft.autoDelete}
            disabled={locked}
            onChange={(e) => patch({ autoDelete: e.currentTarget.checked })}
            data-testid="amqp-declare-queue-auto-delete"
          />
          <Switch
            label="Exclusive"
            description="This app’s connection only"
            checked={draft.exclusive}
            disabled={locked}
            onChange={(e) => patch({ exclusive: e.currentTarget.checked })}
            data-testid="amqp-declare-queue-exclusive"
          />
        </Group>
        {errors.flags && (
          <Text size="sm" c="red">
            {errors.flags}
          </Text>
        )}
        <Group grow align="flex-start">
          <NumberInput
            label="Message TTL"
            description="x-message-ttl, milliseconds"
            placeholder="none"
            min={0}
            allowDecimal={false}
            allowNegative={false}
            thousandSeparator=","
            value={helpers.messageTtl}
            onChange={(v) => setHelper('messageTtl', v)}
            disabled={argsBroken}
            data-testid="amqp-declare-queue-ttl"
          />
          <NumberInput
            label="Max length"
            description="x-max-length, messages"
            placeholder="unlimited"
            min={0}
            allowDecimal={false}
            allowNegative={false}
            thousandSeparator=","
            value={helpers.maxLength}
            onChange={(v) => setHelper('maxLength', v)}
            disabled={argsBroken}
            data-testid="amqp-declare-queue-max-length"
          />
          <Autocomplete
            label="Dead-letter exchange"
            description="x-dead-letter-exchange"
            placeholder="none"
            data={exchanges.slice(0, 500)}
            limit={50}
            value={helpers.deadLetterExchange}
            onChange={(v) => setHelper('deadLetterExchange', v)}
            disabled={argsBroken}
            classNames={{ input: 'mono' }}
            data-testid="amqp-declare-queue-dlx"
          />
        </Group>
        <ArgumentsField
          value={draft.argumentsText}
          onChange={(argumentsText) => patch({ argumentsText })}
          error={errors.arguments}
          description="All arguments as a JSON object; the fields above write into it"
          testId="amqp-declare-queue-arguments"
        />
        <FormFailure title="The broker refused" error={failure} testId="amqp-declare-queue-error" />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={close}>
            Cancel
          </Button>
          <Button loading={busy} onClick={() => void declare()} data-testid="amqp-declare-queue-confirm">
            Declare queue
          </Button>
        </Group>
      </Stack>
    </Modal>
  )
}
