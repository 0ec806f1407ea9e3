import { Checkbox, Select, SimpleGrid, TextInput } from '@mantine/core'
import { amqpPropertyCount, type AmqpDraft } from './amqp-target-draft'
import { KeyValueRows } from './KeyValueRows'
import { PropertiesSection } from './PropertiesSection'
import { fieldBinder } from './field-binder'
import type { TargetErrors } from './target-draft'

const DELIVERY_MODES = [
  { value: '', label: 'Not set' },
  { value: '1', label: '1 · Transient' },
  { value: '2', label: '2 · Persistent' },
]

const PROPERTY_FIELDS = [
  'contentType',
  'deliveryMode',
  'correlationId',
  'replyTo',
  'expiration',
  'priority',
  'messageId',
]

/** Exchange, routing key, mandatory, and the basic properties with a header table (JSON values). */
export function AmqpTargetFields({
  draft,
  errors,
  onChange,
}: {
  draft: AmqpDraft
  errors: TargetErrors
  onChange(patch: Partial<AmqpDraft>): void
}) {
  const f = errors.fields
  const field = fieldBinder(draft, f, onChange)
  return (
    <>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
        <TextInput
          label="Exchange"
          placeholder="(default exchange)"
          description="Empty: the default exchange, which routes by queue name"
          inputWrapperOrder={['label', 'input', 'description', 'error']}
          {...field('exchange')}
          classNames={{ input: 'mono' }}
          data-testid="publish-exchange"
        />
        <TextInput
          label="Routing key"
          placeholder="orders.created"
          {...field('routingKey')}
          classNames={{ input: 'mono' }}
          data-testid="publish-routing-key"
        />
      </SimpleGrid>
      <Checkbox
        label="Mandatory: have the broker return it when no queue takes it"
        checked={draft.mandatory}
        onChange={(e) => onChange({ mandatory: e.currentTarget.checked })}
        data-testid="publish-mandatory"
      />
      <PropertiesSection
        title="Properties"
        count={amqpPropertyCount(draft)}
        hasError={
          PROPERTY_FIELDS.some((k) => f[k]) || Object.keys(errors.rows).length > 0 || Boolean(f.headers)
        }
        testId="publish-properties"
      >
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs" verticalSpacing="xs">
          <TextInput
            size="xs"
            label="Content type"
            placeholder="application/json"
            {...field('contentType')}
            data-testid="publish-content-type"
          />
          <Select
            size="xs"
            label="Delivery mode"
            data={DELIVERY_MODES}
            value={draft.deliveryMode}
            onChange={(v) => onChange({ deliveryMode: (v ?? '') as AmqpDraft['deliveryMode'] })}
            allowDeselect={false}
            error={f.deliveryMode}
            data-testid="publish-delivery-mode"
          />
          <TextInput
            size="xs"
            label="Correlation id"
            {...field('correlationId')}
            classNames={{ input: 'mono' }}
            data-testid="publish-correlation-id"
          />
          <TextInput
            size="xs"
            label="Reply to"
            placeholder="amq.rabbitmq.reply-to"
            {...field('replyTo')}
            classNames={{ input: 'mono' }}
            data-testid="publish-reply-to"
          />
          <TextInput
            size="xs"
            label="Expiration (ms)"
            placeholder="Never"
            inputMode="numeric"
            {...field('expiration')}
            data-testid="publish-expiration"
          />
          <TextInput
            size="xs"
            label="Priority (0–255)"
            inputMode="numeric"
            {...field('priority')}
            data-testid="publish-priority"
          />
          <TextInput
            size="xs"
            label="Message id"
            {...field('messageId')}
            classNames={{ input: 'mono' }}
            data-testid="publish-message-id"
          />
        </SimpleGrid>
        <KeyValueRows
          label="Headers"
          rows={draft.headers}
          errors={errors.rows}
          onChange={(headers) => onChange({ headers })}
          valuePlaceholder='JSON: "text", 42, true'
          valueMono
          addLabel="Add header"
          testId="publish-headers"
        />
      </PropertiesSection>
    </>
  )
}
