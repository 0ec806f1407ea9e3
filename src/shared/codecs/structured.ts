/**
 * MessagePack and CBOR payloads: decoded to a value and to JSON text for the viewer, encoded from a
 * value for the editor. Neither library generates code at run time, so both work under the
 * renderer's CSP (no `unsafe-eval`).
 *
 * The JSON text is a rendering, not a lossy conversion: whatever JSON has no word for (bytes, big
 * integers, non-string map keys, tags, extensions) is spelled out (see `renderJson`) rather than
 * dropped, rounded or turned into "[object Object]".
 */
import { Decoder, Encoder, ExtData } from '@msgpack/msgpack'
import {
  decodeFirst as cborDecodeFirst,
  encode as cborEncode,
  Token,
  Tokenizer,
  Type,
  type DecodeOptions,
  type TagDecoder,
} from 'cborg'
import { bytesToBase64 } from '../base64'
import { firstInvalidUtf8Offset } from './utf8'

export type DecodeResult = { ok: true; value: unknown; json: string } | { ok: false; error: string }

/** A CBOR tag this module does not interpret: its number and its (decoded) content. */
export class CborTag {
  constructor(
    readonly tag: number | bigint,
    readonly value: unknown,
  ) {}
}

export { ExtData }

// ---------------------------------------------------------------------------------------------
// The value model shared by both formats:
//   string-keyed maps → plain objects (JS puts integer-like keys first; the JSON text keeps the
//   payload's order); maps with any other key → Map;
//   byte strings → Uint8Array; integers beyond ±2^53 → bigint; timestamps → Date;
//   msgpack extensions → ExtData; unknown CBOR tags → CborTag; CBOR undefined → undefined.

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null) return false
  const proto = Object.getPrototypeOf(v)
  return proto === Object.prototype || proto === null
}

/** `{}` with `key = value` for each entry, safe for a key named "__proto__". */
function objectFromEntries(entries: [string, unknown][]): Record<string, unknown> {
  const obj: Record<string, unknown> = {}
  for (const [k, v] of entries) {
    if (k === '__proto__')
      Object.defineProperty(obj, k, { value: v, enumerable: true, writable: true, configurable: true })
    else obj[k] = v
  }
  return obj
}

function mapValue(entries: [unknown, unknown][]): Record<string, unknown> | Map<unknown, unknown> {
  if (entries.every((e) => typeof e[0] === 'string')) return objectFromEntries(entries as [string, unknown][])
  return new Map(entries)
}

function formatError(e: unknown): string {
  const message = e instanceof Error ? e.message : String(e)
  if (e instanceof RangeError && /call stack/i.test(message))
    return `Nested too deeply to show (${message}): the raw bytes are below`
  return message
}

/**
 * Both libraries read text strings leniently: bytes that are not UTF-8 come out as other characters
 * (U+FFFD, or Latin-1 look-alikes), so two different payloads would render the same and a copy of the
 * text would not be the payload. A text string that is not UTF-8 is an error here, at its offset.
 */
function invalidUtf8(format: string, offset: number): Error {
  return new Error(
    `Invalid UTF-8 in a text string at offset ${offset}: ${format} text must be UTF-8 (bytes belong in a byte string)`,
  )
}

// ---------------------------------------------------------------------------------------------
// JSON rendering

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER)
const MIN_SAFE = BigInt(Number.MIN_SAFE_INTEGER)

function jsonObject(entries: [string, unknown][], depth: number): string {
  if (entries.length === 0) return '{}'
  const inner = '\n' + '  '.repeat(depth + 1)
  let out = '{'
  entries.forEach(([k, v], i) => {
    out += (i > 0 ? ',' : '') + inner + JSON.stringify(k) + ': ' + renderJsonAt(v, depth + 1)
  })
  return out + '\n' + '  '.repeat(depth) + '}'
}

function jsonArray(items: unknown[], depth: number): string {
  if (items.length === 0) return '[]'
  const inner = '\n' + '  '.repeat(depth + 1)
  let out = '['
  items.forEach((v, i) => {
    out += (i > 0 ? ',' : '') + inner + renderJsonAt(v, depth + 1)
  })
  return out + '\n' + '  '.repeat(depth) + ']'
}

