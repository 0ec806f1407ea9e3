import { Button, Popover, Stack, Text, TextInput } from '@mantine/core'
import { IconEar } from '@tabler/icons-react'
import { useState } from 'react'
import { api } from '../../api/client'
import { ArgumentsField } from './ArgumentsField'
import { parseArguments } from './amqp-arguments'
import { FormFailure } from './FormFailure'
import { useStartConsumer } from './use-start-consumer'

/**
 * Watches what an exchange routes, without touching its queues: the core binds a temporary
 * exclusive queue of its own with the key given ("#" sees everything on a topic exchange). The tap
 * then shows on the Messages tab, its messages in the tree under the exchange.
 */
export function TapButton({
  profileId,
  exchange,
  type,
  disabled,
}: {
  profileId: string
  exchange: string
  type: string | null
  disabled?: boolean
}) {
  const [opened, setOpened] = useState(false)
  const [key, setKey] = useState('#')
  const [argsText, setArgsText] = useState('')
  const { busy, failure, start: run } = useStartConsumer(profileId, () => setOpened(false))

  async function start() {
    const args = parseArguments(argsText)
    if (!args.ok) return
    await run(() => api().startAmqpTap({ profileId, exchange, bindingKey: key, arguments: args.value }))
  }

  return (
    <Popover
      opened={opened}
      onChange={setOpened}
      width={360}
      position="bottom-end"
      withArrow
      shadow="md"
      trapFocus
    >
      <Popover.Target>
        <Button
          size="xs"
          variant="light"
          leftSection={<IconEar size={14} />}
          disabled={disabled}
          onClick={() => setOpened(!opened)}
          data-testid="amqp-tap-open"
        >
          Tap
        </Button>
      </Popover.Target>
      <Popover.Dropdown data-testid="amqp-tap-form">
        <Stack gap="sm">
          <Text size="sm">
            A temporary queue bound to <b className="mono">{exchange}</b> receives a copy of what it routes;
            it goes when the tap stops.
          </Text>
          <TextInput
            size="xs"
            label="Binding key"
            description={
              type === 'fanout'
                ? 'Ignored by a fanout exchange'
                : type === 'topic'
                  ? '# sees everything'
                  : undefined
            }
            value={key}
            onChange={(e) => setKey(e.currentTarget.value)}
            onKeyDown={(e) => e.key === 'Enter' && void start()}
            classNames={{ input: 'mono' }}
            data-autofocus
            data-testid="amqp-tap-key"
          />
          {type === 'headers' && (
            <ArgumentsField
              label="Binding arguments"
              description='{"x-match": "any", "kind": "order"}'
              value={argsText}
              onChange={setArgsText}
              testId="amqp-tap-args"
            />
          )}
          <FormFailure title="The tap did not start" error={failure} testId="amqp-tap-error" />
          <Button size="xs" loading={busy} onClick={() => void start()} data-testid="amqp-tap-start">
            Start tap
          </Button>
        </Stack>
      </Popover.Dropdown>
    </Popover>
  )
}
