import { useState } from 'react'
import type { AmqpConsumerStatus } from '../../../../shared/amqp'
import { useAmqpConsumersStore } from '../../stores/amqp-consumers-store'
import { useAmqpNavStore } from '../../stores/amqp-nav-store'

/**
 * Starting a consumer or a tap from a popover: busy while the call runs, the broker's words when it
 * fails; on success the status is stored, the popover closes and the Messages tab opens on it.
 */
export function useStartConsumer(profileId: string, close: () => void) {
  const [busy, setBusy] = useState(false)
  const [failure, setFailure] = useState<string | null>(null)

  async function start(call: () => Promise<AmqpConsumerStatus>): Promise<void> {
    setBusy(true)
    setFailure(null)
    try {
      const status = await call()
      useAmqpConsumersStore.getState().apply(status)
      close()
      useAmqpNavStore.getState().openConsumer(profileId, status.id)
    } catch (err) {
      setFailure(err instanceof Error ? err.message : String(err))
    } finally {
      setBusy(false)
    }
  }

  return { busy, failure, start }
}