function renderJsonAt(v: unknown, depth: number): string {
  if (v === null || v === undefined) return 'null'
  switch (typeof v) {
    case 'string':
      return JSON.stringify(v)
    case 'boolean':
      return String(v)
    case 'number':
      return Number.isFinite(v) ? JSON.stringify(v) : jsonObject([['$float', String(v)]], depth)
    case 'bigint':
      return JSON.stringify(v.toString())
    case 'object':
      break
    default:
      return JSON.stringify(String(v))
  }
  if (Array.isArray(v)) return jsonArray(v, depth)
  if (v instanceof Uint8Array) return jsonObject([['$bytes', bytesToBase64(v)]], depth)
  if (v instanceof Date) return JSON.stringify(Number.isNaN(v.getTime()) ? 'Invalid Date' : v.toISOString())
  if (v instanceof ExtData) {
    const data = typeof v.data === 'function' ? v.data(0) : v.data
    return jsonObject(
      [
        ['$ext', v.type],
        ['$bytes', bytesToBase64(data)],
      ],
      depth,
    )
  }
  if (v instanceof CborTag) {
    const tag = typeof v.tag === 'bigint' ? v.tag.toString() : v.tag
    return jsonObject(
      [
        ['$tag', tag],
        ['value', v.value],
      ],
      depth,
    )
  }
  if (v instanceof Map) {
    const entries = [...v.entries()]
    if (entries.every((e) => typeof e[0] === 'string'))
      return jsonObject(entries as [string, unknown][], depth)
    return jsonArray(entries, depth)
  }
  if (ArrayBuffer.isView(v)) {
    return jsonObject(
      [['$bytes', bytesToBase64(new Uint8Array(v.buffer, v.byteOffset, v.byteLength))]],
      depth,
    )
  }
  return jsonObject(Object.entries(v), depth)
}

/**
 * Pretty JSON (2 spaces, as JSON.stringify(x, null, 2) writes it) of a decoded value, spelling out
 * what JSON has no word for, so two different payloads never render the same:
 *   Uint8Array → {"$bytes": base64}; bigint → decimal string; Map with string keys → an object in the
 *   Map's order (integer-like keys included, unlike a JS object); Map with any other key →
 *   [[key, value], …]; undefined → null; Date → ISO text; ExtData → {"$ext": type, "$bytes": base64};
 *   CborTag → {"$tag": n, "value": …}; NaN and ±Infinity → {"$float": "NaN" | "Infinity" | "-Infinity"}.
 */
export function renderJson(value: unknown): string {
  return renderJsonAt(value, 0)
}

/** The caller's view of a decoded tree: string-keyed Maps become plain objects. */
function toPlain(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(toPlain)
  if (v instanceof Map) return mapValue([...v].map(([k, val]) => [toPlain(k), toPlain(val)]))
  if (v instanceof CborTag) return new CborTag(v.tag, toPlain(v.value))
  return v
}

/** `raw` has every map as a Map, in wire order; the JSON is rendered from it so that order shows. */
function result(raw: unknown): DecodeResult {
  return { ok: true, value: toPlain(raw), json: renderJson(raw) }
}

function trailingError(left: number): DecodeResult {
  return { ok: false, error: `${left} ${left === 1 ? 'byte' : 'bytes'} left after the first item` }
}

// ---------------------------------------------------------------------------------------------
// MessagePack

/**
 * @msgpack/msgpack decodes every map to a plain object and refuses keys that are not strings or
 * numbers (and turns number keys into strings). To keep every key as it was, each key is swapped for
 * a placeholder string naming its index in `keys`, and `restoreMsgpack` rebuilds each map as a Map
 * with the real keys. The placeholders also keep the map's order, which integer-like string keys
 * would otherwise lose.
 */
const KEY_MARK = '\u0000'

function restoreMsgpack(v: unknown, keys: unknown[]): unknown {
  if (Array.isArray(v)) return v.map((x) => restoreMsgpack(x, keys))
  // int64 encodings of small numbers are still just numbers
  if (typeof v === 'bigint') return v >= MIN_SAFE && v <= MAX_SAFE ? Number(v) : v
  if (isPlainObject(v)) {
    return new Map(
      Object.keys(v).map((mark) => [
        restoreMsgpack(keys[Number(mark.slice(1))], keys),
        restoreMsgpack(v[mark], keys),
      ]),
    )
  }
  return v
}

/**
 * Makes the decoder refuse str items that are not UTF-8 (see `invalidUtf8`). Its string reader is
 * private in the typings, hence the cast; decoders-malformed tests fail if the library renames it.
 */
function strictStrings(decoder: Decoder): Decoder {
  const inner = decoder as unknown as {
    bytes: Uint8Array
    pos: number
    decodeUtf8String(byteLength: number, headerOffset: number): unknown
  }
  const read = inner.decodeUtf8String
  if (typeof read !== 'function') return decoder
  inner.decodeUtf8String = function (byteLength: number, headerOffset: number) {
    const start = this.pos + headerOffset
    // A string cut short is the library's own "insufficient data"; only whole strings are checked.
    if (start + byteLength <= this.bytes.byteLength) {
      const bad = firstInvalidUtf8Offset(this.bytes.subarray(start, start + byteLength))
      if (bad >= 0) throw invalidUtf8('MessagePack', start + bad)
    }
    return read.call(this, byteLength, headerOffset)
  }
  return decoder
}

