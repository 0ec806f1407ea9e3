import type { BuiltInBrokerSettings, BuiltInBrokerStatus } from '../../../../shared/built-in-broker'
import { useBrokerNavStore, type BuiltInTab } from '../../stores/broker-nav-store'
import { useBrokerStatusStore } from '../../stores/broker-status-store'
import { useProfilesStore } from '../../stores/profiles-store'
import { useUiStore } from '../../stores/ui-store'

/** What the user's actions on the built-in broker share: start, the demo, going to its profile. */

/** The settings the broker last ran with, to start it again as it was (the stored password kept). */
export function lastSettings(status: BuiltInBrokerStatus | null): BuiltInBrokerSettings {
  const s = status?.settings
  if (!s) return {}
  return {
    port: s.port,
    lan: s.lan,
    username: s.username,
    password: null,
    websocket: s.websocket,
    websocketPort: s.websocketPort,
  }
}

/** A status the core answered with but that is not running: its error, as an exception to show. */
function failedOf(status: BuiltInBrokerStatus): Error | null {
  if (status.state === 'failed') return new Error(status.error ?? 'The built-in broker did not start')
  return null
}

export async function startBroker(settings: BuiltInBrokerSettings): Promise<BuiltInBrokerStatus> {
  const status = await useBrokerStatusStore.getState().start(settings)
  const failed = failedOf(status)
  if (failed) throw failed
  return status
}

/**
 * Opens the built-in profile's workspace on a tab. The profile is made by the core when the broker
 * first starts, so the list is read again before selecting it if it is not there yet.
 */
export async function showBuiltInProfile(profileId: string, tab: BuiltInTab): Promise<void> {
  const profiles = useProfilesStore.getState()
  if (!profiles.profiles.some((p) => p.id === profileId)) await profiles.load()
  useProfilesStore.getState().select(profileId)
  useUiStore.getState().showProfile()
  useBrokerNavStore.getState().setTab(tab)
}

/**
 * The first run's one click: the broker (as it last ran, or with its defaults), then the demo
 * publisher, then the built-in profile's topic tree, which the demo fills within seconds.
 */
export async function startDemoFromScratch(): Promise<BuiltInBrokerStatus> {
  const store = useBrokerStatusStore.getState()
  if (store.status?.state !== 'running') await startBroker(lastSettings(store.status))
  const status = await useBrokerStatusStore.getState().startDemo()
  const failed = failedOf(status)
  if (failed) throw failed
  if (status.profileId) await showBuiltInProfile(status.profileId, 'topics')
  return status
}
