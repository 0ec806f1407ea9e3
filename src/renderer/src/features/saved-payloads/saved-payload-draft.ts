import type { Qos } from '../../../../shared/messages'
import type { SavedPayload, SavedPayloadInput } from '../../../../shared/saved-payloads'
import { AMQP_DEFAULT_EXCHANGE_LABEL } from '../../../../shared/tree-paths'
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
    ...metaForTopic(d.topic, existing),
    payload: d.text === null ? (existing?.payload ?? new Uint8Array(0)) : encoder.encode(d.text),
  }
}

/**
 * AMQP and Kafka payloads carry where they go in their metadata, and their topic is the tree path
 * (`exchange/routingKey`, `topic/partition`): an edited path edits the exchange and routing key, or
 * the Kafka topic, so that a replay sends where the form says.
 */
export function metaForTopic(
  topic: string,
  existing: SavedPayload | null,
): Pick<SavedPayloadInput, 'amqp' | 'kafka'> {
  const amqp = existing?.amqp ?? null
  const kafka = existing?.kafka ?? null
  const slash = topic.indexOf('/')
  if (!existing || topic === existing.topic || slash < 0) return { amqp, kafka }
  const head = topic.slice(0, slash)
  const rest = topic.slice(slash + 1)
  if (amqp) {
    const exchange = head === AMQP_DEFAULT_EXCHANGE_LABEL ? '' : head
    return { amqp: { ...amqp, exchange, routingKey: rest }, kafka }
  }
  if (kafka) return { amqp, kafka: { ...kafka, topic: head } }
  return { amqp, kafka }
}
