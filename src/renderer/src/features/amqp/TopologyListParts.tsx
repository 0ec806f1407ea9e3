import { Button, Text } from '@mantine/core'
import { IconPlus } from '@tabler/icons-react'
import { TopologyStatus } from './TopologyStatus'

/** The right end of the Exchanges and Queues toolbars: refresh state and the declare button. */
export function TopologyToolbarEnd({
  profileId,
  label,
  onDeclare,
  testId,
}: {
  profileId: string
  label: string
  onDeclare: () => void
  testId: string
}) {
  return (
    <>
      <div style={{ flex: 1 }} />
      <TopologyStatus profileId={profileId} />
      <Button size="xs" leftSection={<IconPlus size={14} />} onClick={onDeclare} data-testid={testId}>
        {label}
      </Button>
    </>
  )
}

/** Under a topology table: why it is empty, or that only the first `max` rows are shown. */
export function TopologyListNotes({
  shown,
  total,
  max,
  plural,
  noneText,
  noMatchText,
  emptyTestId,
}: {
  shown: number
  /** Rows before searching and filtering; null while nothing is loaded. */
  total: number | null
  max: number
  plural: string
  noneText: string
  noMatchText: string
  emptyTestId: string
}) {
  return (
    <>
      {shown === 0 && (
        <Text size="sm" c="dimmed" ta="center" py="xl" data-testid={emptyTestId}>
          {total === 0 ? noneText : noMatchText}
        </Text>
      )}
      {shown > max && (
        <Text size="xs" c="dimmed" ta="center" py="sm">
          Showing {max} of {shown} {plural}: search to narrow them.
        </Text>
      )}
    </>
  )
}
