import type { MessageSummary } from '../../../../shared/messages'
import { api } from '../../api/client'

/**
 * Full payloads fetched with `getMessagePayload`, the last few kept (a diff asks for two, the
 * viewer for one, and flipping between them should not fetch again). A payload whose preview is
 * already all of it is never fetched.
 */
const MAX_ENTRIES = 24
const MAX_BYTES = 48 * 1024 * 1024
const cache = new Map<number, Uint8Array>()
let cachedBytes = 0
const encoder = new TextEncoder()

function remember(id: number, bytes: Uint8Array) {
  cache.set(id, bytes)
  cachedBytes += bytes.length
  for (const [oldId, old] of cache) {
    if (cache.size <= MAX_ENTRIES && cachedBytes <= MAX_BYTES) break
    if (oldId === id) continue
    cache.delete(oldId)
    cachedBytes -= old.length
  }
}

export function cachedPayload(message: MessageSummary): Uint8Array | null {
  if (message.preview !== null && !message.previewTruncated) return encoder.encode(message.preview)
  return cache.get(message.id) ?? null
}

export async function loadPayload(message: MessageSummary): Promise<Uint8Array> {
  const hit = cachedPayload(message)
  if (hit) return hit
  const { bytes } = await api().getMessagePayload({ id: message.id })
  remember(message.id, bytes)
  return bytes
}
