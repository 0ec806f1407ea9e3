import { createRequire } from 'node:module'
import { describe, expect, it } from 'vitest'
import { kafkaHeaders } from './kafka-headers'

// kafkajs's own record encoder and decoder (not in its public API): what the producer really
// puts on the wire, so that this fails if a kafkajs upgrade changes how it sends headers.
const require = createRequire(import.meta.url)
const encodeRecord = require('kafkajs/src/protocol/recordBatch/record/v0') as (r: object) => {
  buffer: Buffer
}
const Decoder = require('kafkajs/src/protocol/decoder') as new (b: Buffer) => KafkaDecoder

interface KafkaDecoder {
  readVarInt(): number
  readInt8(): number
  readVarLong(): unknown
  readVarIntBytes(): Buffer | null
  readVarIntString(): string
  readVarIntArray<T>(reader: (d: KafkaDecoder) => T): T[]
}

const enc = (s: string) => new TextEncoder().encode(s)

/** The headers of one encoded record, in wire order. */
function wireHeaders(headers: object | undefined): [string, string][] {
  const d = new Decoder(encodeRecord({ key: null, value: Buffer.from('v'), headers }).buffer)
  d.readVarInt() // length
  d.readInt8() // attributes
  d.readVarLong() // timestamp delta
  d.readVarInt() // offset delta
  d.readVarIntBytes() // key
  d.readVarIntBytes() // value
  return d.readVarIntArray((h) => [h.readVarIntString(), h.readVarIntBytes()!.toString()])
}

describe('kafkaHeaders', () => {
  it('keeps every repeat, in order, and says the order kafkajs sends them in', () => {
    const { headers, sent } = kafkaHeaders([
      ['trace', enc('1')],
      ['span', enc('2')],
      ['trace', enc('3')],
      ['42', enc('4')],
      ['__proto__', enc('5')],
    ])
    const wire = wireHeaders(headers)
    expect(wire).toEqual(sent.map(([name, value]) => [name, new TextDecoder().decode(value)]))
    // A name's values go together; an integer-like name goes first (JavaScript object key order).
    expect(wire).toEqual([
      ['42', '4'],
      ['trace', '1'],
      ['trace', '3'],
      ['span', '2'],
      ['__proto__', '5'],
    ])
  })

  it('sends no headers for none', () => {
    expect(kafkaHeaders([])).toEqual({ headers: undefined, sent: [] })
    expect(wireHeaders(undefined)).toEqual([])
  })

  it('keeps binary values as they are', () => {
    const bytes = Uint8Array.from({ length: 256 }, (_, i) => i)
    const { sent } = kafkaHeaders([['raw', bytes]])
    expect(sent[0]![1]).toBe(bytes)
  })
})
