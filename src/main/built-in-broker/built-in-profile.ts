import { randomBytes } from 'node:crypto'
import { ApiError } from '../../shared/api-error'
import { MqttConfig, type Profile, type SecretsPatch } from '../../shared/profiles'
import type { ProfileStore } from '../profiles/profile-store'
import { DEFAULT_PORT } from './aedes-server'
import type { StoredSettings } from './stored-settings'

export const BUILT_IN_PROFILE_NAME = 'Built-in broker'
export const BUILT_IN_HOST = '127.0.0.1'

/**
 * The app's own MQTT profile for its built-in broker: an ordinary profile (it sits in the sidebar
 * and every feature works on it), made on the first start and kept in step with the broker's port
 * and credentials on every start. What the user changed in it otherwise (name, subscriptions,
 * MQTT version) is left alone. Deleted by the user, it is made again on the next start.
 */
export class BuiltInProfile {
  constructor(
    private readonly profiles: ProfileStore,
    private readonly stored: StoredSettings,
  ) {}

  /** The profile, if it still exists. */
  current(): Profile | null {
    const id = this.stored.profileId()
    if (id === null) return null
    try {
      const profile = this.profiles.get(id)
      return profile.config.protocol === 'mqtt' ? profile : null
    } catch (err) {
      if (err instanceof ApiError && err.code === 'not_found') return null
      throw err
    }
  }

  /** The password clients must give, as stored (encrypted) in the profile; '' when none is. */
  storedPassword(): string {
    const profile = this.current()
    return profile ? (this.profiles.readSecrets(profile.id).password ?? '') : ''
  }

  /**
   * Creates or updates the profile for a broker on `port` (null: keep the profile's port, 1883 for a
   * new one). `password`: a new one to store, null to keep the stored one. Returns the profile and
   * whether anything was written.
   */
  ensure(
    port: number | null,
    username: string,
    password: string | null,
  ): { profile: Profile; changed: boolean } {
    const secrets: SecretsPatch = password === null ? {} : { password }
    const existing = this.current()
    if (!existing) {
      const config = MqttConfig.parse({
        protocol: 'mqtt',
        name: BUILT_IN_PROFILE_NAME,
        host: BUILT_IN_HOST,
        port: port ?? DEFAULT_PORT,
        // Recognisable among the broker's clients, and stable across restarts.
        clientId: `brokerlens-${randomBytes(3).toString('hex')}`,
        mqttVersion: 5,
        username,
        // Retain as published: the tree marks a device's retained configs and states as retained
        // even when they arrive live (see decision 15).
        subscriptions: [{ filter: '#', qos: 0, retainAsPublished: true }],
      })
      const profile = this.profiles.create(config, secrets)
      this.stored.setProfileId(profile.id)
      return { profile, changed: true }
    }
    const config = existing.config
    if (config.protocol !== 'mqtt') throw new ApiError('internal', 'the built-in profile is not MQTT')
    port ??= config.port
    const same =
      config.host === BUILT_IN_HOST &&
      config.port === port &&
      config.transport === 'mqtt' &&
      config.username === username
    if (same && password === null) return { profile: existing, changed: false }
    const profile = this.profiles.update(
      existing.id,
      { ...config, host: BUILT_IN_HOST, port, transport: 'mqtt', username },
      secrets,
    )
    return { profile, changed: true }
  }
}
