import { Alert, Text } from '@mantine/core'
import { IconAlertTriangle } from '@tabler/icons-react'
import { useNow } from '../connection/use-now'
import { useAmqpTopology } from '../../stores/amqp-topology-store'
import { updatedAgo } from './amqp-format'

/**
 * Why the topology could not be read, in the broker's or socket's words. With an earlier read on
 * screen it says the figures are that old; without one there is nothing else to show.
 */
export function TopologyError({ profileId }: { profileId: string }) {
  const now = useNow(1000)
  const topo = useAmqpTopology(profileId)
  if (!topo.error) return null
  return (
    <Alert
      mx="md"
      my="sm"
      py={8}
      color={topo.data ? 'orange' : 'red'}
      variant="light"
      icon={<IconAlertTriangle size={16} />}
      title={
        topo.data && topo.at !== null
          ? `Could not refresh: showing what was read earlier (${updatedAgo(topo.at, now).replace('updated ', '')})`
          : 'Could not read the exchanges and queues'
      }
      data-testid="amqp-topology-error"
    >
      <Text size="sm" className="reason-text">
        {topo.error}
      </Text>
    </Alert>
  )
}
