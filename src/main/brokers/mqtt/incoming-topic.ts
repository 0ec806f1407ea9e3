import type { IPublishPacket } from 'mqtt'
import { generate } from 'mqtt-packet'
import { topicNameError } from '../../../shared/mqtt-topic'

/**
 * Why a topic the broker delivered breaks MQTT (§4.7: no wildcards, no NUL, not empty, valid
 * UTF-8), or null. A real broker never relays such a topic; a broken one or a bridge might.
 *
 * mqtt-packet decodes the topic leniently, turning bytes that are not UTF-8 into U+FFFD, so those
 * are found by length: the topic's bytes on the wire are what the packet's remaining length leaves
 * after the payload, the packet id and (MQTT 5) the properties, and a U+FFFD that stands for invalid
 * bytes re-encodes to a different length. (Not always: a run of exactly three bad bytes, such as a
 * 4-byte character cut after its third, decodes to one U+FFFD of three bytes, and passes.)
 */
export function incomingTopicError(topic: string, packet: IPublishPacket, v5: boolean): string | null {
  const error = topicNameError(topic)
  if (error) return error
  if (!topic.includes('\ufffd') || packet.length === undefined) return null
  if (packet.properties?.topicAlias !== undefined) return null // the topic came from an earlier packet
  const payload =
    typeof packet.payload === 'string' ? Buffer.byteLength(packet.payload) : packet.payload.length
  const room = packet.length - 2 - payload - (packet.qos > 0 ? 2 : 0)
  const bytes = Buffer.byteLength(topic, 'utf8')
  return bytes !== room - (v5 ? propertiesBytes(packet) : 0) ? 'Topic is not valid UTF-8' : null
}

/** The MQTT 5 properties' size on the wire (their length prefix included), as mqtt-packet writes them. */
function propertiesBytes(packet: IPublishPacket): number {
  if (packet.properties === undefined) return 1
  try {
    const probe = generate(
      {
        cmd: 'publish',
        topic: '',
        payload: Buffer.alloc(0),
        qos: 0,
        retain: false,
        dup: false,
        properties: packet.properties,
      },
      { protocolVersion: 5 },
    )
    let remaining = 0
    let i = 1
    for (let shift = 0; i < probe.length; i++, shift += 7) {
      remaining += (probe[i]! & 0x7f) * 2 ** shift
      if ((probe[i]! & 0x80) === 0) break
    }
    return remaining - 2 // the empty topic's length prefix
  } catch {
    return 1
  }
}
