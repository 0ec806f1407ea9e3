import { ScrollArea, Table, TextInput } from '@mantine/core'
import type { KafkaGroupOffset } from '../../../../shared/kafka'
import { formatOffset } from './kafka-numbers'
import { partitionId, scopedOffsets } from './reset-draft'

/** An offset to type per partition, prefilled with the committed one; the log's range beside it. */
export function ExplicitOffsetsTable({
  offsets,
  topic,
  values,
  disabled,
  onChange,
}: {
  offsets: readonly KafkaGroupOffset[]
  topic: string | null
  values: Record<string, string>
  disabled: boolean
  onChange(values: Record<string, string>): void
}) {
  const rows = scopedOffsets(offsets, topic)
  return (
    <ScrollArea.Autosize mah={220} type="auto">
      <Table verticalSpacing={3} horizontalSpacing="sm" fz="sm" tabularNums data-testid="kafka-reset-offsets">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Topic</Table.Th>
            <Table.Th w={80}>Partition</Table.Th>
            <Table.Th style={{ textAlign: 'right' }}>Log start – end</Table.Th>
            <Table.Th style={{ textAlign: 'right' }}>Committed</Table.Th>
            <Table.Th w={190}>New offset</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((o) => {
            const id = partitionId(o.topic, o.partition)
            return (
              <Table.Tr key={id}>
                <Table.Td className="mono">{o.topic}</Table.Td>
                <Table.Td className="mono">{o.partition}</Table.Td>
                <Table.Td ta="right" className="mono" c="dimmed">
                  {formatOffset(o.logStart)} – {formatOffset(o.logEnd)}
                </Table.Td>
                <Table.Td ta="right" className="mono">
                  {o.committed === null ? '—' : formatOffset(o.committed)}
                </Table.Td>
                <Table.Td>
                  <TextInput
                    size="xs"
                    value={values[id] ?? ''}
                    placeholder="unchanged"
                    onChange={(e) => onChange({ ...values, [id]: e.currentTarget.value })}
                    disabled={disabled}
                    classNames={{ input: 'mono' }}
                    aria-label={`New offset of ${o.topic} partition ${o.partition}`}
                    data-testid={`kafka-reset-offset-${o.topic}-${o.partition}`}
                  />
                </Table.Td>
              </Table.Tr>
            )
          })}
        </Table.Tbody>
      </Table>
    </ScrollArea.Autosize>
  )
}
