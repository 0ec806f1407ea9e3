import { Button, Group, Modal, Stack, Text } from '@mantine/core'
import { useState } from 'react'
import { api } from '../../api/client'
import { formatCount } from '../kafka/kafka-numbers'
import { FormFailure } from './FormFailure'

/** Purging a queue's ready messages after a confirmation; the broker's count of what went is shown. */
export function PurgeModal({
  profileId,
  queue,
  ready,
  onClose,
  onPurged,
}: {
  profileId: string
  /** null: closed. */
  queue: string | null
  ready: number | null
  onClose(): void
  onPurged(): void
}) {
  const [busy, setBusy] = useState(false)
  const [failure, setFailure] = useState<string | null>(null)
  const [purged, setPurged] = useState<number | null>(null)
  const close = () => {
    if (busy) return
    setFailure(null)
    setPurged(null)
    onClose()
  }
  async function purge() {
    if (queue === null) return
    setBusy(true)
    setFailure(null)
    try {
      const result = await api().purgeAmqpQueue({ profileId, name: queue })
      setPurged(result.purged)
      onPurged()
    } catch (err) {
      setFailure(err instanceof Error ? err.message : String(err))
    } finally {
      setBusy(false)
    }
  }
  return (
    <Modal
      opened={queue !== null}
      onClose={close}
      title={<Text fw={650}>Purge “{queue}”?</Text>}
      centered
      data-testid="amqp-purge"
    >
      <Stack gap="md">
        {purged === null ? (
          <Text size="sm">
            {ready === null ? 'Every' : `About ${formatCount(ready)}`} ready message{ready === 1 ? '' : 's'}{' '}
            of <b className="mono">{queue}</b> {ready === 1 ? 'is' : 'are'} deleted. Messages delivered and
            not yet acknowledged stay. This cannot be undone.
          </Text>
        ) : (
          <Text size="sm" fw={600} data-testid="amqp-purge-result" data-purged={purged}>
            Purged {formatCount(purged)} message{purged === 1 ? '' : 's'}.
          </Text>
        )}
        <FormFailure title="Not purged" error={failure} testId="amqp-purge-error" />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={close} data-testid="amqp-purge-close">
            {purged === null ? 'Cancel' : 'Close'}
          </Button>
          {purged === null && (
            <Button color="red" loading={busy} onClick={() => void purge()} data-testid="amqp-purge-confirm">
              Purge
            </Button>
          )}
        </Group>
      </Stack>
    </Modal>
  )
}
