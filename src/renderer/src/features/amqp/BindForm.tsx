import {
  Anchor,
  Autocomplete,
  Button,
  Collapse,
  Group,
  SegmentedControl,
  Stack,
  Text,
  TextInput,
} from '@mantine/core'
import { IconLink } from '@tabler/icons-react'
import { useState } from 'react'
import { api } from '../../api/client'
import { notifySuccess } from '../../stores/notices-store'
import { useAmqpTopologyStore } from '../../stores/amqp-topology-store'
import { ArgumentsField } from './ArgumentsField'
import {
  checkBindDraft,
  NEW_BIND,
  routingKeyHint,
  type BindDraft,
  type BindErrors,
  type BindMode,
} from './bind-draft'
import { FormFailure } from './FormFailure'

/**
 * A new binding from where it is opened (see `BindMode`): the other end picked from the names known
 * (or typed), a routing key explained for the source's type, and arguments for headers exchanges.
 */
export function BindForm({
  profileId,
  mode,
  fixed,
  exchanges,
  queues,
  typeOf,
}: {
  profileId: string
  mode: BindMode
  /** The exchange or queue opened. */
  fixed: string
  /** Names to offer (the default exchange is left out: it cannot be bound). */
  exchanges: string[]
  queues: string[]
  /** An exchange's type, when known. */
  typeOf(exchange: string): string | null
}) {
  const [draft, setDraft] = useState<BindDraft>(NEW_BIND)
  const [errors, setErrors] = useState<BindErrors>({})
  const [busy, setBusy] = useState(false)
  const [failure, setFailure] = useState<string | null>(null)
  const otherName = draft.other.trim()
  // until a source is named its type is unknown ("" would be the default exchange's)
  const sourceType = mode === 'from-exchange' ? typeOf(fixed) : otherName === '' ? null : typeOf(otherName)
  const [argsOpen, setArgsOpen] = useState(sourceType === 'headers')
  const patch = (p: Partial<BindDraft>) => {
    setDraft({ ...draft, ...p })
    setErrors({})
    setFailure(null)
  }
  const otherIsQueue = mode === 'from-exchange' && draft.otherType === 'queue'
  const options = (otherIsQueue ? queues : exchanges).filter(
    (n) => n !== '' && !(mode !== 'into-queue' && n === fixed),
  )

  async function bind() {
    const checked = checkBindDraft(mode, fixed, draft)
    if (!checked.ok) {
      setErrors(checked.errors)
      return
    }
    setBusy(true)
    try {
      await api().bindAmqp({ profileId, ...checked.request })
      notifySuccess('Bound', `${checked.request.source} → ${checked.request.destination}`)
      setDraft({ ...NEW_BIND, otherType: draft.otherType })
      void useAmqpTopologyStore.getState().load(profileId)
    } catch (err) {
      setFailure(err instanceof Error ? err.message : String(err))
    } finally {
      setBusy(false)
    }
  }

  return (
    <Stack gap="xs" data-testid="amqp-bind" data-mode={mode}>
      <Group gap="xs" align="flex-start" wrap="wrap">
        {mode === 'from-exchange' && (
          <SegmentedControl
            size="xs"
            mt={4}
            value={draft.otherType}
            onChange={(v) => patch({ otherType: v === 'exchange' ? 'exchange' : 'queue', other: '' })}
            data={[
              { value: 'queue', label: 'to queue' },
              { value: 'exchange', label: 'to exchange' },
            ]}
            data-testid="amqp-bind-dest-type"
          />
        )}
        <Autocomplete
          size="xs"
          w={230}
          placeholder={otherIsQueue ? 'Queue' : mode === 'from-exchange' ? 'Exchange' : 'Source exchange'}
          value={draft.other}
          onChange={(other) => patch({ other })}
          data={options.slice(0, 500)}
          limit={50}
          error={errors.other}
          classNames={{ input: 'mono' }}
          aria-label={otherIsQueue ? 'Queue to bind' : 'Exchange to bind'}
          data-testid="amqp-bind-target"
        />
        <TextInput
          size="xs"
          style={{ flex: '1 1 200px' }}
          placeholder="Routing key"
          value={draft.routingKey}
          onChange={(e) => patch({ routingKey: e.currentTarget.value })}
          onKeyDown={(e) => e.key === 'Enter' && void bind()}
          error={errors.routingKey}
          classNames={{ input: 'mono' }}
          aria-label="Routing key"
          data-testid="amqp-bind-key"
        />
        <Button
          size="xs"
          leftSection={<IconLink size={14} />}
          loading={busy}
          onClick={() => void bind()}
          data-testid="amqp-bind-submit"
        >
          Bind
        </Button>
      </Group>
      <Group gap="md" wrap="nowrap">
        <Anchor
          component="button"
          type="button"
          size="xs"
          onClick={() => setArgsOpen(!argsOpen)}
          style={{ flex: 'none' }}
        >
          {argsOpen ? 'Hide arguments' : 'Arguments…'}
        </Anchor>
        <Text size="xs" c="dimmed" data-testid="amqp-bind-key-hint">
          Routing key: {routingKeyHint(sourceType)}
        </Text>
      </Group>
      <Collapse expanded={argsOpen}>
        <ArgumentsField
          label="Binding arguments"
          description='For headers exchanges: {"x-match": "all", "kind": "order"}'
          value={draft.argumentsText}
          onChange={(argumentsText) => patch({ argumentsText })}
          error={errors.arguments}
          testId="amqp-bind-args"
        />
      </Collapse>
      <FormFailure title="Not bound" error={failure} testId="amqp-bind-error" />
    </Stack>
  )
}