export function decodeMsgpack(bytes: Uint8Array): DecodeResult {
  if (bytes.length === 0) return { ok: false, error: 'No data: an empty payload is not a MessagePack item' }
  const keys: unknown[] = []
  let decoded: unknown
  try {
    const decoder = strictStrings(
      new Decoder({
        // int64/uint64 as bigint: the library's number conversion would round values beyond 2^53.
        useBigInt64: true,
        mapKeyConverter: (key) => {
          keys.push(key)
          return KEY_MARK + (keys.length - 1)
        },
        // Keys are read through the string reader above, not a cache that would skip the check.
        keyDecoder: null,
      }),
    )
    const items = decoder.decodeMulti(bytes)
    try {
      const first = items.next()
      if (first.done) return { ok: false, error: 'No MessagePack item found' }
      // `pos` is the decoder's read position; it is not in the typings but is what `decode` itself
      // uses for its "Extra bytes" error.
      const pos = (decoder as unknown as { pos: unknown }).pos
      if (typeof pos === 'number' && pos < bytes.length) return trailingError(bytes.length - pos)
      decoded = first.value
    } finally {
      items.return()
    }
  } catch (e) {
    const message = formatError(e)
    // The library reports a cut-off payload as a RangeError, at times only as DataView's "Offset is
    // outside the bounds of the DataView"; say what it means.
    if (e instanceof RangeError && !/call stack/i.test(message)) {
      const detail = message === 'Insufficient data' ? '' : ` (${message})`
      return { ok: false, error: `Insufficient data: the payload ends inside an item${detail}` }
    }
    return { ok: false, error: formatError(e) }
  }
  try {
    return result(restoreMsgpack(decoded, keys))
  } catch (e) {
    return { ok: false, error: formatError(e) } // e.g. nesting too deep for the call stack
  }
}

function containsMap(v: unknown): boolean {
  if (v instanceof Map) return true
  if (Array.isArray(v)) return v.some(containsMap)
  if (isPlainObject(v)) return Object.values(v).some(containsMap)
  return false
}

function concat(parts: Uint8Array[]): Uint8Array {
  let length = 0
  for (const p of parts) length += p.length
  const out = new Uint8Array(length)
  let o = 0
  for (const p of parts) {
    out.set(p, o)
    o += p.length
  }
  return out
}

