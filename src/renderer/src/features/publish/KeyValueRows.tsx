import { ActionIcon, Button, Group, Stack, Text, TextInput } from '@mantine/core'
import { IconPlus, IconX } from '@tabler/icons-react'
import { addRow, removeRow, updateRow, type KvRow, type RowErrors } from './kv-rows'

/**
 * Repeatable key/value rows (user properties, headers): a name and a value per row, a button to add
 * one and one per row to remove it. Errors show under the row they belong to.
 */
export function KeyValueRows({
  label,
  rows,
  errors,
  onChange,
  keyPlaceholder = 'Name',
  valuePlaceholder = 'Value',
  valueMono = false,
  addLabel = 'Add',
  testId,
}: {
  label: string
  rows: KvRow[]
  errors: RowErrors
  onChange(rows: KvRow[]): void
  keyPlaceholder?: string
  valuePlaceholder?: string
  valueMono?: boolean
  addLabel?: string
  testId: string
}) {
  return (
    <Stack gap={4} data-testid={testId} data-rows={rows.length}>
      <Group justify="space-between" gap="xs">
        <Text size="sm" fw={500}>
          {label}
        </Text>
        <Button
          size="compact-xs"
          variant="subtle"
          leftSection={<IconPlus size={12} />}
          onClick={() => onChange(addRow(rows))}
          data-testid={`${testId}-add`}
        >
          {addLabel}
        </Button>
      </Group>
      {rows.map((row, i) => (
        <div key={row.id} data-testid={`${testId}-row`}>
          <Group gap={6} wrap="nowrap" align="flex-start">
            <TextInput
              size="xs"
              style={{ flex: '1 1 40%' }}
              placeholder={keyPlaceholder}
              value={row.key}
              onChange={(e) => onChange(updateRow(rows, row.id, { key: e.currentTarget.value }))}
              aria-label={`${label} ${i + 1}: name`}
              error={Boolean(errors[row.id])}
              data-testid={`${testId}-key`}
            />
            <TextInput
              size="xs"
              style={{ flex: '1 1 60%' }}
              placeholder={valuePlaceholder}
              value={row.value}
              onChange={(e) => onChange(updateRow(rows, row.id, { value: e.currentTarget.value }))}
              aria-label={`${label} ${i + 1}: value`}
              classNames={valueMono ? { input: 'mono' } : undefined}
              error={Boolean(errors[row.id])}
              data-testid={`${testId}-value`}
            />
            <ActionIcon
              variant="subtle"
              color="gray"
              mt={3}
              onClick={() => onChange(removeRow(rows, row.id))}
              aria-label={`Remove ${label.toLowerCase()} ${i + 1}`}
              data-testid={`${testId}-remove`}
            >
              <IconX size={14} />
            </ActionIcon>
          </Group>
          {errors[row.id] && (
            <Text size="xs" c="red" mt={2} data-testid={`${testId}-error`}>
              {errors[row.id]}
            </Text>
          )}
        </div>
      ))}
    </Stack>
  )
}
