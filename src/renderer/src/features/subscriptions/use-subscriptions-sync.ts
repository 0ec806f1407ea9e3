import { useEffect } from 'react'
import { api } from '../../api/client'
import { useSubscriptionsStore } from '../../stores/subscriptions-store'

/**
 * Loads a profile's subscriptions and follows `subscriptions.changed` while mounted. `reloadKey`
 * changes with the connection state and the host link, when the core's answer may have changed.
 */
export function useSubscriptionsSync(profileId: string, reloadKey: string): void {
  useEffect(() => {
    const off = api().onEvent((event) => {
      if (event.type === 'subscriptions.changed' && event.profileId === profileId) {
        useSubscriptionsStore.getState().apply(profileId, event.subscriptions)
      }
    })
    return off
  }, [profileId])
  useEffect(() => {
    void useSubscriptionsStore.getState().load(profileId)
  }, [profileId, reloadKey])
}
