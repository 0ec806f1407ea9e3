import { Checkbox, Stack, Text } from '@mantine/core'
import { useState } from 'react'
import { api } from '../../api/client'
import { notifySuccess } from '../../stores/notices-store'
import { formatCount } from '../kafka/kafka-numbers'
import { TypedConfirmModal } from '../kafka/TypedConfirmModal'

/** Deleting a queue after its name is typed; "if unused" and "if empty" let the broker refuse. */
export function DeleteQueueModal({
  profileId,
  queue,
  messages,
  consumers,
  onClose,
  onDeleted,
}: {
  profileId: string
  queue: string | null
  messages: number | null
  consumers: number | null
  onClose(): void
  onDeleted(): void
}) {
  const [ifUnused, setIfUnused] = useState(false)
  const [ifEmpty, setIfEmpty] = useState(false)
  return (
    <TypedConfirmModal
      key={queue ?? ''}
      opened={queue !== null}
      title={`Delete queue “${queue ?? ''}”?`}
      name={queue ?? ''}
      what="queue"
      confirmLabel="Delete queue"
      onClose={onClose}
      onConfirm={async () => {
        if (queue === null) return
        const { deleted } = await api().deleteAmqpQueue({ profileId, name: queue, ifUnused, ifEmpty })
        notifySuccess(
          'Queue deleted',
          `${queue} · ${formatCount(deleted)} message${deleted === 1 ? '' : 's'} went with it`,
        )
        onDeleted()
      }}
      testId="amqp-delete-queue"
    >
      <Text size="sm">
        <b className="mono">{queue}</b>, its bindings and the messages it holds
        {messages ? ` (${formatCount(messages)})` : ''} are removed
        {consumers
          ? `; its ${formatCount(consumers)} consumer${consumers === 1 ? '' : 's'} are cancelled`
          : ''}
        . This cannot be undone.
      </Text>
      <Stack gap={6}>
        <Checkbox
          label="Only if unused (refused while it has consumers)"
          checked={ifUnused}
          onChange={(e) => setIfUnused(e.currentTarget.checked)}
          data-testid="amqp-delete-queue-if-unused"
        />
        <Checkbox
          label="Only if empty (refused while it holds messages)"
          checked={ifEmpty}
          onChange={(e) => setIfEmpty(e.currentTarget.checked)}
          data-testid="amqp-delete-queue-if-empty"
        />
      </Stack>
    </TypedConfirmModal>
  )
}
