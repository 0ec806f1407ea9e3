import { Table, UnstyledButton } from '@mantine/core'
import { IconArrowDown, IconArrowUp, IconArrowsSort } from '@tabler/icons-react'
import type { ReactNode } from 'react'

/** A column header that sorts its table: a button (keyboard reachable) with the direction shown. */
export function SortableTh<K extends string>({
  column,
  sort,
  onSort,
  children,
  align = 'left',
  w,
}: {
  column: K
  sort: { key: K; desc: boolean }
  onSort(column: K): void
  children: ReactNode
  align?: 'left' | 'right'
  w?: number
}) {
  const active = sort.key === column
  const Icon = !active ? IconArrowsSort : sort.desc ? IconArrowDown : IconArrowUp
  return (
    <Table.Th
      w={w}
      style={{ textAlign: align }}
      aria-sort={active ? (sort.desc ? 'descending' : 'ascending') : 'none'}
    >
      <UnstyledButton
        className="kafka-sort"
        data-active={active}
        data-align={align}
        onClick={() => onSort(column)}
        data-testid={`sort-${column}`}
      >
        {children}
        <Icon size={13} className="kafka-sort-icon" />
      </UnstyledButton>
    </Table.Th>
  )
}
