import type { Database, Statement } from 'better-sqlite3'
import { ApiError } from '../../shared/api-error'
import { PREVIEW_BYTES } from '../../shared/messages'
import { payloadPreview } from '../../shared/payload-preview'
import { PublishResult, PublishTarget, type PublishLogEntry } from '../../shared/publish'
import type { Protocol } from '../../shared/profiles'
import { decodeFrame, encodeFrame } from '../../shared/wire'

/** Rows kept per profile: older ones go when a new one is added. */
export const PUBLISH_LOG_LIMIT = 1000

interface Row {
  id: number
  profile_id: string
  protocol: string
  at: number
  target: string
  template: number
  payload: Buffer
  count: number
  sent: number
  failed: number
  result: string | null
  error: string | null
}

export interface LoggedPublish {
  entry: PublishLogEntry
  payload: Uint8Array
}

/** The publish log in SQLite: one row per publish or job, updated as a job goes on. */
export class PublishLogStore {
  private readonly stmt: {
    insert: Statement<unknown[]>
    update: Statement<unknown[]>
    byId: Statement<[number], Row>
    list: Statement<[string, number], Row>
    prune: Statement<[string, string, number]>
    clear: Statement<[string]>
  }

  constructor(db: Database) {
    const select = `SELECT l.*, p.protocol FROM publish_log l JOIN profiles p ON p.id = l.profile_id`
    this.stmt = {
      insert: db.prepare(
        `INSERT INTO publish_log (profile_id, at, target, template, payload, count, sent, failed, result, error)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      update: db.prepare(`UPDATE publish_log SET sent = ?, failed = ?, result = ?, error = ? WHERE id = ?`),
      byId: db.prepare(`${select} WHERE l.id = ?`),
      list: db.prepare(`${select} WHERE l.profile_id = ? ORDER BY l.id DESC LIMIT ?`),
      prune: db.prepare(
        `DELETE FROM publish_log WHERE profile_id = ? AND id <= (
           SELECT id FROM publish_log WHERE profile_id = ? ORDER BY id DESC LIMIT 1 OFFSET ?)`,
      ),
      clear: db.prepare('DELETE FROM publish_log WHERE profile_id = ?'),
    }
  }

  add(input: {
    profileId: string
    target: PublishTarget
    template: boolean
    payload: Uint8Array
    count: number
  }): PublishLogEntry {
    const info = this.stmt.insert.run(
      input.profileId,
      Date.now(),
      encodeFrame(input.target),
      input.template ? 1 : 0,
      input.payload,
      input.count,
      0,
      0,
      null,
      null,
    )
    this.stmt.prune.run(input.profileId, input.profileId, PUBLISH_LOG_LIMIT)
    return this.get(Number(info.lastInsertRowid)).entry
  }

  /** Records how a publish (or a job so far) went. */
  update(
    id: number,
    progress: { sent: number; failed: number; result: PublishResult | null; error: string | null },
  ): PublishLogEntry {
    this.stmt.update.run(
      progress.sent,
      progress.failed,
      progress.result ? encodeFrame(progress.result) : null,
      progress.error,
      id,
    )
    return this.get(id).entry
  }

  get(id: number): LoggedPublish {
    const row = this.stmt.byId.get(id)
    if (!row) throw new ApiError('not_found', `No publish log entry ${id}`)
    return toLogged(row)
  }

  list(profileId: string, limit: number): PublishLogEntry[] {
    return this.stmt.list.all(profileId, limit).map((r) => toLogged(r).entry)
  }

  clear(profileId: string): number {
    return this.stmt.clear.run(profileId).changes
  }
}

function toLogged(row: Row): LoggedPublish {
  const payload = new Uint8Array(row.payload.buffer, row.payload.byteOffset, row.payload.byteLength)
  const { preview, truncated } = payloadPreview(payload, PREVIEW_BYTES)
  // Rows are written by this class from validated values; a row that no longer parses (a damaged
  // file) is reported as an error on that row rather than breaking the whole list.
  const target = PublishTarget.safeParse(decodeFrame(row.target))
  const result = row.result === null ? null : PublishResult.safeParse(decodeFrame(row.result))
  return {
    payload,
    entry: {
      id: row.id,
      profileId: row.profile_id,
      protocol: row.protocol as Protocol,
      at: row.at,
      target: target.success
        ? target.data
        : { protocol: 'mqtt', topic: '(unreadable)', qos: 0, retain: false },
      template: row.template === 1,
      size: payload.length,
      preview,
      previewTruncated: truncated,
      count: row.count,
      sent: row.sent,
      failed: row.failed,
      result: result?.success ? result.data : null,
      error: target.success ? row.error : 'This log entry could not be read back',
    },
  }
}
