import { Center, Stack, Text, ThemeIcon } from '@mantine/core'
import { IconPlayerPlay } from '@tabler/icons-react'
import type { AmqpConsumerStatus } from '../../../../shared/amqp'
import type { Profile } from '../../../../shared/profiles'
import { useAmqpNav, useAmqpNavStore } from '../../stores/amqp-nav-store'
import { ConsumerDetail } from './ConsumerDetail'
import { ConsumerItem } from './ConsumerItem'

/** The profile's consumers and taps beside the one picked (its pending messages, for manual ack). */
export function ConsumersPanel({
  profile,
  consumers,
}: {
  profile: Profile
  consumers: AmqpConsumerStatus[]
}) {
  const nav = useAmqpNav(profile.id)
  const picked = consumers.find((c) => c.id === nav.consumer) ?? consumers[0] ?? null
  if (consumers.length === 0)
    return (
      <Center h="100%" p="md">
        <Stack align="center" gap={6} maw={440} data-testid="amqp-consumers-empty">
          <ThemeIcon size={44} radius="xl" variant="light" color="gray">
            <IconPlayerPlay size={22} />
          </ThemeIcon>
          <Text size="sm" c="dimmed" ta="center">
            No consumers. Start one with Consume on a queue (manual ack keeps each message here until you
            settle it), or Tap an exchange to see what it routes.
          </Text>
        </Stack>
      </Center>
    )
  return (
    <div className="amqp-consumers" data-testid="amqp-consumers" data-count={consumers.length}>
      <div className="amqp-consumer-list">
        {consumers.map((c) => (
          <ConsumerItem
            key={c.id}
            status={c}
            selected={c.id === picked?.id}
            onSelect={() => useAmqpNavStore.getState().set(profile.id, { consumer: c.id })}
          />
        ))}
      </div>
      <div className="amqp-consumer-detail">
        {picked && <ConsumerDetail key={picked.id} profile={profile} status={picked} />}
      </div>
    </div>
  )
}
