import { create } from 'zustand'
import type { BuiltInBrokerSettings, BuiltInBrokerStatus } from '../../../shared/built-in-broker'
import { api } from '../api/client'

/**
 * The built-in broker's status: read at start-up and whenever the host link comes back, then kept
 * by `broker.status` events and by the answers of the calls made here. The core is the only one to
 * decide the state; this store never guesses one.
 */

interface BrokerStatusState {
  status: BuiltInBrokerStatus | null
  /** Why the status could not be read (an older host, a lost link). */
  loadError: string | null
  /**
   * The password typed for the last start in this window, so the guide's program can be filled in
   * with it. Memory only: the core keeps it encrypted and never sends it back.
   */
  knownPassword: string | null
  load(): Promise<void>
  apply(status: BuiltInBrokerStatus): void
  /** Starts (or restarts) the broker. Rejects with the core's error, resolves with the new status. */
  start(settings: BuiltInBrokerSettings): Promise<BuiltInBrokerStatus>
  stop(): Promise<BuiltInBrokerStatus>
  startDemo(): Promise<BuiltInBrokerStatus>
  stopDemo(): Promise<BuiltInBrokerStatus>
}

export const useBrokerStatusStore = create<BrokerStatusState>()((set, get) => {
  const take = (status: BuiltInBrokerStatus) => {
    get().apply(status)
    return status
  }
  return {
    status: null,
    loadError: null,
    knownPassword: null,
    async load() {
      try {
        set({ status: await api().builtInBrokerStatus(), loadError: null })
      } catch (err) {
        set({ loadError: err instanceof Error ? err.message : String(err) })
      }
    },
    apply(status) {
      // a new user name without a new password, or none at all: the typed one no longer applies
      const keep = status.settings.passwordSet && status.settings.username !== '' ? get().knownPassword : null
      set({ status, loadError: null, knownPassword: keep })
    },
    async start(settings) {
      const status = await api().startBuiltInBroker({ settings })
      if (typeof settings.password === 'string') set({ knownPassword: settings.password })
      return take(status)
    },
    async stop() {
      return take(await api().stopBuiltInBroker())
    },
    async startDemo() {
      return take(await api().startDemo())
    },
    async stopDemo() {
      return take(await api().stopDemo())
    },
  }
})

export function useBrokerStatus(): BuiltInBrokerStatus | null {
  return useBrokerStatusStore((s) => s.status)
}

/** Whether a profile is the one the app connects to its own broker with. */
export function useIsBuiltInProfile(profileId: string): boolean {
  return useBrokerStatusStore((s) => s.status?.profileId === profileId)
}

export function useDemoRunning(): boolean {
  return useBrokerStatusStore((s) => s.status?.demo.running ?? false)
}