function msgpackHeader(kind: 'array' | 'map', n: number): Uint8Array {
  const [fix, b16, b32] = kind === 'array' ? [0x90, 0xdc, 0xdd] : [0x80, 0xde, 0xdf]
  if (n < 16) return Uint8Array.of(fix | n)
  if (n < 0x10000) return Uint8Array.of(b16, n >> 8, n & 0xff)
  return Uint8Array.of(b32, n >>> 24, (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff)
}

/**
 * Encodes a value as MessagePack: plain objects and Maps become maps (a Map keeps its keys' types,
 * which the library alone cannot write), Uint8Array → bin, bigint → int64/uint64, Date → timestamp,
 * ExtData → ext. Throws on what MessagePack cannot hold (functions, symbols, integers beyond 64 bits).
 */
export function encodeMsgpack(value: unknown): Uint8Array {
  const encoder = new Encoder({ useBigInt64: true })
  if (!containsMap(value)) return encoder.encode(value)
  const parts: Uint8Array[] = []
  const walk = (v: unknown): void => {
    if (!containsMap(v)) parts.push(encoder.encode(v))
    else if (v instanceof Map) {
      parts.push(msgpackHeader('map', v.size))
      for (const [k, val] of v) {
        walk(k)
        walk(val)
      }
    } else if (Array.isArray(v)) {
      parts.push(msgpackHeader('array', v.length))
      v.forEach(walk)
    } else {
      const entries = Object.entries(v as object)
      parts.push(msgpackHeader('map', entries.length))
      for (const [k, val] of entries) {
        walk(k)
        walk(val)
      }
    }
  }
  walk(value)
  return concat(parts)
}

// ---------------------------------------------------------------------------------------------
// CBOR

const CBOR_SELF_DESCRIBE = 55799

function decodeTag(tag: number | bigint, inner: unknown): unknown {
  if (tag === 0 && typeof inner === 'string') {
    const date = new Date(inner)
    if (!Number.isNaN(date.getTime())) return date
  }
  if (tag === 1 && typeof inner === 'number' && Number.isFinite(inner)) {
    const date = new Date(inner * 1000)
    if (!Number.isNaN(date.getTime())) return date
  }
  if ((tag === 2 || tag === 3) && inner instanceof Uint8Array) {
    let n = 0n
    for (const b of inner) n = (n << 8n) | BigInt(b)
    return tag === 2 ? n : -1n - n
  }
  if (tag === CBOR_SELF_DESCRIBE) return inner
  return new CborTag(tag, inner)
}

/**
 * cborg throws on a tag without a decoder and looks decoders up as `tags[number]`; this array answers
 * every number, so no tag ever throws and unknown ones come back as CborTag.
 */
const ALL_TAGS = new Proxy([] as TagDecoder[], {
  get(target, key, receiver) {
    if (typeof key === 'string' && /^\d+$/.test(key)) {
      const tag = Number.isSafeInteger(Number(key)) ? Number(key) : BigInt(key)
      return (inner: unknown) => decodeTag(tag, inner)
    }
    return Reflect.get(target, key, receiver)
  },
})

/** cborg's tokenizer, refusing text strings (and chunks of them) that are not UTF-8. */
function strictTokenizer(bytes: Uint8Array, options: DecodeOptions): DecodeOptions['tokenizer'] {
  const inner = new Tokenizer(bytes, { ...options, retainStringBytes: true })
  return {
    done: () => inner.done(),
    pos: () => inner.pos(),
    next: () => {
      const at = inner.pos()
      const token = inner.next()
      const raw = token.type === Type.string ? token.byteValue : undefined
      if (raw) {
        const bad = firstInvalidUtf8Offset(raw)
        if (bad >= 0) throw invalidUtf8('CBOR', at + (token.encodedLength ?? raw.length) - raw.length + bad)
      }
      return token
    },
  }
}

export function decodeCbor(bytes: Uint8Array): DecodeResult {
  if (bytes.length === 0) return { ok: false, error: 'No data: an empty payload is not a CBOR item' }
  try {
    // useMaps: maps may have keys of any type, and a Map keeps their order.
    // A tokenizer given in the options does not get cborg's defaults: they are spelled out.
    const options: DecodeOptions = {
      strict: false,
      allowIndefinite: true,
      allowUndefined: true,
      allowBigInt: true,
      useMaps: true,
      tags: ALL_TAGS,
    }
    const [value, rest] = cborDecodeFirst(bytes, { ...options, tokenizer: strictTokenizer(bytes, options) })
    if (rest.length > 0) return trailingError(rest.length)
    return result(value)
  } catch (e) {
    return { ok: false, error: formatError(e) }
  }
}

const CBOR_OPTIONS = {
  // Keep the order the user wrote; cborg sorts map keys by default (deterministic CBOR).
  mapSorter: undefined,
  typeEncoders: {
    // Tag 0: a date-time string (RFC 8949 §3.4.1)
    Date: (d: Date) => [new Token(Type.tag, 0), new Token(Type.string, d.toISOString())],
  },
}

function containsTag(v: unknown): boolean {
  if (v instanceof CborTag) return true
  if (Array.isArray(v)) return v.some(containsTag)
  if (v instanceof Map) return [...v].some(([k, val]) => containsTag(k) || containsTag(val))
  if (isPlainObject(v)) return Object.values(v).some(containsTag)
  return false
}

function cborHeader(major: number, n: number | bigint): Uint8Array {
  const m = major << 5
  if (typeof n === 'number' && n < 24) return Uint8Array.of(m | n)
  if (typeof n === 'number' && n < 0x100) return Uint8Array.of(m | 24, n)
  if (typeof n === 'number' && n < 0x10000) return Uint8Array.of(m | 25, n >> 8, n & 0xff)
  if (typeof n === 'number' && n < 0x100000000) {
    return Uint8Array.of(m | 26, n >>> 24, (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff)
  }
  const out = new Uint8Array(9)
  out[0] = m | 27
  new DataView(out.buffer).setBigUint64(1, BigInt(n))
  return out
}

/**
 * Encodes a value as CBOR: plain objects and Maps become maps in their own order, Uint8Array → byte
 * string, bigint → integer (or bignum tag), Date → tag 0, CborTag → its tag. Throws on what CBOR
 * cannot hold (functions, symbols).
 */
export function encodeCbor(value: unknown): Uint8Array {
  if (!containsTag(value)) return cborEncode(value, CBOR_OPTIONS)
  const parts: Uint8Array[] = []
  const walk = (v: unknown): void => {
    if (v instanceof CborTag) {
      parts.push(cborHeader(6, v.tag))
      walk(v.value)
    } else if (!containsTag(v)) parts.push(cborEncode(v, CBOR_OPTIONS))
    else if (Array.isArray(v)) {
      parts.push(cborHeader(4, v.length))
      v.forEach(walk)
    } else {
      const entries: [unknown, unknown][] = v instanceof Map ? [...v] : Object.entries(v as object)
      parts.push(cborHeader(5, entries.length))
      for (const [k, val] of entries) {
        walk(k)
        walk(val)
      }
    }
  }
  walk(value)
  return concat(parts)
}
