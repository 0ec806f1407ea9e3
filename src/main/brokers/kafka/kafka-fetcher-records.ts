import { gunzip } from 'node:zlib'
import { promisify } from 'node:util'

/**
 * Kafka's record batches (magic 2, Kafka 0.11 and newer) decoded from a Fetch response's record
 * set, by hand rather than by kafkajs's decoder: headers stay a list in wire order (kafkajs folds
 * them into an object, which groups a name's repeats and puts integer-like names first), offsets are
 * not Long objects per record, and the batch attributes that decide what a reader must skip —
 * control batches and batches of aborted transactions — are at hand.
 */

/** One record as the rest of the core sees it: plain values, no kafkajs types. */
export interface KafkaRecord {
  partition: number
  /** int64 as a decimal string. */
  offset: string
  timestamp: number
  timestampType: 'create' | 'log-append'
  key: Uint8Array | null
  /** In wire order, repeats kept. A null header value (the protocol allows it) reads as empty. */
  headers: [string, Uint8Array][]
  /** null: a tombstone. */
  value: Uint8Array | null
}

/** An aborted transaction as a read_committed Fetch response lists it. */
export interface AbortedTransaction {
  producerId: bigint
  firstOffset: bigint
}

/** Decompresses a batch's records; `codec` is the batch's compression attribute (1 gzip … 4 zstd). */
export type Decompress = (codec: number, bytes: Buffer) => Promise<Buffer>

export interface DecodedRecords {
  records: KafkaRecord[]
  /** One past the last complete batch (skipped or not), or null when no batch was complete. */
  next: bigint | null
  /**
   * Bytes a fetch must allow for the first incomplete batch to arrive whole, when the record set
   * ended inside one and nothing complete came before it; else null.
   */
  incompleteBatchBytes: number | null
}

const BATCH_HEADER = 61
const LOG_OVERHEAD = 12
const ATTR_CODEC = 0x07
const ATTR_LOG_APPEND_TIME = 0x08
const ATTR_TRANSACTIONAL = 0x10
const ATTR_CONTROL = 0x20
/** Control record type of an abort marker (1 is commit). */
const CONTROL_ABORT = 0

const gunzipAsync = promisify(gunzip)
const decoder = new TextDecoder('utf-8')

/** Gzip is built in; snappy, lz4 and zstd need a codec registered with kafkajs (see the fetcher). */
export const gzipOnly: Decompress = async (codec, bytes) => {
  if (codec === 1) return gunzipAsync(bytes)
  throw new Error(`records compressed with ${CODEC_NAMES[codec] ?? `codec ${codec}`} cannot be read here`)
}

export const CODEC_NAMES: Record<number, string> = { 1: 'gzip', 2: 'snappy', 3: 'lz4', 4: 'zstd' }

/**
 * The records of one partition's record set at or after `fetchOffset` (a broker returns whole
 * batches, so the first may start before it), without control records and without the records of
 * aborted transactions (read_committed).
 */
export async function decodeRecordSet(
  set: Buffer,
  partition: number,
  fetchOffset: bigint,
  aborted: AbortedTransaction[],
  decompress: Decompress = gzipOnly,
): Promise<DecodedRecords> {
  const records: KafkaRecord[] = []
  let next: bigint | null = null
  let incompleteBatchBytes: number | null = null
  const pending = [...aborted].sort((a, b) => (a.firstOffset < b.firstOffset ? -1 : 1))
  let abortIndex = 0
  const abortedProducers = new Set<bigint>()
  let pos = 0
  while (pos + LOG_OVERHEAD <= set.length) {
    const baseOffset = set.readBigInt64BE(pos)
    const batchLength = set.readInt32BE(pos + 8)
    const end = pos + LOG_OVERHEAD + batchLength
    if (batchLength < BATCH_HEADER - LOG_OVERHEAD || end > set.length) {
      // Cut by the fetch size: fine after a complete batch, a sign to fetch more bytes otherwise.
      if (next === null) incompleteBatchBytes = LOG_OVERHEAD + Math.max(batchLength, 0)
      break
    }
    const magic = set.readInt8(pos + 16)
    if (magic !== 2) {
      throw new Error(
        `partition ${partition} holds records in the message format v${magic} (Kafka before 0.11), which cannot be read here`,
      )
    }
    const attributes = set.readInt16BE(pos + 21)
    const lastOffsetDelta = set.readInt32BE(pos + 23)
    const lastOffset = baseOffset + BigInt(lastOffsetDelta)
    const producerId = set.readBigInt64BE(pos + 43)
    const count = set.readInt32BE(pos + 57)
    next = lastOffset + 1n

    while (abortIndex < pending.length && pending[abortIndex]!.firstOffset <= lastOffset)
      abortedProducers.add(pending[abortIndex++]!.producerId)
    const transactional = (attributes & ATTR_TRANSACTIONAL) !== 0
    if ((attributes & ATTR_CONTROL) !== 0) {
      // A control batch holds one marker: an abort ends that producer's aborted transaction.
      if (transactional && count > 0 && controlType(set, pos + BATCH_HEADER, end) === CONTROL_ABORT)
        abortedProducers.delete(producerId)
    } else if (!(transactional && abortedProducers.has(producerId)) && lastOffset >= fetchOffset) {
      const codec = attributes & ATTR_CODEC
      let body = set
      let bodyStart = pos + BATCH_HEADER
      let bodyEnd = end
      if (codec !== 0) {
        body = await decompress(codec, set.subarray(bodyStart, end))
        bodyStart = 0
        bodyEnd = body.length
      }
      decodeRecords(body, bodyStart, bodyEnd, count, {
        partition,
        baseOffset,
        baseTimestamp: Number(set.readBigInt64BE(pos + 27)),
        maxTimestamp: Number(set.readBigInt64BE(pos + 35)),
        logAppendTime: (attributes & ATTR_LOG_APPEND_TIME) !== 0,
        fetchOffset,
        out: records,
      })
    }
    pos = end
  }
  return { records, next, incompleteBatchBytes }
}

