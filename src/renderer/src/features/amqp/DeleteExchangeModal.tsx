import { Checkbox, Text } from '@mantine/core'
import { useState } from 'react'
import { api } from '../../api/client'
import { notifySuccess } from '../../stores/notices-store'
import { TypedConfirmModal } from '../kafka/TypedConfirmModal'

/** Deleting an exchange after its name is typed; "if unused" lets the broker refuse while it is bound. */
export function DeleteExchangeModal({
  profileId,
  exchange,
  bindings,
  onClose,
  onDeleted,
}: {
  profileId: string
  exchange: string | null
  /** Bindings from and to it, to warn about. */
  bindings: number
  onClose(): void
  onDeleted(): void
}) {
  const [ifUnused, setIfUnused] = useState(false)
  return (
    <TypedConfirmModal
      key={exchange ?? ''}
      opened={exchange !== null}
      title={`Delete exchange “${exchange ?? ''}”?`}
      name={exchange ?? ''}
      what="exchange"
      confirmLabel="Delete exchange"
      onClose={onClose}
      onConfirm={async () => {
        if (exchange === null) return
        await api().deleteAmqpExchange({ profileId, name: exchange, ifUnused })
        notifySuccess('Exchange deleted', exchange)
        onDeleted()
      }}
      testId="amqp-delete-exchange"
    >
      <Text size="sm">
        <b className="mono">{exchange}</b> and its bindings are removed; publishers that still use it get a
        channel error (404 NOT_FOUND).
      </Text>
      {bindings > 0 && (
        <Text size="sm" c="var(--mantine-color-orange-text)">
          It has {bindings} binding{bindings === 1 ? '' : 's'}.
        </Text>
      )}
      <Checkbox
        label="Only if unused (the broker refuses while it has bindings)"
        checked={ifUnused}
        onChange={(e) => setIfUnused(e.currentTarget.checked)}
        data-testid="amqp-delete-exchange-if-unused"
      />
    </TypedConfirmModal>
  )
}
