import { Button, Group, SegmentedControl, TextInput } from '@mantine/core'
import type { ReactNode } from 'react'
import type { FormErrors, HistoryForm } from './history-filter'
import { toLocalDateTime } from './history-filter'

/**
 * The narrowing fields under the search box: direction, retain, QoS, size bounds, and "jump to
 * time" (the newest message listed is the last one at or before it).
 */
export function HistoryFilters({
  form,
  errors,
  onChange,
}: {
  form: HistoryForm
  errors: FormErrors
  onChange(patch: Partial<HistoryForm>): void
}) {
  return (
    <div className="history-filters" data-testid="history-filters">
      <Group gap="md" wrap="wrap" align="flex-end">
        <Field label="Direction">
          <SegmentedControl
            size="xs"
            value={form.direction}
            onChange={(v) => onChange({ direction: v as HistoryForm['direction'] })}
            data={[
              { value: 'any', label: 'Any' },
              { value: 'in', label: 'Received' },
              { value: 'out', label: 'Sent' },
            ]}
            data-testid="history-filter-direction"
          />
        </Field>
        <Field label="Retain">
          <SegmentedControl
            size="xs"
            value={form.retain}
            onChange={(v) => onChange({ retain: v as HistoryForm['retain'] })}
            data={[
              { value: 'any', label: 'Any' },
              { value: 'yes', label: 'Retained' },
              { value: 'no', label: 'Not' },
            ]}
            data-testid="history-filter-retain"
          />
        </Field>
        <Field label="QoS">
          <SegmentedControl
            size="xs"
            value={form.qos}
            onChange={(v) => onChange({ qos: v as HistoryForm['qos'] })}
            data={[
              { value: 'any', label: 'Any' },
              { value: '0', label: '0' },
              { value: '1', label: '1' },
              { value: '2', label: '2' },
            ]}
            data-testid="history-filter-qos"
          />
        </Field>
      </Group>
      <Group gap="md" wrap="wrap" align="flex-start" mt={8}>
        <Field label="Size">
          <Group gap={4} wrap="nowrap" align="flex-start">
            <TextInput
              size="xs"
              w={84}
              placeholder="min"
              value={form.minSize}
              onChange={(e) => onChange({ minSize: e.currentTarget.value })}
              error={errors.minSize}
              aria-label="Minimum size"
              title="Smallest payload, like 512, 2 KB or 1.5 MB"
              data-testid="history-filter-min-size"
            />
            <span style={{ lineHeight: '30px' }}>–</span>
            <TextInput
              size="xs"
              w={84}
              placeholder="max"
              value={form.maxSize}
              onChange={(e) => onChange({ maxSize: e.currentTarget.value })}
              error={errors.maxSize}
              aria-label="Maximum size"
              title="Largest payload, like 512, 2 KB or 1.5 MB"
              data-testid="history-filter-max-size"
            />
          </Group>
        </Field>
        <Field label="Jump to time">
          <Group gap={4} wrap="nowrap" align="flex-start">
            <TextInput
              size="xs"
              type="datetime-local"
              step={1}
              w={200}
              value={form.until}
              onChange={(e) => onChange({ until: e.currentTarget.value })}
              error={errors.until}
              aria-label="Show messages up to this time"
              data-testid="history-until"
            />
            {form.until === '' ? (
              <Button
                size="xs"
                variant="default"
                onClick={() => onChange({ until: toLocalDateTime(Date.now() - 12 * 3600_000) })}
                title="Twelve hours ago: a start for 'what did it send last night'"
              >
                −12 h
              </Button>
            ) : (
              <Button
                size="xs"
                variant="default"
                onClick={() => onChange({ until: '' })}
                data-testid="history-until-clear"
              >
                Latest
              </Button>
            )}
          </Group>
        </Field>
      </Group>
    </div>
  )
}

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <div className="history-filter-label">{label}</div>
      {children}
    </div>
  )
}
