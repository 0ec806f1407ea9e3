import { Text } from '@mantine/core'

/** "12 ready": a figure in the header of an opened exchange or queue. */
export function DetailFigure({
  label,
  value,
  testId,
  raw,
}: {
  label: string
  value: string
  testId?: string
  raw?: number | null
}) {
  return (
    <Text size="sm" c="dimmed" component="span">
      <Text span fw={650} c="bright" data-testid={testId} data-value={raw ?? ''}>
        {value}
      </Text>{' '}
      {label}
    </Text>
  )
}
