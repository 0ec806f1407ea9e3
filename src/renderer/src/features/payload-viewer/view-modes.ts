import type { PayloadKind } from '../../../../shared/codecs/detect'

/** The ways one payload can be shown, in the switcher's order. */
export const VIEW_MODES = ['tree', 'text', 'hex', 'base64', 'msgpack', 'cbor', 'protobuf'] as const
export type ViewMode = (typeof VIEW_MODES)[number]

export const VIEW_LABEL: Record<ViewMode, string> = {
  tree: 'Tree',
  text: 'Text',
  hex: 'Hex',
  base64: 'Base64',
  msgpack: 'MessagePack',
  cbor: 'CBOR',
  protobuf: 'Protobuf',
}

export const KIND_LABEL: Record<PayloadKind, string> = {
  empty: 'Empty',
  json: 'JSON',
  number: 'Number',
  text: 'UTF-8 text',
  binary: 'Binary',
}

/** Views that mean something for a kind: the tree needs JSON; every payload has bytes to decode. */
export function viewsFor(kind: PayloadKind): ViewMode[] {
  if (kind === 'empty') return []
  return VIEW_MODES.filter((v) => v !== 'tree' || kind === 'json')
}

/** What a payload of this kind opens in: JSON as a tree, text and numbers as text, bytes as hex. */
export function bestView(kind: PayloadKind): ViewMode {
  return kind === 'json' ? 'tree' : kind === 'binary' ? 'hex' : 'text'
}

/**
 * The view to show: the user's choice while it fits the payload (a live topic's next message keeps
 * it), else the best one for the kind.
 */
export function pickView(kind: PayloadKind, chosen: ViewMode | null): ViewMode {
  return chosen !== null && viewsFor(kind).includes(chosen) ? chosen : bestView(kind)
}
