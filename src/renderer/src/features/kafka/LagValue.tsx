import { Text, Tooltip } from '@mantine/core'
import { formatLag } from './kafka-numbers'

/** A lag: "—" with the reason when nothing is committed, orange when behind. */
export function LagValue({
  lag,
  testId,
  strong = false,
  size = 'sm',
}: {
  lag: number | null
  testId?: string
  strong?: boolean
  size?: 'xs' | 'sm' | 'md' | 'lg' | 'xl'
}) {
  const text = (
    <Text
      span
      size={size}
      fw={strong || (lag ?? 0) > 0 ? 600 : undefined}
      c={
        lag === null
          ? 'dimmed'
          : lag > 0
            ? 'var(--mantine-color-orange-text)'
            : 'var(--mantine-color-green-text)'
      }
      data-testid={testId}
      data-lag={lag ?? 'none'}
      className="kafka-num"
    >
      {formatLag(lag)}
    </Text>
  )
  return lag === null ? (
    <Tooltip label="No committed offset: no lag to measure" withArrow>
      {text}
    </Tooltip>
  ) : (
    text
  )
}
