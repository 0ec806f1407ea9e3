import type { Qos } from '../../../../shared/messages'
import type { SavedPayload, SavedPayloadInput } from '../../../../shared/saved-payloads'
import { decodeText } from '../topic-detail/payload-format'

/**
 * The create/edit form of a saved payload. The payload is edited as text for now; a binary payload
 * (bytes that are not UTF-8 text) is kept as it is and only the other fields change.
 */
export interface SavedPayloadDraft {
  name: string
  folder: string
  topic: string
  qos: Qos
  retain: boolean
  note: string
  /** The payload as text; null when the kept bytes are binary and not editable here. */
  text: string | null
}

export const NEW_DRAFT: SavedPayloadDraft = {
  name: '',
  folder: '',
  topic: '',
  qos: 0,
  retain: false,
  note: '',
  text: '',
}

export function draftOf(p: SavedPayload): SavedPayloadDraft {
  return {
    name: p.name,
    folder: p.folder,
    topic: p.topic,
    qos: p.qos ?? 0,
    retain: p.retain,
    note: p.note,
    text: p.payload.length === 0 ? '' : decodeText(p.payload),
  }
}

export type DraftErrors = Partial<Record<'name' | 'topic' | 'folder', string>>

export function draftErrors(d: SavedPayloadDraft): DraftErrors {
  const errors: DraftErrors = {}
  if (d.name.trim() === '') errors.name = 'Name is required'
  else if (d.name.trim().length > 200) errors.name = 'At most 200 characters'
  if (/[+#]/.test(d.topic)) errors.topic = 'A topic to publish to cannot hold + or #'
  if (d.folder.length > 1024) errors.folder = 'At most 1024 characters'
  return errors
}

const encoder = new TextEncoder()

/**
 * The API input for a draft. Editing keeps what the form does not show (protocol, MQTT 5
 * properties) and the bytes of a binary payload.
 */
export function inputOf(d: SavedPayloadDraft, existing: SavedPayload | null): SavedPayloadInput {
  return {
    name: d.name.trim(),
    folder: d.folder,
    topic: d.topic,
    qos: d.qos,
    retain: d.retain,
    note: d.note,
    protocol: existing?.protocol ?? 'mqtt',
    properties: existing?.properties ?? null,
    payload: d.text === null ? (existing?.payload ?? new Uint8Array(0)) : encoder.encode(d.text),
  }
}
