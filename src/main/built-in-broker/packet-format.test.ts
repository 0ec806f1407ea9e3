import { generate } from 'mqtt-packet'
import { describe, expect, it } from 'vitest'
import { HEX_BYTES, JSON_FIELD_BYTES, packetJson, toBrokerPacket } from './packet-format'
import { PacketDecoder } from './packet-decoder'
import type { Frame } from './packet-framer'

const frameOf = (bytes: Buffer): Frame => ({
  type: bytes[0]! >> 4,
  size: bytes.length,
  bytes,
  complete: true,
})

describe('PacketDecoder', () => {
  it('learns MQTT 5 from the CONNECT and then decodes properties', () => {
    const decoder = new PacketDecoder()
    const c = decoder.decode(
      generate(
        { cmd: 'connect', clientId: 'v5', protocolVersion: 5, keepalive: 10, clean: true },
        { protocolVersion: 5 },
      ),
    )
    expect(c).toMatchObject({ cmd: 'connect', protocolVersion: 5 })
    const p = decoder.decode(
      generate(
        {
          cmd: 'publish',
          topic: 'a',
          payload: Buffer.from('x'),
          qos: 0,
          dup: false,
          retain: false,
          properties: { contentType: 'text/plain', userProperties: { site: 'lab' } },
        },
        { protocolVersion: 5 },
      ),
    )
    expect(p).toMatchObject({
      cmd: 'publish',
      properties: { contentType: 'text/plain', userProperties: { site: 'lab' } },
    })
  })

  it('reports a bad packet and decodes the next one cleanly', () => {
    const decoder = new PacketDecoder(4)
    expect(decoder.decode(Buffer.from([0x41, 0x02, 0x00, 0x01]))).toBeInstanceOf(Error) // PUBACK, flags must be 0
    expect(decoder.decode(Buffer.from([0x30, 0x05, 0x00]))).toBeInstanceOf(Error) // cut short
    expect(decoder.decode(generate({ cmd: 'pingreq' }))).toMatchObject({ cmd: 'pingreq' })
  })
})

describe('packetJson', () => {
  it('shows a text payload as text and leaves out what a non-PUBLISH does not use', () => {
    const publish = JSON.parse(
      packetJson({
        cmd: 'publish',
        topic: 't',
        payload: Buffer.from('21.5'),
        qos: 1,
        retain: false,
        dup: false,
        messageId: 7,
        length: 9,
      }),
    )
    expect(publish).toEqual({
      cmd: 'publish',
      topic: 't',
      payload: '21.5',
      qos: 1,
      retain: false,
      dup: false,
      messageId: 7,
    })
    const ping = JSON.parse(
      packetJson({
        cmd: 'pingreq',
        retain: false,
        qos: 0,
        dup: false,
        length: 0,
        topic: null,
        payload: null,
      }),
    )
    expect(ping).toEqual({ cmd: 'pingreq' })
  })

  it('shows binary bytes as hex, says when a field was cut, and hides the password', () => {
    const json = JSON.parse(
      packetJson({
        cmd: 'connect',
        clientId: 'dev',
        password: Buffer.from('hunter2'),
        will: { topic: 'w', payload: Uint8Array.from([0, 1, 2, 255]), qos: 1, retain: true },
        properties: { authenticationData: Buffer.alloc(JSON_FIELD_BYTES + 10, 0x41) },
      }),
    )
    expect(json.password).toBe('(7 bytes, hidden)')
    expect(json.will).toEqual({ topic: 'w', payloadHex: '000102ff', qos: 1, retain: true })
    expect(json.properties.authenticationData).toHaveLength(JSON_FIELD_BYTES)
    expect(json.properties.authenticationDataBytes).toBe(JSON_FIELD_BYTES + 10)
  })
})

describe('toBrokerPacket', () => {
  it('names the packet, keeps its size and the first 4 KiB of its bytes as hex', () => {
    const bytes = generate({
      cmd: 'publish',
      topic: 'big',
      payload: Buffer.alloc(10_000, 1),
      qos: 0,
      dup: false,
      retain: false,
    })
    const decoded = new PacketDecoder(4).decode(bytes)
    const p = toBrokerPacket('in', 123, frameOf(bytes), decoded)
    expect(p).toMatchObject({ at: 123, direction: 'in', type: 'publish', size: bytes.length })
    expect(p.hex).toHaveLength(HEX_BYTES * 2)
    expect(p.hex).toBe(bytes.subarray(0, HEX_BYTES).toString('hex'))
    expect(JSON.parse(p.json)).toMatchObject({ cmd: 'publish', topic: 'big', payloadHex: expect.any(String) })
  })

  it('says why a packet could not be decoded, and when it was too large to', () => {
    const bad = Buffer.from([0x41, 0x02, 0x00, 0x01])
    const p = toBrokerPacket('in', 1, frameOf(bad), new Error('Invalid header flag bits'))
    expect(JSON.parse(p.json)).toEqual({
      cmd: 'puback',
      error: 'not a valid PUBACK: Invalid header flag bits',
    })
    const cut = toBrokerPacket(
      'out',
      1,
      { type: 3, size: 5_000_000, bytes: Buffer.from([0x30]), complete: false },
      null,
    )
    expect(JSON.parse(cut.json).note).toContain('5000000 bytes')
    expect(cut).toMatchObject({ type: 'publish', size: 5_000_000, hex: '30' })
  })
})
