import { create } from 'zustand'
import type { ConnectionStatus } from '../../../shared/connection-status'
import type { Profile } from '../../../shared/profiles'
import { api } from '../api/client'

interface ConnectionsState {
  byProfile: Record<string, ConnectionStatus>
  load(): Promise<void>
  /** Takes a status from an event or an API answer; an older one never replaces a newer one. */
  apply(status: ConnectionStatus): void
}

function newer(current: ConnectionStatus | undefined, next: ConnectionStatus): boolean {
  return !current || next.since >= current.since
}

export const useConnectionsStore = create<ConnectionsState>()((set, get) => ({
  byProfile: {},
  async load() {
    const list = await api().listConnections()
    const byProfile: Record<string, ConnectionStatus> = {}
    const current = get().byProfile
    for (const s of list) {
      const had = current[s.profileId]
      byProfile[s.profileId] = had && !newer(had, s) ? had : s
    }
    set({ byProfile })
  },
  apply(status) {
    const current = get().byProfile
    if (!newer(current[status.profileId], status)) return
    set({ byProfile: { ...current, [status.profileId]: status } })
  },
}))

/** The status of a profile, `disconnected` when the core has none for it. */
export function statusOf(byProfile: Record<string, ConnectionStatus>, profile: Profile): ConnectionStatus {
  return (
    byProfile[profile.id] ?? {
      profileId: profile.id,
      protocol: profile.config.protocol,
      state: 'disconnected',
      attempt: 0,
      reason: null,
      since: profile.updatedAt,
      serverInfo: null,
    }
  )
}

export function useConnectionStatus(profile: Profile): ConnectionStatus {
  const s = useConnectionsStore((st) => st.byProfile[profile.id])
  return s ?? statusOf({}, profile)
}