interface BatchContext {
  partition: number
  baseOffset: bigint
  baseTimestamp: number
  maxTimestamp: number
  logAppendTime: boolean
  fetchOffset: bigint
  out: KafkaRecord[]
}

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER)

function decodeRecords(buf: Buffer, start: number, end: number, count: number, batch: BatchContext): void {
  const c = new Cursor(buf, start, end)
  // Offsets as numbers while they are exact (always, in practice): a BigInt per record costs.
  const safe = batch.baseOffset + 0xffffffffn <= MAX_SAFE
  const baseNumber = Number(batch.baseOffset)
  const minDelta = batch.fetchOffset > batch.baseOffset ? Number(batch.fetchOffset - batch.baseOffset) : 0
  for (let i = 0; i < count; i++) {
    const length = c.varint()
    const recordEnd = c.pos + length
    if (length < 0 || recordEnd > end) throw new Error(`a record of partition ${batch.partition} is damaged`)
    c.pos++ // attributes: unused
    const timestampDelta = c.varlong()
    const offsetDelta = c.varint()
    const key = c.bytes()
    const value = c.bytes()
    const headerCount = c.varint()
    const headers: [string, Uint8Array][] = headerCount === 0 ? NO_HEADERS : []
    for (let h = 0; h < headerCount; h++) {
      const name = c.bytes()
      const v = c.bytes()
      headers.push([name ? decoder.decode(name) : '', v ?? EMPTY])
    }
    c.pos = recordEnd
    if (offsetDelta < minDelta) continue
    batch.out.push({
      partition: batch.partition,
      offset: safe ? String(baseNumber + offsetDelta) : String(batch.baseOffset + BigInt(offsetDelta)),
      timestamp: batch.logAppendTime ? batch.maxTimestamp : batch.baseTimestamp + timestampDelta,
      timestampType: batch.logAppendTime ? 'log-append' : 'create',
      key,
      headers,
      value,
    })
  }
}

/** The type of a control batch's first record (its key: version int16, type int16). */
function controlType(buf: Buffer, start: number, end: number): number | null {
  const c = new Cursor(buf, start, end)
  c.varint() // length
  c.pos++ // attributes
  c.varlong() // timestamp delta
  c.varint() // offset delta
  const key = c.bytes()
  return key && key.length >= 4 ? (key[2]! << 8) | key[3]! : null
}

const EMPTY = new Uint8Array(0)
/** Shared by every record without headers (most): one array less per record. Never mutated. */
const NO_HEADERS: [string, Uint8Array][] = Object.freeze([]) as unknown as [string, Uint8Array][]

/** Zig-zag varints as the record format writes them; byte fields share the response's memory. */
class Cursor {
  constructor(
    readonly buf: Buffer,
    public pos: number,
    readonly end: number,
  ) {}

  /** Up to 53 bits exactly (varlong timestamps deltas and lengths never come near that). */
  varlong(): number {
    let raw = 0
    let scale = 1
    for (let i = 0; i < 10; i++) {
      if (this.pos >= this.end) throw new Error('a record ends early')
      const b = this.buf[this.pos++]!
      raw += (b & 0x7f) * scale
      if ((b & 0x80) === 0) return raw % 2 === 0 ? raw / 2 : -(raw + 1) / 2
      scale *= 128
    }
    throw new Error('a varint is too long')
  }

  varint(): number {
    return this.varlong()
  }

  /**
   * A plain Uint8Array view, not a Buffer: JSON.stringify turns a Buffer into {type, data} before
   * any replacer sees it, and the history's metadata column and the wire encode bytes that way.
   */
  bytes(): Uint8Array | null {
    const length = this.varint()
    if (length < 0) return null
    const start = this.pos
    this.pos += length
    if (this.pos > this.end) throw new Error('a record ends early')
    return new Uint8Array(this.buf.buffer, this.buf.byteOffset + start, length)
  }
}
