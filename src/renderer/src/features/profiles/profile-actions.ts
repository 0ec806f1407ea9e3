import type { Profile } from '../../../../shared/profiles'
import { api } from '../../api/client'
import { useConnectionsStore } from '../../stores/connections-store'
import { notifyError, notifySuccess } from '../../stores/notices-store'
import { useProfilesStore } from '../../stores/profiles-store'
import { useUiStore } from '../../stores/ui-store'

/** Actions on a profile that several places offer (list menu, panel header). */

export async function duplicateProfile(profile: Profile): Promise<void> {
  try {
    const copy = await api().duplicateProfile({ id: profile.id })
    useProfilesStore.getState().upsert(copy)
    useProfilesStore.getState().select(copy.id)
    useUiStore.getState().showProfile()
    notifySuccess(`Duplicated as “${copy.config.name}”`)
  } catch (err) {
    notifyError(`Could not duplicate “${profile.config.name}”`, err)
  }
}

export async function deleteProfile(profile: Profile): Promise<boolean> {
  try {
    await api().deleteProfile({ id: profile.id })
    useProfilesStore.getState().remove(profile.id)
    const ui = useUiStore.getState()
    if (ui.view.kind === 'edit' && ui.view.id === profile.id) ui.showProfile()
    notifySuccess(`Deleted “${profile.config.name}”`)
    return true
  } catch (err) {
    notifyError(`Could not delete “${profile.config.name}”`, err)
    return false
  }
}

/** Starts connecting; the state then arrives through events. Resolves with an error text or null. */
export async function connectProfile(profile: Profile): Promise<string | null> {
  try {
    useConnectionsStore.getState().apply(await api().connect({ profileId: profile.id }))
    return null
  } catch (err) {
    return err instanceof Error ? err.message : String(err)
  }
}

/** Disconnects, or cancels a connection attempt in progress. */
export async function disconnectProfile(profile: Profile): Promise<string | null> {
  try {
    useConnectionsStore.getState().apply(await api().disconnect({ profileId: profile.id }))
    return null
  } catch (err) {
    return err instanceof Error ? err.message : String(err)
  }
}
