import { createRequire } from 'node:module'
import { describe, expect, it } from 'vitest'
import { decodeRecordSet, gzipOnly, type KafkaRecord } from './kafka-fetcher-records'

// kafkajs's own record batch encoder (not in its public API): batches as a real producer writes
// them, so that the decoder is checked against an encoder it does not share code with.
const require = createRequire(import.meta.url)
const { RecordBatch } = require('kafkajs/src/protocol/recordBatch/v0') as {
  RecordBatch: (batch: object) => Promise<{ buffer: Buffer }>
}
const Record = require('kafkajs/src/protocol/recordBatch/record/v0') as (record: object) => unknown
const { Types } = require('kafkajs/src/protocol/message/compression') as { Types: { GZIP: number } }

const T0 = 1_700_000_000_000

interface Spec {
  key?: string | null
  value?: string | null
  headers?: Record<string, string | string[]>
  offsetDelta: number
  timestampDelta?: number
}

async function batch(
  firstOffset: number,
  records: Spec[],
  options: { transactional?: boolean; producerId?: number; gzip?: boolean } = {},
): Promise<Buffer> {
  const encoded = await RecordBatch({
    firstOffset: String(firstOffset),
    firstTimestamp: T0,
    maxTimestamp: T0 + 999,
    lastOffsetDelta: Math.max(...records.map((r) => r.offsetDelta)),
    transactional: options.transactional ?? false,
    producerId: String(options.producerId ?? -1),
    compression: options.gzip ? Types.GZIP : 0,
    records: records.map((r) =>
      Record({
        offsetDelta: r.offsetDelta,
        timestampDelta: r.timestampDelta ?? r.offsetDelta,
        key: r.key === undefined || r.key === null ? null : Buffer.from(r.key),
        value: r.value === undefined ? Buffer.from(`v${r.offsetDelta}`) : r.value && Buffer.from(r.value),
        headers: Object.fromEntries(
          Object.entries(r.headers ?? {}).map(([k, v]) => [
            k,
            Array.isArray(v) ? v.map((x) => Buffer.from(x)) : Buffer.from(v),
          ]),
        ),
      }),
    ),
  })
  return encoded.buffer
}

/** Sets attribute bits kafkajs's encoder has no option for (the CRC is not checked on read). */
function withAttributes(buf: Buffer, bits: number): Buffer {
  const out = Buffer.from(buf)
  out.writeInt16BE(out.readInt16BE(21) | bits, 21)
  return out
}

/** A control batch: one record whose key is (version 0, type), as a transaction coordinator writes. */
async function marker(offset: number, producerId: number, type: 'abort' | 'commit'): Promise<Buffer> {
  const b = await RecordBatch({
    firstOffset: String(offset),
    firstTimestamp: T0,
    maxTimestamp: T0,
    transactional: true,
    producerId: String(producerId),
    records: [Record({ key: Buffer.from([0, 0, 0, type === 'abort' ? 0 : 1]), value: Buffer.alloc(6) })],
  })
  return withAttributes(b.buffer, 0x20)
}

const values = (records: KafkaRecord[]) => records.map((r) => Buffer.from(r.value!).toString())
const offsets = (records: KafkaRecord[]) => records.map((r) => r.offset)

