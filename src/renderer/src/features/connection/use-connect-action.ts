import { useState } from 'react'
import type { ConnectionStatus } from '../../../../shared/connection-status'
import type { Profile } from '../../../../shared/profiles'
import { statusOf, useConnectionsStore } from '../../stores/connections-store'
import { connectProfile, disconnectProfile } from '../profiles/profile-actions'

/**
 * Connect / disconnect for a profile's header or panel: which call is under way, and the last
 * call's error, shown only while the connection is still in the state it failed in (a newer state
 * speaks for itself).
 */
export function useConnectAction(profile: Profile, status: ConnectionStatus) {
  const [calling, setCalling] = useState<null | 'connect' | 'disconnect'>(null)
  const [callError, setCallError] = useState<{ text: string; at: string } | null>(null)
  const shownError = callError && callError.at === `${status.state}@${status.since}` ? callError.text : null
  const busy = status.state === 'connecting' || status.state === 'reconnecting'

  async function run(kind: 'connect' | 'disconnect') {
    setCalling(kind)
    setCallError(null)
    const err = kind === 'connect' ? await connectProfile(profile) : await disconnectProfile(profile)
    setCalling(null)
    if (err) {
      const now = statusOf(useConnectionsStore.getState().byProfile, profile)
      setCallError({ text: err, at: `${now.state}@${now.since}` })
    }
  }

  return { calling, shownError, busy, live: busy || status.state === 'connected', run }
}
