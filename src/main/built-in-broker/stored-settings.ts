import type { z } from 'zod'
import { BuiltInBrokerSettings } from '../../shared/built-in-broker'
import type { Settings } from '../storage/settings'

/** What is kept of the built-in broker between runs. The password is not: it is the profile's secret. */
const StoredBrokerSettings = BuiltInBrokerSettings.omit({ password: true })
export type StoredBrokerSettings = z.output<typeof StoredBrokerSettings>

const KEYS = { settings: 'builtInBroker.settings', profileId: 'builtInBroker.profileId' } as const

/** The built-in broker's settings and the id of its profile, in the settings table (checked on the way in). */
export class StoredSettings {
  constructor(private readonly settings: Settings) {}

  read(): StoredBrokerSettings {
    const parsed = StoredBrokerSettings.safeParse(this.settings.get<unknown>(KEYS.settings) ?? {})
    return parsed.success ? parsed.data : StoredBrokerSettings.parse({})
  }

  write(value: StoredBrokerSettings): void {
    this.settings.set(KEYS.settings, StoredBrokerSettings.parse(value))
  }

  profileId(): string | null {
    const id = this.settings.get<unknown>(KEYS.profileId)
    return typeof id === 'string' ? id : null
  }

  setProfileId(id: string): void {
    this.settings.set(KEYS.profileId, id)
  }
}