describe('decodeRecordSet', () => {
  it('decodes offsets, timestamps, keys, values and headers of consecutive batches', async () => {
    const set = Buffer.concat([
      await batch(100, [
        { offsetDelta: 0, key: 'k0', headers: { trace: ['a', 'b'], empty: '' } },
        { offsetDelta: 1, key: null, value: null, timestampDelta: 5000 },
      ]),
      await batch(102, [{ offsetDelta: 0, key: '' }]),
    ])
    const { records, next, incompleteBatchBytes } = await decodeRecordSet(set, 4, 100n, [])
    expect(next).toBe(103n)
    expect(incompleteBatchBytes).toBeNull()
    expect(records).toHaveLength(3)
    expect(records[0]).toMatchObject({ partition: 4, offset: '100', timestamp: T0, timestampType: 'create' })
    expect(Buffer.from(records[0]!.key!).toString()).toBe('k0')
    expect(records[0]!.headers.map(([n, v]) => [n, Buffer.from(v).toString()])).toEqual([
      ['trace', 'a'],
      ['trace', 'b'],
      ['empty', ''],
    ])
    expect(records[1]).toMatchObject({ offset: '101', timestamp: T0 + 5000, key: null, value: null })
    expect(records[2]!.key).toHaveLength(0)
    expect(records[2]!.offset).toBe('102')
  })

  it('keeps interleaved header names in wire order', async () => {
    // kafkajs's encoder groups a name's values; write the record's headers by hand instead.
    const b = await batch(0, [{ offsetDelta: 0, value: 'x' }])
    const recordStart = 61
    const headersAt = b.length - 1 // the record ends with its header count, 0
    expect(b[headersAt]).toBe(0)
    const header = (name: string, value: string) =>
      Buffer.concat([varint(name.length), Buffer.from(name), varint(value.length), Buffer.from(value)])
    const headers = Buffer.concat([varint(3), header('a', '1'), header('10', '2'), header('a', '3')])
    const body = Buffer.concat([b.subarray(recordStart + 1, headersAt), headers])
    const record = Buffer.concat([varint(body.length), body])
    const head = Buffer.from(b.subarray(0, recordStart))
    head.writeInt32BE(recordStart - 12 + record.length, 8)
    const { records } = await decodeRecordSet(Buffer.concat([head, record]), 0, 0n, [])
    expect(records[0]!.headers.map(([n, v]) => `${n}=${Buffer.from(v).toString()}`)).toEqual([
      'a=1',
      '10=2',
      'a=3',
    ])
  })

  it('skips records before the fetch offset inside a batch', async () => {
    const set = await batch(10, [{ offsetDelta: 0 }, { offsetDelta: 1 }, { offsetDelta: 2 }])
    const { records, next } = await decodeRecordSet(set, 0, 12n, [])
    expect(offsets(records)).toEqual(['12'])
    expect(next).toBe(13n)
  })

  it('reads gzip batches, and compacted batches with gaps in their offsets', async () => {
    const set = await batch(50, [{ offsetDelta: 0 }, { offsetDelta: 3 }, { offsetDelta: 7 }], { gzip: true })
    const { records, next } = await decodeRecordSet(set, 0, 51n, [])
    expect(offsets(records)).toEqual(['53', '57'])
    expect(values(records)).toEqual(['v3', 'v7'])
    expect(next).toBe(58n)
  })

  it('reports a batch cut short by the fetch size, with the bytes it needs', async () => {
    const whole = await batch(0, [{ offsetDelta: 0, value: 'x'.repeat(5000) }])
    const cut = await decodeRecordSet(whole.subarray(0, 1000), 0, 0n, [])
    expect(cut).toEqual({ records: [], next: null, incompleteBatchBytes: whole.length })
    // After a complete batch, a cut one is simply the end of this read.
    const second = await batch(1, [{ offsetDelta: 0 }])
    const partial = await decodeRecordSet(Buffer.concat([second, whole.subarray(0, 30)]), 0, 0n, [])
    expect(partial.next).toBe(2n)
    expect(partial.incompleteBatchBytes).toBeNull()
  })

  it('skips control batches and the records of aborted transactions, keeps committed ones', async () => {
    const set = Buffer.concat([
      await batch(0, [{ offsetDelta: 0 }, { offsetDelta: 1 }], { transactional: true, producerId: 7 }),
      await marker(2, 7, 'abort'),
      await batch(3, [{ offsetDelta: 0 }], { transactional: true, producerId: 8 }),
      await marker(4, 8, 'commit'),
      // The same producer again after its abort: a new transaction, committed.
      await batch(5, [{ offsetDelta: 0 }], { transactional: true, producerId: 7 }),
      await marker(6, 7, 'commit'),
      await batch(7, [{ offsetDelta: 0, value: 'plain' }]),
    ])
    const { records, next } = await decodeRecordSet(set, 0, 0n, [{ producerId: 7n, firstOffset: 0n }])
    expect(offsets(records)).toEqual(['3', '5', '7'])
    expect(values(records)).toEqual(['v0', 'v0', 'plain'])
    expect(next).toBe(8n)
    // read_uncommitted (no aborted list): only the markers go.
    expect(offsets((await decodeRecordSet(set, 0, 0n, [])).records)).toEqual(['0', '1', '3', '5', '7'])
  })

  it('moves past a set that holds only control records', async () => {
    const { records, next } = await decodeRecordSet(await marker(9, 1, 'commit'), 0, 9n, [])
    expect(records).toEqual([])
    expect(next).toBe(10n)
  })

  it('uses the batch time for log-append timestamps', async () => {
    const set = withAttributes(await batch(0, [{ offsetDelta: 0 }, { offsetDelta: 1 }]), 0x08)
    const { records } = await decodeRecordSet(set, 0, 0n, [])
    expect(records.map((r) => [r.timestamp, r.timestampType])).toEqual([
      [T0 + 999, 'log-append'],
      [T0 + 999, 'log-append'],
    ])
  })

  it('gives exact offsets past 2^53', async () => {
    const set = await batch(0, [{ offsetDelta: 0 }, { offsetDelta: 1 }])
    set.writeBigInt64BE(9_007_199_254_740_993n, 0)
    const { records, next } = await decodeRecordSet(set, 0, 0n, [])
    expect(offsets(records)).toEqual(['9007199254740993', '9007199254740994'])
    expect(next).toBe(9_007_199_254_740_995n)
  })

  it('says which codecs it cannot read', async () => {
    await expect(gzipOnly(2, Buffer.alloc(1))).rejects.toThrow(/snappy/)
  })
})

function varint(n: number): Buffer {
  let z = n >= 0 ? n * 2 : -n * 2 - 1
  const bytes: number[] = []
  while (z >= 0x80) {
    bytes.push((z & 0x7f) | 0x80)
    z = Math.floor(z / 128)
  }
  bytes.push(z)
  return Buffer.from(bytes)
}
