import { Alert, Button, Group, NumberInput, Paper, Stack, Text } from '@mantine/core'
import { IconEye, IconInfoCircle } from '@tabler/icons-react'
import { useState } from 'react'
import type { AmqpPeekResult } from '../../../../shared/amqp'
import { api } from '../../api/client'
import { useAmqpTopologyStore } from '../../stores/amqp-topology-store'
import { formatCount } from '../kafka/kafka-numbers'
import { AmqpMessageTable } from './AmqpMessageTable'
import { AmqpMessageView } from './AmqpMessageView'
import { FormFailure } from './FormFailure'

/**
 * Reads the first N messages of a queue and puts them back (the core's note says what that costs:
 * they come back marked redelivered). The ready counts before and after show nothing was lost.
 */
export function PeekPanel({ profileId, queue }: { profileId: string; queue: string }) {
  const [count, setCount] = useState<number | string>(10)
  const [busy, setBusy] = useState(false)
  const [failure, setFailure] = useState<string | null>(null)
  const [result, setResult] = useState<AmqpPeekResult | null>(null)
  const [selected, setSelected] = useState<number | null>(null)
  const n = typeof count === 'number' ? count : Number(count)
  const countError = !Number.isInteger(n) || n < 1 || n > 1000 ? 'From 1 to 1,000' : undefined
  const shown = result?.messages.find((m) => m.id === selected) ?? null

  async function peek() {
    if (countError) return
    setBusy(true)
    setFailure(null)
    try {
      const r = await api().peekAmqpQueue({ profileId, queue, count: n })
      setResult(r)
      setSelected(r.messages[0]?.id ?? null)
      void useAmqpTopologyStore.getState().load(profileId)
    } catch (err) {
      setFailure(err instanceof Error ? err.message : String(err))
    } finally {
      setBusy(false)
    }
  }

  return (
    <Paper withBorder radius="md" p="md" data-testid="amqp-peek">
      <Group justify="space-between" mb="xs" wrap="nowrap">
        <Text fw={650} c="bright" size="sm">
          Peek
        </Text>
        <Group gap="xs" wrap="nowrap" align="flex-start">
          <NumberInput
            size="xs"
            w={110}
            min={1}
            max={1000}
            allowDecimal={false}
            allowNegative={false}
            value={count}
            onChange={setCount}
            error={countError}
            aria-label="Messages to peek"
            leftSection={
              <Text size="xs" c="dimmed">
                N
              </Text>
            }
            data-testid="amqp-peek-count"
          />
          <Button
            size="xs"
            variant="light"
            leftSection={<IconEye size={14} />}
            loading={busy}
            onClick={() => void peek()}
            data-testid="amqp-peek-run"
          >
            Peek {Number.isInteger(n) && n > 0 ? formatCount(n) : ''}
          </Button>
        </Group>
      </Group>
      <Stack gap="sm">
        <FormFailure title="Could not peek" error={failure} testId="amqp-peek-error" />
        {result === null ? (
          <Text size="sm" c="dimmed">
            Reads the first messages of the queue and puts them back, without consuming them.
          </Text>
        ) : (
          <>
            <Alert color="gray" variant="light" py={6} icon={<IconInfoCircle size={16} />}>
              <Text size="sm" data-testid="amqp-peek-note">
                {result.note}
              </Text>
              <Text
                size="sm"
                mt={4}
                data-testid="amqp-peek-counts"
                data-before={result.countBefore}
                data-after={result.countAfter}
              >
                Ready before: <b>{formatCount(result.countBefore)}</b> · after:{' '}
                <b>{formatCount(result.countAfter)}</b> · {formatCount(result.messages.length)} peeked
              </Text>
            </Alert>
            {result.messages.length === 0 ? (
              <Text size="sm" c="dimmed" data-testid="amqp-peek-empty">
                The queue had no ready message.
              </Text>
            ) : (
              <div className="amqp-peek-split">
                <div className="amqp-peek-list">
                  <AmqpMessageTable
                    messages={result.messages}
                    selected={selected}
                    onSelect={setSelected}
                    rowTestId="amqp-peek-row"
                    testId="amqp-peek-result"
                  />
                </div>
                {shown && <AmqpMessageView message={shown} height="300px" testId="amqp-peek-detail" />}
              </div>
            )}
          </>
        )}
      </Stack>
    </Paper>
  )
}
