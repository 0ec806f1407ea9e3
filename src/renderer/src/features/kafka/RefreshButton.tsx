import { Button, Group, Text } from '@mantine/core'
import { IconRefresh } from '@tabler/icons-react'
import { formatAgo } from '../connection/connection-text'
import { useNow } from '../connection/use-now'

/** Refresh, with how old the figures on screen are ("read 12 s ago"). */
export function RefreshButton({
  loading,
  at,
  onClick,
  testId,
}: {
  loading: boolean
  at: number | null
  onClick(): void
  testId: string
}) {
  const now = useNow(5000)
  return (
    <Group gap={8} wrap="nowrap">
      {at !== null && (
        <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
          read {formatAgo(at, now)}
        </Text>
      )}
      <Button
        size="xs"
        variant="default"
        leftSection={<IconRefresh size={14} className={loading ? 'spin' : undefined} />}
        onClick={onClick}
        data-testid={testId}
        data-busy={loading}
      >
        Refresh
      </Button>
    </Group>
  )
}
