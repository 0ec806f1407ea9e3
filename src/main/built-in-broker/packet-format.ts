import type { BrokerPacket } from '../../shared/built-in-broker'
import { payloadPreview } from '../../shared/payload-preview'
import { PACKET_TYPES, type Frame } from './packet-framer'

/** Bytes of a packet kept as hex in the capture. */
export const HEX_BYTES = 4096
/** Bytes of one binary field (payload, correlation data…) shown in the packet's JSON. */
export const JSON_FIELD_BYTES = 16 * 1024

/** Fields mqtt-packet fills on every packet whatever its type; only PUBLISH (and the will) use them. */
const PUBLISH_ONLY = new Set(['qos', 'dup', 'retain', 'topic', 'payload'])
/** Fields of the parser's bookkeeping, not of the packet. */
const INTERNAL = new Set(['length'])

/**
 * A decoded packet as JSON text for the packet list. Byte fields (payload, correlation data, will
 * payload) are shown as text when they are UTF-8 text, else as `<name>Hex`; a field cut at
 * JSON_FIELD_BYTES says so with `<name>Bytes`, its full size. The CONNECT's password is replaced
 * by its length: a capture is shown and copied around, the password should not travel with it.
 */
export function packetJson(packet: object): string {
  const cmd = (packet as { cmd?: unknown }).cmd
  const out: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(packet)) {
    if (value === null || value === undefined || INTERNAL.has(key)) continue
    if (cmd !== 'publish' && PUBLISH_ONLY.has(key) && (value === false || value === 0)) continue
    if (key === 'password' && value instanceof Uint8Array) {
      out.password = `(${value.length} bytes, hidden)`
      continue
    }
    Object.assign(out, field(key, value))
  }
  return JSON.stringify(out, null, 2)
}

function field(key: string, value: unknown): Record<string, unknown> {
  if (value instanceof Uint8Array) {
    const shown = value.subarray(0, JSON_FIELD_BYTES)
    const cut = shown.length < value.length ? { [`${key}Bytes`]: value.length } : {}
    const { preview } = payloadPreview(shown, JSON_FIELD_BYTES)
    if (preview !== null) return { [key]: preview, ...cut }
    return { [`${key}Hex`]: Buffer.from(shown).toString('hex'), ...cut }
  }
  if (Array.isArray(value)) return { [key]: value.map((v) => plain(v)) }
  if (typeof value === 'object' && value !== null) return { [key]: plain(value) }
  return { [key]: value }
}

function plain(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value
  if (value instanceof Uint8Array) return Buffer.from(value).toString('hex')
  if (Array.isArray(value)) return value.map(plain)
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(value)) {
    if (v === null || v === undefined) continue
    Object.assign(out, field(k, v))
  }
  return out
}

/**
 * One captured packet: the decoded packet (or why it could not be), its type's name and its bytes.
 * `decoded` is null for a packet too large to keep whole (only its first bytes are there).
 */
export function toBrokerPacket(
  direction: 'in' | 'out',
  at: number,
  frame: Frame,
  decoded: object | Error | null,
): BrokerPacket {
  const type = PACKET_TYPES[frame.type] ?? 'reserved'
  let json: string
  if (decoded instanceof Error) {
    json = JSON.stringify(
      { cmd: type, error: `not a valid ${type.toUpperCase()}: ${decoded.message}` },
      null,
      2,
    )
  } else if (decoded === null) {
    json = JSON.stringify(
      {
        cmd: type,
        note: `${frame.size} bytes: too large to decode in the capture, the first bytes are in hex`,
      },
      null,
      2,
    )
  } else {
    json = packetJson(decoded)
  }
  const bytes = withoutPassword(frame.bytes ?? Buffer.alloc(0), decoded)
  return {
    at,
    direction,
    type,
    json,
    hex: bytes.subarray(0, HEX_BYTES).toString('hex'),
    size: frame.size,
  }
}

/**
 * The packet's bytes with a CONNECT's password blanked (each byte 0x2a, '*'), as in its JSON: the
 * password is the last field of the CONNECT payload, so it is the packet's last bytes.
 */
function withoutPassword(bytes: Buffer, decoded: object | Error | null): Buffer {
  const packet = decoded as { cmd?: unknown; password?: unknown } | null
  const password = packet?.password
  if (packet?.cmd !== 'connect' || !(password instanceof Uint8Array)) return bytes
  if (password.length === 0 || password.length > bytes.length) return bytes
  const copy = Buffer.from(bytes)
  copy.fill(0x2a, copy.length - password.length)
  return copy
}
