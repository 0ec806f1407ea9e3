import { ApiError } from '../../shared/api-error'
import type { ImportResult } from '../../shared/api'
import { ProfileConfig, ProfileExportFile, SecretsPatch, type Secrets } from '../../shared/profiles'
import type { ProfileStore } from './profile-store'

/** Export: the JSON text of a versioned file. Secrets are left out unless the user asks for them. */
export function exportProfiles(store: ProfileStore, ids: string[] | undefined, includeSecrets: boolean) {
  const profiles = ids ? ids.map((id) => store.get(id)) : store.list()
  const file: ProfileExportFile = {
    format: 'brokerlens-profiles',
    version: 1,
    exportedAt: new Date().toISOString(),
    profiles: profiles.map((p) => {
      const secrets: Secrets = includeSecrets ? store.readSecrets(p.id) : {}
      return Object.keys(secrets).length > 0 ? { config: p.config, secrets } : { config: p.config }
    }),
  }
  return { json: JSON.stringify(file, null, 2), count: profiles.length }
}

/**
 * Import: the file is untrusted. Each profile in it is validated on its own, so one bad entry is
 * reported with its reason and the good ones still come in; nothing is half-imported.
 */
export function importProfiles(store: ProfileStore, json: string): ImportResult {
  let raw: unknown
  try {
    raw = JSON.parse(json)
  } catch (err) {
    throw new ApiError('invalid_input', `The file is not JSON: ${(err as Error).message}`)
  }
  const file = ProfileExportFile.safeParse(raw)
  if (!file.success) throw ApiError.fromZod(file.error, 'profile export file')

  const result: ImportResult = { imported: [], rejected: [] }
  file.data.profiles.forEach((entry, index) => {
    const name = nameOf(entry.config) ?? `profile ${index + 1}`
    const config = ProfileConfig.safeParse(entry.config)
    if (!config.success) {
      result.rejected.push({ index, name, reason: ApiError.fromZod(config.error, 'profile').message })
      return
    }
    const secrets = SecretsPatch.safeParse(entry.secrets ?? {})
    if (!secrets.success) {
      result.rejected.push({ index, name, reason: ApiError.fromZod(secrets.error, 'secrets').message })
      return
    }
    result.imported.push(store.create(config.data, secrets.data))
  })
  return result
}

function nameOf(config: unknown): string | undefined {
  if (typeof config === 'object' && config !== null && 'name' in config && typeof config.name === 'string') {
    return config.name.slice(0, 120)
  }
  return undefined
}
