import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import BetterSqlite3, { type Database } from 'better-sqlite3'
import { LATEST_SCHEMA_VERSION, migrations, type Migration } from './migrations'

export const DATABASE_FILE = 'brokerlens.db'

/**
 * Opens (creating if needed) the app's one SQLite file in WAL mode and brings its schema up to date.
 * A file written by a newer release is refused rather than guessed at: downgrading must not corrupt.
 */
export function openDatabase(dataDir: string, list: readonly Migration[] = migrations): Database {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 })
  const db = new BetterSqlite3(join(dataDir, DATABASE_FILE))
  try {
    db.pragma('journal_mode = WAL')
    // NORMAL is durable across application crashes in WAL mode; only an OS crash may lose the
    // last transactions, which the history writer accepts by design (it batches anyway).
    db.pragma('synchronous = NORMAL')
    db.pragma('foreign_keys = ON')
    db.pragma('busy_timeout = 5000')
    migrate(db, list)
    return db
  } catch (err) {
    db.close()
    throw err
  }
}

export function schemaVersion(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number
}

function migrate(db: Database, list: readonly Migration[]): void {
  const current = schemaVersion(db)
  const latest = list === migrations ? LATEST_SCHEMA_VERSION : list.length
  if (current > latest) {
    throw new Error(
      `The data file was written by a newer Brokerlens (schema ${current}, this release knows ${latest}). ` +
        'Update the app, or point it at another data folder.',
    )
  }
  for (const m of list) {
    if (m.version <= current) continue
    db.transaction(() => {
      m.up(db)
      db.pragma(`user_version = ${m.version}`)
    })()
  }
}
