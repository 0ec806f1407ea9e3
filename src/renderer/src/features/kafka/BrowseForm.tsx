import {
  Button,
  Group,
  MultiSelect,
  SegmentedControl,
  Select,
  Switch,
  Text,
  TextInput,
  Tooltip,
} from '@mantine/core'
import { IconBroadcast, IconFilter, IconPlayerPlay } from '@tabler/icons-react'
import type { KeyboardEvent } from 'react'
import type { KafkaPartitionInfo } from '../../../../shared/kafka'
import { formatOffset } from './kafka-numbers'
import { PAGE_SIZES, toLocalDateTime, type BrowseDraft, type FromKind } from './browse-draft'

const FROM: { value: FromKind; label: string }[] = [
  { value: 'end', label: 'Newest' },
  { value: 'beginning', label: 'Beginning' },
  { value: 'offset', label: 'Offset' },
  { value: 'timestamp', label: 'Time' },
]

/**
 * Where a read starts, which partitions, how many records, and the filters (applied by the app to
 * what the broker hands over); Read, and the live tail switch.
 */
export function BrowseForm({
  draft,
  partitions,
  loading,
  tailing,
  onChange,
  onRead,
  onTail,
}: {
  draft: BrowseDraft
  partitions: KafkaPartitionInfo[] | null
  loading: boolean
  tailing: boolean
  onChange(patch: Partial<BrowseDraft>): void
  onRead(): void
  onTail(on: boolean): void
}) {
  const all = (partitions ?? []).map((p) => p.partition).sort((a, b) => a - b)
  const chosen = draft.partitions ?? all
  const byId = new Map((partitions ?? []).map((p) => [p.partition, p]))
  const enter = (e: KeyboardEvent) => {
    if (e.key === 'Enter') onRead()
  }

  return (
    <div className="kafka-browse-form" data-testid="kafka-browse-form">
      <Group gap="sm" wrap="wrap" align="flex-end">
        <div>
          <Text size="xs" fw={500} mb={3}>
            Start at
          </Text>
          <SegmentedControl
            size="xs"
            data={FROM}
            value={draft.from}
            onChange={(v) => {
              const from = v as FromKind
              const patch: Partial<BrowseDraft> = { from }
              if (from === 'timestamp' && draft.at === '') patch.at = toLocalDateTime(Date.now() - 3_600_000)
              onChange(patch)
            }}
            aria-label="Where to start reading"
            data-testid="kafka-browse-from"
          />
        </div>
        <MultiSelect
          size="xs"
          label="Partitions"
          placeholder={
            draft.partitions === null || draft.partitions.length === 0 ? 'All partitions' : undefined
          }
          data={all.map((p) => ({ value: String(p), label: `Partition ${p}` }))}
          value={(draft.partitions ?? []).map(String)}
          onChange={(v) => onChange({ partitions: v.length === 0 ? null : v.map(Number) })}
          clearable
          w={220}
          comboboxProps={{ withinPortal: true }}
          data-testid="kafka-browse-partitions"
        />
        <Select
          size="xs"
          label="Records"
          w={96}
          data={PAGE_SIZES.map((n) => ({ value: String(n), label: n.toLocaleString() }))}
          value={String(draft.limit)}
          onChange={(v) => v && onChange({ limit: Number(v) })}
          allowDeselect={false}
          comboboxProps={{ withinPortal: true }}
          data-testid="kafka-browse-limit"
        />
        <Button
          size="xs"
          leftSection={<IconPlayerPlay size={14} />}
          loading={loading}
          onClick={onRead}
          data-testid="kafka-browse-read"
        >
          Read
        </Button>
        <div style={{ flex: 1 }} />
        <Tooltip
          withArrow
          multiline
          w={300}
          label="Follows the topic: new records are listed as they arrive (and stored in the history)."
        >
          <Switch
            size="sm"
            color="teal"
            checked={tailing}
            onChange={(e) => onTail(e.currentTarget.checked)}
            label={
              <Group gap={4} wrap="nowrap">
                <IconBroadcast size={15} />
                Live tail
              </Group>
            }
            data-testid="kafka-live-tail"
          />
        </Tooltip>
      </Group>

      {draft.from === 'offset' && (
        <Group gap="xs" mt="xs" wrap="wrap" data-testid="kafka-browse-offsets">
          {chosen.map((p) => {
            const info = byId.get(p)
            return (
              <TextInput
                key={p}
                size="xs"
                w={150}
                leftSection={<Text size="xs" c="dimmed">{`P${p}`}</Text>}
                leftSectionWidth={34}
                placeholder={info ? `${formatOffset(info.low)}–${formatOffset(info.high)}` : 'offset'}
                value={draft.offsets[p] ?? ''}
                onChange={(e) => onChange({ offsets: { ...draft.offsets, [p]: e.currentTarget.value } })}
                onKeyDown={enter}
                classNames={{ input: 'mono' }}
                aria-label={`Offset of partition ${p}`}
                data-testid={`kafka-browse-offset-${p}`}
              />
            )
          })}
          <Text size="xs" c="dimmed">
            Partitions left empty are not read.
          </Text>
        </Group>
      )}
      {draft.from === 'timestamp' && (
        <Group gap="xs" mt="xs" align="center">
          <TextInput
            size="xs"
            type="datetime-local"
            step={1}
            w={230}
            value={draft.at}
            onChange={(e) => onChange({ at: e.currentTarget.value })}
            onKeyDown={enter}
            aria-label="Read records from this time"
            data-testid="kafka-browse-at"
          />
          <Text size="xs" c="dimmed">
            Each partition from its first record at or after this time (your local time).
          </Text>
        </Group>
      )}

      <Group gap="xs" mt="xs" wrap="wrap" align="center">
        <IconFilter size={14} style={{ opacity: 0.6 }} aria-hidden />
        <TextInput
          size="xs"
          w={180}
          placeholder="Key contains"
          value={draft.key}
          onChange={(e) => onChange({ key: e.currentTarget.value })}
          onKeyDown={enter}
          classNames={{ input: 'mono' }}
          aria-label="Key contains"
          data-testid="kafka-filter-key"
        />
        <TextInput
          size="xs"
          w={200}
          placeholder="Header: name=value"
          value={draft.header}
          onChange={(e) => onChange({ header: e.currentTarget.value })}
          onKeyDown={enter}
          classNames={{ input: 'mono' }}
          aria-label="Header name, or name=value"
          data-testid="kafka-filter-header"
        />
        <TextInput
          size="xs"
          w={220}
          placeholder="Value contains"
          value={draft.text}
          onChange={(e) => onChange({ text: e.currentTarget.value })}
          onKeyDown={enter}
          classNames={{ input: 'mono' }}
          aria-label="Value contains"
          data-testid="kafka-filter-text"
        />
      </Group>
    </div>
  )
}
