import type { Database, Statement } from 'better-sqlite3'

/** Small app settings as JSON values in the `settings` table. */
export class Settings {
  private readonly read: Statement<[string], { value: string }>
  private readonly write: Statement<[string, string]>

  constructor(db: Database) {
    this.read = db.prepare('SELECT value FROM settings WHERE key = ?')
    this.write = db.prepare(
      'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
    )
  }

  get<T>(key: string): T | undefined {
    const row = this.read.get(key)
    if (!row) return undefined
    try {
      return JSON.parse(row.value) as T
    } catch {
      return undefined
    }
  }

  set(key: string, value: unknown): void {
    this.write.run(key, JSON.stringify(value))
  }
}
