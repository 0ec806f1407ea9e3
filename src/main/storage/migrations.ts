import type { Database } from 'better-sqlite3'

/**
 * Versioned schema migrations, applied in order inside one transaction each. The database's
 * `user_version` is the number of migrations applied. Never edit a released migration: add one.
 */
export interface Migration {
  readonly version: number
  readonly description: string
  up(db: Database): void
}

export const migrations: readonly Migration[] = [
  {
    version: 1,
    description: 'connection profiles and their encrypted secrets',
    up(db) {
      db.exec(`
        CREATE TABLE profiles (
          id          TEXT PRIMARY KEY,
          protocol    TEXT NOT NULL CHECK (protocol IN ('mqtt', 'amqp', 'kafka')),
          name        TEXT NOT NULL,
          config      TEXT NOT NULL,          -- JSON of the profile's ProfileConfig, validated on read
          position    INTEGER NOT NULL,        -- order in the sidebar
          created_at  INTEGER NOT NULL,
          updated_at  INTEGER NOT NULL
        ) STRICT;
        CREATE TABLE profile_secrets (
          profile_id  TEXT NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
          name        TEXT NOT NULL,           -- password | tlsKey | tlsPassphrase
          cipher      TEXT NOT NULL,           -- which SecretCipher wrote it (safeStorage, key file)
          ciphertext  BLOB NOT NULL,
          PRIMARY KEY (profile_id, name)
        ) STRICT;
      `)
    },
  },
]

export const LATEST_SCHEMA_VERSION = migrations.length
