import { Paper, Text } from '@mantine/core'

/**
 * One figure of a workspace's overview (Kafka cluster, RabbitMQ); a click opens the tab it counts.
 * Styled by the workspaces' shared `kafka.css` (kafka-stat).
 */
export function OverviewStat({
  label,
  value,
  hint,
  testId,
  onClick,
}: {
  label: string
  value: string | null
  hint?: string
  testId: string
  onClick?: () => void
}) {
  const body = (
    <>
      <Text size="xs" tt="uppercase" fw={650} c="dimmed" className="kafka-label">
        {label}
      </Text>
      <Text fz={26} fw={650} c="bright" className="kafka-stat-value" data-testid={testId}>
        {value ?? '…'}
      </Text>
      {hint && (
        <Text size="xs" c="dimmed">
          {hint}
        </Text>
      )}
    </>
  )
  return onClick ? (
    <Paper
      withBorder
      radius="md"
      p="sm"
      component="button"
      type="button"
      className="kafka-stat kafka-stat-link"
      onClick={onClick}
    >
      {body}
    </Paper>
  ) : (
    <Paper withBorder radius="md" p="sm" className="kafka-stat">
      {body}
    </Paper>
  )
}
