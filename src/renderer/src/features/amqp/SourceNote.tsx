import { Alert, Anchor, Text } from '@mantine/core'
import { IconInfoCircle } from '@tabler/icons-react'
import { useAmqpNavStore } from '../../stores/amqp-nav-store'

/** Above a list read without the management API: it holds the watched names only, and why. */
export function SourceNote({ profileId, what }: { profileId: string; what: 'exchanges' | 'queues' }) {
  return (
    <Alert
      mx="md"
      my="sm"
      py={8}
      color="gray"
      variant="light"
      icon={<IconInfoCircle size={16} />}
      data-testid="amqp-source-note"
    >
      <Text size="sm">
        Only the watched {what} are listed, checked over AMQP: the management API is not used, and AMQP cannot
        list anything.{' '}
        <Anchor
          component="button"
          type="button"
          size="sm"
          onClick={() => useAmqpNavStore.getState().set(profileId, { tab: 'overview' })}
        >
          Why, and the names watched
        </Anchor>
      </Text>
    </Alert>
  )
}
