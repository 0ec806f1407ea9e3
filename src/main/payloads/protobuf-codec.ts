/**
 * Protobuf decoding against a .proto the user supplies. Lives in the core because protobufjs builds
 * its encoders and decoders with `new Function`, which the renderer's CSP forbids.
 */
import protobuf from 'protobufjs'

interface ParsedProto {
  root: protobuf.Root
  /** Fully qualified names, without the leading dot, of the message types the text itself defines. */
  types: string[]
}

const CACHE_SIZE = 8
/** Parsed protos by their text, least recently used first, so decoding a stream of messages parses once. */
const cache = new Map<string, ParsedProto>()

function collectTypes(ns: protobuf.NamespaceBase, out: string[]): void {
  for (const child of ns.nestedArray) {
    if (child instanceof protobuf.Type) out.push(child.fullName.replace(/^\./, ''))
    // A Type is a Namespace too: nested messages are inside it.
    if (child instanceof protobuf.Namespace || child instanceof protobuf.Type) collectTypes(child, out)
  }
}

function parseProto(protoText: string): ParsedProto {
  const cached = cache.get(protoText)
  if (cached) {
    cache.delete(protoText)
    cache.set(protoText, cached)
    return cached
  }
  const root = new protobuf.Root()
  let imports: string[]
  try {
    // keepCase: fields are named as in the .proto, not camelCased.
    const parsed = protobuf.parse(protoText, root, { keepCase: true })
    imports = [...(parsed.imports ?? []), ...(parsed.weakImports ?? [])]
  } catch (e) {
    throw new Error(
      `The .proto does not parse: ${withColumn(e instanceof Error ? e.message : String(e), protoText)}`,
    )
  }
  const types: string[] = []
  collectTypes(root, types)
  types.sort()
  const badField = fieldNumberError(root)
  if (badField) throw new Error(`The .proto does not parse: ${badField}`)
  // protobufjs bundles the well-known types (google/protobuf/timestamp.proto, …); other imports
  // cannot be resolved from a single text, and resolveAll below names the type that is missing.
  for (const file of new Set(imports)) {
    const json = protobuf.common.get(file)
    if (json?.nested) root.addJSON(json.nested)
  }
  try {
    root.resolveAll()
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e)
    // resolveAll also fails on what is not about types (an unknown syntax or edition).
    if (!/no such (type|enum)/i.test(message)) throw new Error(`The .proto is not valid: ${message}`)
    const missing = imports.filter((f) => !protobuf.common.get(f))
    const hint =
      missing.length > 0
        ? ` (imports are not followed: paste the types of ${missing.join(', ')} into this text)`
        : ''
    throw new Error(`The .proto refers to a type it does not define: ${message}${hint}`)
  }
  const entry = { root, types }
  cache.set(protoText, entry)
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!)
  return entry
}

/**
 * protobufjs names the line of a syntax error but not the column: the offending token's column is
 * added when the token occurs once on that line (else it could point at the wrong one).
 */
function withColumn(message: string, text: string): string {
  const m = /^illegal [^']*'(.*?)'.*\(line (\d+)\)$/.exec(message)
  if (!m) return message
  const token = m[1]!
  const line = text.split(/\r\n|\n|\r/)[Number(m[2]) - 1]
  if (!line || token === '' || token === 'null') return message
  const at = line.indexOf(token)
  if (at < 0 || line.indexOf(token, at + 1) >= 0) return message
  return `${message}, column ${at + 1}`
}

/** Field numbers are 1 to 2^29 - 1, without 19000–19999 (reserved for the protocol): as protoc checks. */
const MAX_FIELD_NUMBER = 536_870_911

function fieldNumberError(ns: protobuf.NamespaceBase): string | null {
  for (const child of ns.nestedArray) {
    if (child instanceof protobuf.Type) {
      for (const field of child.fieldsArray) {
        const id = field.id
        if (!Number.isInteger(id) || id < 1 || id > MAX_FIELD_NUMBER || (id >= 19_000 && id <= 19_999)) {
          return `field ${field.name} of ${child.fullName.replace(/^\./, '')} has number ${id}: field numbers are 1 to ${MAX_FIELD_NUMBER}, except 19000 to 19999`
        }
      }
    }
    if (child instanceof protobuf.Namespace) {
      const inner = fieldNumberError(child)
      if (inner) return inner
    }
  }
  return null
}

/** Every message type of the .proto (nested ones included), fully qualified, sorted. Throws when it does not parse. */
export function protoMessageTypes(protoText: string): string[] {
  return [...parseProto(protoText).types]
}

/**
 * Decodes `bytes` as `messageType` and returns pretty JSON: 64-bit integers as strings (exact),
 * enums by name, bytes as base64, only the fields present, and each set oneof named.
 */
export function decodeProtobuf(protoText: string, messageType: string, bytes: Uint8Array): string {
  const { root, types } = parseProto(protoText)
  const name = messageType.replace(/^\./, '')
  const found = name === '' ? null : root.lookup(name)
  if (!(found instanceof protobuf.Type)) {
    throw new Error(
      `No message type ${name || '(none given)'} in the .proto; it has: ${types.join(', ') || 'none'}`,
    )
  }
  let message: protobuf.Message
  try {
    message = found.decode(bytes)
  } catch (e) {
    throw new Error(`Not a valid ${name} message: ${e instanceof Error ? e.message : String(e)}`)
  }
  const object = found.toObject(message, {
    longs: String,
    enums: String,
    bytes: String,
    defaults: false,
    oneofs: true,
    // NaN and Infinity as strings, as the proto3 JSON mapping has them (JSON.stringify would write null)
    json: true,
  })
  return JSON.stringify(object, null, 2)
}
