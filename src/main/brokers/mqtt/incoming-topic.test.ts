import type { IPublishPacket } from 'mqtt'
import { generate, parser, type Packet } from 'mqtt-packet'
import { describe, expect, it } from 'vitest'
import { incomingTopicError } from './incoming-topic'

/** Bytes through mqtt-packet's own parser, as mqtt.js hands packets over. */
function parse(bytes: Buffer, protocolVersion: 4 | 5): IPublishPacket {
  const p = parser({ protocolVersion })
  let out: Packet | null = null
  p.on('packet', (packet: Packet) => (out = packet))
  p.on('error', (err: Error) => {
    throw err
  })
  p.parse(bytes)
  return out! as IPublishPacket
}

/** A PUBLISH with the topic spliced in as raw bytes (mqtt-packet writes only valid strings). */
function publishWithTopicBytes(
  topic: Buffer,
  v: 4 | 5,
  qos: 0 | 1,
  properties?: IPublishPacket['properties'],
) {
  const placeholder = 'T'.repeat(topic.length)
  const packet = {
    cmd: 'publish',
    topic: placeholder,
    payload: Buffer.from('payload'),
    qos,
    retain: false,
    dup: false,
    messageId: qos ? 7 : undefined,
    properties,
  } as const
  const bytes = generate(packet as Packet, { protocolVersion: v })
  const at = bytes.indexOf(Buffer.from(placeholder))
  topic.copy(bytes, at)
  return parse(bytes, v)
}

describe('incomingTopicError', () => {
  it.each([4, 5] as const)(
    'MQTT %s: finds bytes that are not UTF-8, at QoS 0 and 1, with and without properties',
    (v) => {
      for (const qos of [0, 1] as const) {
        for (const bad of [
          [0xff],
          [0xe2, 0x82],
          [0xc0, 0xaf],
          [0xed, 0xa0, 0x80],
          [0x80, 0x80, 0x80, 0x80],
        ]) {
          const packet = publishWithTopicBytes(Buffer.from([0x61, 0x2f, ...bad]), v, qos)
          expect(packet.topic).toContain('\ufffd')
          expect(incomingTopicError(packet.topic, packet, v === 5)).toBe('Topic is not valid UTF-8')
        }
      }
      const props = publishWithTopicBytes(Buffer.from([0x61, 0xff]), 5, 1, { contentType: 'text/plain' })
      expect(incomingTopicError(props.topic, props, true)).toBe('Topic is not valid UTF-8')
    },
  )

  it('accepts a topic that really holds U+FFFD, and a topic given by an alias', () => {
    for (const v of [4, 5] as const) {
      const real = publishWithTopicBytes(Buffer.from('a/\ufffd/b'), v, 1)
      expect(real.topic).toBe('a/\ufffd/b')
      expect(incomingTopicError(real.topic, real, v === 5)).toBeNull()
    }
    const withProps = publishWithTopicBytes(Buffer.from('a/\ufffd'), 5, 1, {
      contentType: 'text/plain',
      userProperties: { k: 'v' },
      messageExpiryInterval: 60,
    })
    expect(incomingTopicError(withProps.topic, withProps, true)).toBeNull()
    const aliased = parse(
      generate(
        {
          cmd: 'publish',
          topic: '',
          payload: Buffer.from('x'),
          qos: 0,
          retain: false,
          dup: false,
          properties: { topicAlias: 3 },
        },
        { protocolVersion: 5 },
      ),
      5,
    )
    expect(incomingTopicError('a/\ufffd', aliased, true)).toBeNull()
  })

  it('names wildcards, NUL and the empty topic', () => {
    const ok = parse(
      generate({
        cmd: 'publish',
        topic: 'a/b',
        payload: Buffer.from('x'),
        qos: 0,
        retain: false,
        dup: false,
      }),
      4,
    )
    expect(incomingTopicError('a/b', ok, false)).toBeNull()
    expect(incomingTopicError('a/#', ok, false)).toMatch(/wildcards/)
    expect(incomingTopicError('a/+', ok, false)).toMatch(/wildcards/)
    expect(incomingTopicError('a\u0000', ok, false)).toMatch(/null character/)
    expect(incomingTopicError('', ok, false)).toMatch(/empty/)
  })
})
