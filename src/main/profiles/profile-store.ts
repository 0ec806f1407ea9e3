import { randomBytes } from 'node:crypto'
import type { Database, Statement } from 'better-sqlite3'
import { ApiError } from '../../shared/api-error'
import {
  Profile,
  ProfileConfig,
  SECRET_NAMES,
  type SecretName,
  type Secrets,
  type SecretsPatch,
} from '../../shared/profiles'
import type { SecretCipher } from '../secrets/secret-cipher'

interface ProfileRow {
  id: string
  config: string
  created_at: number
  updated_at: number
}

/** Profiles in SQLite, their secrets encrypted by the host's SecretCipher before they are written. */
export class ProfileStore {
  private readonly stmt: {
    list: Statement<[], ProfileRow>
    get: Statement<[string], ProfileRow>
    insert: Statement<[string, string, string, string, number, number]>
    update: Statement<[string, string, string, number, string]>
    remove: Statement<[string]>
    secretNames: Statement<[string], { name: string }>
    secrets: Statement<[string], { name: string; cipher: string; ciphertext: Buffer }>
    putSecret: Statement<[string, string, string, Buffer]>
    dropSecret: Statement<[string, string]>
  }

  constructor(
    private readonly db: Database,
    private readonly cipher: SecretCipher,
    private readonly log: (message: string) => void,
  ) {
    this.stmt = {
      list: db.prepare(
        'SELECT id, config, created_at, updated_at FROM profiles ORDER BY position, created_at',
      ),
      get: db.prepare('SELECT id, config, created_at, updated_at FROM profiles WHERE id = ?'),
      insert: db.prepare(
        `INSERT INTO profiles (id, protocol, name, config, position, created_at, updated_at)
         VALUES (?, ?, ?, ?, (SELECT COALESCE(MAX(position), 0) + 1 FROM profiles), ?, ?)`,
      ),
      update: db.prepare(
        'UPDATE profiles SET protocol = ?, name = ?, config = ?, updated_at = ? WHERE id = ?',
      ),
      remove: db.prepare('DELETE FROM profiles WHERE id = ?'),
      secretNames: db.prepare('SELECT name FROM profile_secrets WHERE profile_id = ? ORDER BY name'),
      secrets: db.prepare('SELECT name, cipher, ciphertext FROM profile_secrets WHERE profile_id = ?'),
      putSecret: db.prepare(
        `INSERT INTO profile_secrets (profile_id, name, cipher, ciphertext) VALUES (?, ?, ?, ?)
         ON CONFLICT (profile_id, name) DO UPDATE SET cipher = excluded.cipher, ciphertext = excluded.ciphertext`,
      ),
      dropSecret: db.prepare('DELETE FROM profile_secrets WHERE profile_id = ? AND name = ?'),
    }
  }

  list(): Profile[] {
    const out: Profile[] = []
    for (const row of this.stmt.list.all()) {
      const profile = this.fromRow(row)
      if (profile) out.push(profile)
    }
    return out
  }

  get(id: string): Profile {
    const row = this.stmt.get.get(id)
    const profile = row && this.fromRow(row)
    if (!profile) throw new ApiError('not_found', `No connection profile with id ${id}`)
    return profile
  }

  create(config: ProfileConfig, secrets: SecretsPatch = {}): Profile {
    const id = newProfileId()
    const now = Date.now()
    this.db.transaction(() => {
      this.stmt.insert.run(id, config.protocol, config.name, JSON.stringify(config), now, now)
      this.applySecrets(id, secrets)
    })()
    return this.get(id)
  }

  update(id: string, config: ProfileConfig, secrets: SecretsPatch = {}): Profile {
    this.get(id)
    this.db.transaction(() => {
      this.stmt.update.run(config.protocol, config.name, JSON.stringify(config), Date.now(), id)
      this.applySecrets(id, secrets)
    })()
    return this.get(id)
  }

  duplicate(id: string): Profile {
    const source = this.get(id)
    const secrets = this.readSecrets(id)
    const names = new Set(this.list().map((p) => p.config.name))
    const config = { ...source.config, name: uniqueCopyName(source.config.name, names) }
    return this.create(config, secrets)
  }

  delete(id: string): void {
    if (this.stmt.remove.run(id).changes === 0) {
      throw new ApiError('not_found', `No connection profile with id ${id}`)
    }
  }

  /** Decrypted secrets, for the core only (connecting, exporting on request). Never for the renderer. */
  readSecrets(id: string): Secrets {
    const out: Secrets = {}
    for (const { name, cipher, ciphertext } of this.stmt.secrets.all(id)) {
      if (!isSecretName(name)) continue
      if (cipher !== this.cipher.kind) {
        throw new ApiError(
          'unavailable',
          `The ${name} of this profile was saved by another secret store (${cipher}); enter it again here.`,
        )
      }
      out[name] = this.cipher.decrypt(ciphertext)
    }
    return out
  }

  private applySecrets(id: string, patch: SecretsPatch): void {
    for (const name of SECRET_NAMES) {
      const value = patch[name]
      if (value === undefined) continue
      if (value === null || value === '') this.stmt.dropSecret.run(id, name)
      else this.stmt.putSecret.run(id, name, this.cipher.kind, this.cipher.encrypt(value))
    }
  }

  private fromRow(row: ProfileRow): Profile | null {
    let json: unknown
    try {
      json = JSON.parse(row.config)
    } catch {
      json = undefined
    }
    const config = ProfileConfig.safeParse(json)
    if (!config.success) {
      // Rows are validated like any other input: a damaged or foreign row is reported and skipped,
      // never allowed to break the whole list.
      this.log(`[profiles] skipping unreadable profile ${row.id}: ${config.error.message}`)
      return null
    }
    return Profile.parse({
      id: row.id,
      config: config.data,
      secretsSet: this.stmt.secretNames
        .all(row.id)
        .map((r) => r.name)
        .filter(isSecretName),
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    })
  }
}

function isSecretName(name: string): name is SecretName {
  return (SECRET_NAMES as readonly string[]).includes(name)
}

function newProfileId(): string {
  return randomBytes(9).toString('base64url')
}

function uniqueCopyName(name: string, taken: Set<string>): string {
  const base = name.replace(/ \(copy(?: \d+)?\)$/, '')
  for (let n = 1; ; n++) {
    const candidate = (n === 1 ? `${base} (copy)` : `${base} (copy ${n})`).slice(0, 120)
    if (!taken.has(candidate)) return candidate
  }
}
