import { z } from 'zod'
import type { PayloadKind } from '../../../../shared/codecs/detect'
import { VIEW_MODES, type ViewMode } from './view-modes'

/**
 * The view the user last picked for each kind of payload, kept in localStorage: someone whose
 * binary payloads are protobuf picks "Protobuf" once, not on every topic.
 */
export const VIEW_STORAGE_KEY = 'brokerlens.payload-viewer.views'

const Remembered = z.partialRecord(z.enum(['empty', 'json', 'number', 'text', 'binary']), z.enum(VIEW_MODES))
type Remembered = z.infer<typeof Remembered>

type KeyValueStore = Pick<Storage, 'getItem' | 'setItem'>

function read(storage: KeyValueStore | null): Remembered {
  if (!storage) return {}
  try {
    const raw = storage.getItem(VIEW_STORAGE_KEY)
    const parsed = raw === null ? null : Remembered.safeParse(JSON.parse(raw))
    return parsed?.success ? parsed.data : {}
  } catch {
    return {}
  }
}

export function rememberedView(storage: KeyValueStore | null, kind: PayloadKind): ViewMode | null {
  return read(storage)[kind] ?? null
}

export function rememberView(storage: KeyValueStore | null, kind: PayloadKind, view: ViewMode): void {
  if (!storage) return
  try {
    storage.setItem(VIEW_STORAGE_KEY, JSON.stringify({ ...read(storage), [kind]: view }))
  } catch {
    // a full or refused storage only means the choice is not remembered
  }
}
