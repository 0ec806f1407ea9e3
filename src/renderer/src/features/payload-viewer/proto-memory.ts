import { z } from 'zod'

/**
 * The last `.proto` text and message type, kept in localStorage so the next protobuf payload decodes
 * without picking the file again. Read through zod: the storage is the user's and may hold anything.
 */
export const PROTO_STORAGE_KEY = 'brokerlens.payload-viewer.protobuf'
/** As much as `parseProto` accepts. */
export const MAX_PROTO_CHARS = 1024 * 1024

const Remembered = z.object({
  proto: z.string().max(MAX_PROTO_CHARS),
  messageType: z.string().max(1024).nullable(),
})
export type RememberedProto = z.infer<typeof Remembered>

type KeyValueStore = Pick<Storage, 'getItem' | 'setItem'>

export function loadProto(storage: KeyValueStore | null): RememberedProto {
  const empty = { proto: '', messageType: null }
  if (!storage) return empty
  try {
    const raw = storage.getItem(PROTO_STORAGE_KEY)
    if (raw === null) return empty
    const parsed = Remembered.safeParse(JSON.parse(raw))
    return parsed.success ? parsed.data : empty
  } catch {
    return empty
  }
}

/** Saves; a full or refused storage only means the choice is not remembered. */
export function saveProto(storage: KeyValueStore | null, value: RememberedProto): boolean {
  if (!storage || value.proto.length > MAX_PROTO_CHARS) return false
  try {
    storage.setItem(PROTO_STORAGE_KEY, JSON.stringify(value))
    return true
  } catch {
    return false
  }
}

/** localStorage when the page may use it (a sandboxed frame or a privacy mode may refuse). */
export function browserStorage(): KeyValueStore | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage
  } catch {
    return null
  }
}
