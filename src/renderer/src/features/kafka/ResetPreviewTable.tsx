import { Badge, ScrollArea, Table, Text } from '@mantine/core'
import { IconArrowRight } from '@tabler/icons-react'
import { formatCount, formatOffset } from './kafka-numbers'
import { offsetDelta, rowChanges, type PreviewRow } from './reset-draft'

function deltaText(d: bigint | null): string {
  if (d === null) return 'new commit'
  if (d === 0n) return '±0'
  const abs = d < 0n ? -d : d
  return `${d < 0n ? '−' : '+'}${formatOffset(abs.toString())}`
}

/** Per partition: the committed offset now → the one a reset sets (moved rows marked), and the lag after. */
export function ResetPreviewTable({ rows, applied }: { rows: PreviewRow[] | null; applied: boolean }) {
  const changed = rows?.filter(rowChanges).length ?? 0
  return (
    <ScrollArea.Autosize mah={300} type="auto">
      <Table
        withTableBorder
        verticalSpacing={4}
        horizontalSpacing="sm"
        fz="sm"
        tabularNums
        stickyHeader
        data-testid="kafka-reset-preview"
        data-rows={rows?.length ?? 0}
        data-changed={changed}
        data-applied={applied}
      >
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Topic</Table.Th>
            <Table.Th w={80}>Partition</Table.Th>
            <Table.Th style={{ textAlign: 'right' }}>{applied ? 'Before' : 'Current'}</Table.Th>
            <Table.Th w={28} />
            <Table.Th style={{ textAlign: 'right' }}>{applied ? 'Now' : 'New'}</Table.Th>
            <Table.Th style={{ textAlign: 'right' }}>Change</Table.Th>
            <Table.Th style={{ textAlign: 'right' }}>Lag after</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(rows ?? []).map((r) => {
            const moves = rowChanges(r)
            return (
              <Table.Tr
                key={`${r.topic}:${r.partition}`}
                className={moves ? 'kafka-row-changed' : undefined}
                data-testid="kafka-reset-preview-row"
                data-topic={r.topic}
                data-partition={r.partition}
                data-current={r.current ?? 'none'}
                data-next={r.next}
                data-lag-after={r.lagAfter}
                data-changed={moves}
              >
                <Table.Td className="mono">{r.topic}</Table.Td>
                <Table.Td className="mono">{r.partition}</Table.Td>
                <Table.Td ta="right" className="mono">
                  {r.current === null ? (
                    <Badge size="sm" radius="sm" variant="light" color="gray">
                      no commit
                    </Badge>
                  ) : (
                    formatOffset(r.current)
                  )}
                </Table.Td>
                <Table.Td c="dimmed" style={{ lineHeight: 0 }}>
                  <IconArrowRight size={13} />
                </Table.Td>
                <Table.Td ta="right" className="mono" fw={moves ? 650 : undefined}>
                  {formatOffset(r.next)}
                </Table.Td>
                <Table.Td ta="right" className="mono" c={moves ? undefined : 'dimmed'}>
                  {deltaText(offsetDelta(r.current, r.next))}
                </Table.Td>
                <Table.Td ta="right" fw={600}>
                  {formatCount(r.lagAfter)}
                </Table.Td>
              </Table.Tr>
            )
          })}
        </Table.Tbody>
      </Table>
      {rows === null && (
        <Text size="sm" c="dimmed" ta="center" py="md">
          Working out the new offsets…
        </Text>
      )}
    </ScrollArea.Autosize>
  )
}
