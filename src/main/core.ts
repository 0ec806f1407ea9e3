import { platform } from 'node:os'
import type { ApiEvent, ApiHandlers } from '../shared/api'
import { APP_NAME } from '../shared/app-meta'
import { createDispatcher } from './api-dispatch'
import { createLinkFactory } from './brokers/link-factory'
import { ConnectionRegistry } from './connections/connection-registry'
import { ProfileStore } from './profiles/profile-store'
import { exportProfiles, importProfiles } from './profiles/profile-transfer'
import type { SecretCipher } from './secrets/secret-cipher'
import { openDatabase } from './storage/database'

export interface CoreOptions {
  /** Folder for the database and every other file the app keeps. Created if missing. */
  dataDir: string
  secrets: SecretCipher
  host: 'electron' | 'web'
  version: string
  log?: (message: string) => void
}

export interface Core {
  readonly handlers: ApiHandlers
  /** Validated entry point for transports: method name and raw input, result or ApiError. */
  invoke(method: string, input: unknown): Promise<unknown>
  onEvent(listener: (event: ApiEvent) => void): () => void
  close(): Promise<void>
}

/**
 * The composition root: everything stateful is made here, once, and closed by `close()`.
 * No `electron` import anywhere below this file: both hosts build the same core.
 */
export function createCore(options: CoreOptions): Core {
  const log = options.log ?? ((m: string) => console.error(m))
  const listeners = new Set<(event: ApiEvent) => void>()
  const emit = (event: ApiEvent) => {
    for (const l of listeners) {
      try {
        l(event)
      } catch (err) {
        log(`[events] listener failed: ${String(err)}`)
      }
    }
  }

  const db = openDatabase(options.dataDir)
  const profiles = new ProfileStore(db, options.secrets, log)
  const connections = new ConnectionRegistry(createLinkFactory, (status) =>
    emit({ type: 'connection.status', status }),
  )
  const profilesChanged = <T>(value: T): T => {
    emit({ type: 'profiles.changed' })
    return value
  }

  const handlers: ApiHandlers = {
    getAppInfo: () => ({
      name: APP_NAME,
      version: options.version,
      host: options.host,
      dataDir: options.dataDir,
      platform: platform(),
    }),
    listProfiles: () => profiles.list(),
    getProfile: ({ id }) => profiles.get(id),
    createProfile: ({ config, secrets }) => profilesChanged(profiles.create(config, secrets)),
    updateProfile: ({ id, config, secrets }) => profilesChanged(profiles.update(id, config, secrets)),
    duplicateProfile: ({ id }) => profilesChanged(profiles.duplicate(id)),
    deleteProfile: async ({ id }) => {
      const profile = profiles.get(id)
      await connections.disconnect(id, profile.config.protocol)
      profiles.delete(id)
      return profilesChanged(null)
    },
    exportProfiles: ({ ids, includeSecrets }) => exportProfiles(profiles, ids, includeSecrets),
    importProfiles: ({ json }) => {
      const result = importProfiles(profiles, json)
      return result.imported.length > 0 ? profilesChanged(result) : result
    },
    listConnections: () => connections.list(),
    connect: ({ profileId }) => {
      const profile = profiles.get(profileId)
      return connections.connect(profile, profiles.readSecrets(profileId))
    },
    disconnect: ({ profileId }) => connections.disconnect(profileId, profiles.get(profileId).config.protocol),
  }

  let closed: Promise<void> | null = null
  return {
    handlers,
    invoke: createDispatcher(handlers, log),
    onEvent(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    close() {
      closed ??= (async () => {
        await connections.closeAll()
        listeners.clear()
        db.close()
      })()
      return closed
    },
  }
}
