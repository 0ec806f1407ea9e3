import type { Database } from 'better-sqlite3'
import { ApiError } from '../../shared/api-error'
import { SavedPayloadInput, SavedPayloadsFile, type SavedPayload } from '../../shared/saved-payloads'
import { decodeFrame, encodeFrame } from '../../shared/wire'
import { decodeStoredMeta, encodeStoredMeta } from '../history/stored-properties'

interface Row {
  id: number
  folder: string
  name: string
  protocol: string | null
  topic: string
  qos: number | null
  retain: number
  properties: string | null
  note: string
  payload: Buffer
  created_at: number
  updated_at: number
}

type Parsed = ReturnType<typeof SavedPayloadInput.parse>

/** Saved payloads in SQLite: named, in folders, with their topic, flags, properties and a note. */
export class SavedPayloadStore {
  constructor(private readonly db: Database) {}

  list(): SavedPayload[] {
    return (this.db.prepare('SELECT * FROM saved_payloads ORDER BY folder, name, id').all() as Row[]).map(
      toPayload,
    )
  }

  get(id: number): SavedPayload {
    const row = this.db.prepare('SELECT * FROM saved_payloads WHERE id = ?').get(id) as Row | undefined
    if (!row) throw new ApiError('not_found', `No saved payload with id ${id}`)
    return toPayload(row)
  }

  create(p: Parsed): SavedPayload {
    const now = Date.now()
    const id = this.db
      .prepare(
        `INSERT INTO saved_payloads (folder, name, protocol, topic, qos, retain, properties, note, payload, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        p.folder,
        p.name,
        p.protocol,
        p.topic,
        p.qos,
        p.retain ? 1 : 0,
        props(p),
        p.note,
        Buffer.from(p.payload),
        now,
        now,
      ).lastInsertRowid
    return this.get(Number(id))
  }

  update(id: number, p: Parsed): SavedPayload {
    this.get(id)
    this.db
      .prepare(
        `UPDATE saved_payloads SET folder = ?, name = ?, protocol = ?, topic = ?, qos = ?, retain = ?, properties = ?,
         note = ?, payload = ?, updated_at = ? WHERE id = ?`,
      )
      .run(
        p.folder,
        p.name,
        p.protocol,
        p.topic,
        p.qos,
        p.retain ? 1 : 0,
        props(p),
        p.note,
        Buffer.from(p.payload),
        Date.now(),
        id,
      )
    return this.get(id)
  }

  duplicate(id: number): SavedPayload {
    const { id: _id, size: _size, createdAt: _c, updatedAt: _u, ...rest } = this.get(id)
    return this.create(SavedPayloadInput.parse({ ...rest, name: `${rest.name} (copy)` }))
  }

  delete(id: number): void {
    if (this.db.prepare('DELETE FROM saved_payloads WHERE id = ?').run(id).changes === 0) {
      throw new ApiError('not_found', `No saved payload with id ${id}`)
    }
  }

  exportJson(ids?: number[]): string {
    const list = ids ? ids.map((id) => this.get(id)) : this.list()
    const payloads = list.map(({ id: _id, size: _size, createdAt: _c, updatedAt: _u, ...rest }) =>
      JSON.parse(encodeFrame(rest)),
    )
    return JSON.stringify(
      { format: 'brokerlens-saved-payloads', version: 1, exportedAt: new Date().toISOString(), payloads },
      null,
      2,
    )
  }

  /** Each entry of an untrusted file is checked alone: bad ones are reported, good ones come in. */
  importJson(json: string): { imported: SavedPayload[]; rejected: { index: number; reason: string }[] } {
    let file
    try {
      file = SavedPayloadsFile.parse(decodeFrame(json))
    } catch (err) {
      throw new ApiError(
        'invalid_input',
        `Not a saved-payloads export: ${(err as Error).message.slice(0, 300)}`,
      )
    }
    const imported: SavedPayload[] = []
    const rejected: { index: number; reason: string }[] = []
    file.payloads.forEach((entry, index) => {
      const parsed = SavedPayloadInput.safeParse(entry)
      if (parsed.success) imported.push(this.create(parsed.data))
      else rejected.push({ index, reason: ApiError.fromZod(parsed.error, 'saved payload').message })
    })
    return { imported, rejected }
  }
}

/** The `properties` column holds MQTT properties or tagged AMQP/Kafka metadata, as in `messages`. */
function props(p: Parsed): string | null {
  return encodeStoredMeta(p)
}

function toPayload(r: Row): SavedPayload {
  const { properties, amqp, kafka } = decodeStoredMeta(r.properties)
  return {
    id: r.id,
    folder: r.folder,
    name: r.name,
    protocol: r.protocol as SavedPayload['protocol'],
    topic: r.topic,
    qos: r.qos as SavedPayload['qos'],
    retain: r.retain === 1,
    properties,
    amqp,
    kafka,
    note: r.note,
    size: r.payload.length,
    payload: new Uint8Array(r.payload.buffer, r.payload.byteOffset, r.payload.byteLength),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  }
}
