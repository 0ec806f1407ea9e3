import { Button, Checkbox, NumberInput, Popover, SegmentedControl, Stack, Text } from '@mantine/core'
import { IconPlayerPlay } from '@tabler/icons-react'
import { useState } from 'react'
import type { AmqpAckMode } from '../../../../shared/amqp'
import { api } from '../../api/client'
import { FormFailure } from './FormFailure'
import { useStartConsumer } from './use-start-consumer'

/**
 * Starts consuming a queue. Manual ack keeps each message waiting in the app for the user's ack or
 * nack, at most `prefetch` at once; auto ack takes them off the queue as they arrive. Either way
 * they land in the tree and the history; the Messages tab opens on the new consumer.
 */
export function ConsumeButton({ profileId, queue }: { profileId: string; queue: string }) {
  const [opened, setOpened] = useState(false)
  const [ackMode, setAckMode] = useState<AmqpAckMode>('manual')
  const [prefetch, setPrefetch] = useState<number | string>(10)
  const [exclusive, setExclusive] = useState(false)
  const { busy, failure, start: run } = useStartConsumer(profileId, () => setOpened(false))
  const prefetchValue = typeof prefetch === 'number' ? prefetch : Number(prefetch)
  const prefetchError =
    !Number.isInteger(prefetchValue) || prefetchValue < 0 || prefetchValue > 65_535
      ? 'A whole number from 0 to 65,535'
      : undefined

  async function start() {
    if (prefetchError) return
    await run(() =>
      api().startAmqpConsumer({ profileId, queue, ackMode, prefetch: prefetchValue, exclusive }),
    )
  }

  return (
    <Popover
      opened={opened}
      onChange={setOpened}
      width={340}
      position="bottom-end"
      withArrow
      shadow="md"
      trapFocus
    >
      <Popover.Target>
        <Button
          size="xs"
          leftSection={<IconPlayerPlay size={14} />}
          onClick={() => setOpened(!opened)}
          data-testid="amqp-consume-open"
        >
          Consume
        </Button>
      </Popover.Target>
      <Popover.Dropdown data-testid="amqp-consume-form">
        <Stack gap="sm">
          <Stack gap={4}>
            <Text size="sm" fw={500}>
              Acknowledge
            </Text>
            <SegmentedControl
              size="xs"
              value={ackMode}
              onChange={(v) => setAckMode(v === 'auto' ? 'auto' : 'manual')}
              data={[
                { value: 'manual', label: 'Manually' },
                { value: 'auto', label: 'Automatically' },
              ]}
              data-testid="amqp-consume-ack"
            />
            <Text size="xs" c="dimmed">
              {ackMode === 'manual'
                ? 'Each message waits here until you ack or nack it; stopping puts the rest back.'
                : 'The broker forgets each message once sent: the queue is drained.'}
            </Text>
          </Stack>
          <NumberInput
            size="xs"
            label="Prefetch"
            description={
              prefetchValue === 0
                ? 'Unlimited: the broker sends the whole queue at once'
                : 'Messages unsettled at most at once'
            }
            min={0}
            max={65_535}
            allowDecimal={false}
            allowNegative={false}
            value={prefetch}
            onChange={setPrefetch}
            error={prefetchError}
            data-testid="amqp-consume-prefetch"
          />
          <Checkbox
            size="xs"
            label="Exclusive (refused if someone else consumes)"
            checked={exclusive}
            onChange={(e) => setExclusive(e.currentTarget.checked)}
            data-testid="amqp-consume-exclusive"
          />
          <FormFailure title="The consumer did not start" error={failure} testId="amqp-consume-error" />
          <Button size="xs" loading={busy} onClick={() => void start()} data-testid="amqp-consume-start">
            Start consuming
          </Button>
        </Stack>
      </Popover.Dropdown>
    </Popover>
  )
}
