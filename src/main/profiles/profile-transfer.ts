import { ApiError } from '../../shared/api-error'
import type { ImportResult } from '../../shared/api'
import { checkJson } from '../../shared/codecs/json-text'
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
  } catch {
    // Where it breaks, in our scanner's words: the engine's message quotes the file's first
    // characters, which in a file of secrets may be one of them.
    const where = checkJson(json)
    throw new ApiError(
      'invalid_input',
      where.ok
        ? 'The file is not JSON'
        : bounded(`The file is not JSON: ${where.message} (line ${where.line}, column ${where.column})`),
    )
  }
  const file = ProfileExportFile.safeParse(raw)
  if (!file.success) throw boundedError(ApiError.fromZod(file.error, 'profile export file'))

  const result: ImportResult = { imported: [], rejected: [] }
  file.data.profiles.forEach((entry, index) => {
    const name = nameOf(entry.config) ?? `profile ${index + 1}`
    const config = ProfileConfig.safeParse(entry.config)
    if (!config.success) {
      result.rejected.push({
        index,
        name,
        reason: bounded(ApiError.fromZod(config.error, 'profile').message),
      })
      return
    }
    const secrets = SecretsPatch.safeParse(entry.secrets ?? {})
    if (!secrets.success) {
      result.rejected.push({
        index,
        name,
        reason: bounded(ApiError.fromZod(secrets.error, 'secrets').message),
      })
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

/** Longest error text the import reports: zod quotes unknown keys, and a hostile file's are huge. */
const MAX_REASON = 1000

function bounded(text: string): string {
  return text.length > MAX_REASON ? `${text.slice(0, MAX_REASON)}… (${text.length} characters)` : text
}

function boundedError(err: ApiError): ApiError {
  const issues = err.issues?.slice(0, 50).map((i) => ({ path: bounded(i.path), message: bounded(i.message) }))
  return new ApiError(err.code, bounded(err.message), issues)
}
