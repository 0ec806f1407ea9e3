import { Group, SegmentedControl, TextInput } from '@mantine/core'
import { liveKafkaTopicError, type KafkaDraft } from './kafka-target-draft'
import { KeyValueRows } from './KeyValueRows'
import { fieldBinder } from './field-binder'
import type { TargetErrors } from './target-draft'

/** Topic, partition (the partitioner's choice when empty), key as text or hex, and headers. */
export function KafkaTargetFields({
  draft,
  errors,
  onChange,
}: {
  draft: KafkaDraft
  errors: TargetErrors
  onChange(patch: Partial<KafkaDraft>): void
}) {
  const f = errors.fields
  const field = fieldBinder(draft, f, onChange)
  return (
    <>
      <Group gap="xs" align="flex-start" wrap="nowrap">
        <TextInput
          style={{ flex: 1 }}
          label="Topic"
          placeholder="orders"
          value={draft.topic}
          onChange={(e) => onChange({ topic: e.currentTarget.value })}
          error={f.topic ?? liveKafkaTopicError(draft.topic)}
          classNames={{ input: 'mono' }}
          data-testid="publish-topic"
        />
        <TextInput
          w={140}
          label="Partition"
          placeholder="Auto"
          inputMode="numeric"
          {...field('partition')}
          data-testid="publish-partition"
        />
      </Group>
      <TextInput
        label="Key"
        placeholder={draft.keyMode === 'hex' ? 'de ad be ef' : 'No key'}
        description="Records with the same key go to the same partition"
        inputWrapperOrder={['label', 'input', 'description', 'error']}
        {...field('key')}
        classNames={{ input: 'mono' }}
        rightSectionWidth={92}
        rightSection={
          <SegmentedControl
            size="xs"
            data={[
              { value: 'text', label: 'Text' },
              { value: 'hex', label: 'Hex' },
            ]}
            value={draft.keyMode}
            onChange={(v) => onChange({ keyMode: v as KafkaDraft['keyMode'] })}
            aria-label="Key as"
            data-testid="publish-key-mode"
          />
        }
        data-testid="publish-key"
      />
      <KeyValueRows
        label="Headers"
        rows={draft.headers}
        errors={errors.rows}
        onChange={(headers) => onChange({ headers })}
        valuePlaceholder="Value (UTF-8 text)"
        addLabel="Add header"
        testId="publish-headers"
      />
    </>
  )
}
