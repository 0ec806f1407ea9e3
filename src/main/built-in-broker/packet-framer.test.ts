import { generate } from 'mqtt-packet'
import { describe, expect, it } from 'vitest'
import { PacketFramer, type Frame } from './packet-framer'

const connect = generate({
  cmd: 'connect',
  clientId: 'dev-1',
  protocolVersion: 4,
  keepalive: 30,
  clean: true,
})
const publish = (bytes: number) =>
  generate({
    cmd: 'publish',
    topic: 't/x',
    payload: Buffer.alloc(bytes, 0x61),
    qos: 0,
    dup: false,
    retain: false,
  })
const pingreq = generate({ cmd: 'pingreq' })

function frames(
  chunks: Uint8Array[],
  keep: (type: number) => boolean = () => true,
  maxKeep?: number,
): Frame[] {
  const out: Frame[] = []
  const framer = new PacketFramer((f) => out.push(f), keep, maxKeep)
  for (const c of chunks) framer.push(c)
  return out
}

describe('PacketFramer', () => {
  it('splits a stream into packets with their exact bytes', () => {
    const stream = Buffer.concat([connect, publish(5), pingreq])
    const got = frames([stream])
    expect(got.map((f) => f.type)).toEqual([1, 3, 12])
    expect(got.map((f) => f.bytes!.toString('hex'))).toEqual(
      [connect, publish(5), pingreq].map((b) => b.toString('hex')),
    )
    expect(got.every((f) => f.complete)).toBe(true)
  })

  it('finds the same packets whatever the chunking, down to one byte at a time', () => {
    // 200 bytes of payload: a remaining length of two bytes, split between chunks too.
    const stream = Buffer.concat([connect, publish(200), pingreq, publish(20_000)])
    const whole = frames([stream]).map((f) => f.bytes!.toString('hex'))
    for (const size of [1, 2, 3, 7, 64]) {
      const chunks: Buffer[] = []
      for (let i = 0; i < stream.length; i += size) chunks.push(stream.subarray(i, i + size))
      expect(frames(chunks).map((f) => f.bytes!.toString('hex'))).toEqual(whole)
    }
    // Type byte, remaining length (1 to 3 bytes here), topic (2 + 3 bytes) and payload.
    expect(frames([stream]).map((f) => f.size)).toEqual([connect.length, 1 + 2 + 205, 2, 1 + 3 + 20_005])
  })

  it('skips the bytes of packets it is not asked to keep, and still counts them', () => {
    const got = frames([Buffer.concat([publish(10), pingreq])], (type) => type === 12)
    expect(got).toEqual([
      { type: 3, size: 17, bytes: null, complete: false },
      { type: 12, size: 2, bytes: pingreq, complete: true },
    ])
  })

  it('keeps only the first bytes of a packet larger than it may keep', () => {
    const big = publish(5000)
    const [f] = frames([big], () => true, 1000)
    expect(f).toMatchObject({ type: 3, size: big.length, complete: false })
    expect(f!.bytes!.equals(big.subarray(0, 1000))).toBe(true)
  })

  it('gives up on a remaining length longer than four bytes', () => {
    const out: Frame[] = []
    const framer = new PacketFramer(
      (f) => out.push(f),
      () => true,
    )
    framer.push(Uint8Array.from([0x30, 0xff, 0xff, 0xff, 0xff, 0x01, 0x00]))
    expect(framer.broken).toContain('longer than 4 bytes')
    framer.push(pingreq)
    expect(out).toEqual([])
  })
})
