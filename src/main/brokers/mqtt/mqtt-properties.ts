import type { IPublishPacket } from 'mqtt'
import type { MqttPublishProperties } from '../../../shared/messages'

type PacketProperties = NonNullable<IPublishPacket['properties']>

/**
 * mqtt.js keeps user properties as an object of string | string[]: it keeps repeats of a key, but
 * not the order between different keys. The app's form is a list of pairs (what the wire carries);
 * these convert between the two.
 */
export function fromPacketProperties(p: PacketProperties | undefined): MqttPublishProperties | null {
  if (!p) return null
  const out: MqttPublishProperties = {}
  if (p.payloadFormatIndicator !== undefined) out.payloadFormatIndicator = p.payloadFormatIndicator
  if (p.messageExpiryInterval !== undefined) out.messageExpiryInterval = p.messageExpiryInterval
  if (p.topicAlias !== undefined) out.topicAlias = p.topicAlias
  if (p.responseTopic !== undefined) out.responseTopic = p.responseTopic
  if (p.correlationData !== undefined) out.correlationData = new Uint8Array(p.correlationData)
  if (p.contentType !== undefined) out.contentType = p.contentType
  if (p.userProperties) {
    out.userProperties = Object.entries(p.userProperties).flatMap(([k, v]) =>
      (Array.isArray(v) ? v : [v]).map((value): [string, string] => [k, String(value)]),
    )
  }
  if (p.subscriptionIdentifier !== undefined) {
    out.subscriptionIdentifiers = Array.isArray(p.subscriptionIdentifier)
      ? p.subscriptionIdentifier
      : [p.subscriptionIdentifier]
  }
  return Object.keys(out).length > 0 ? out : null
}

export function toPacketProperties(p: MqttPublishProperties | undefined): PacketProperties | undefined {
  if (!p) return undefined
  const out: PacketProperties = {}
  if (p.payloadFormatIndicator !== undefined) out.payloadFormatIndicator = p.payloadFormatIndicator
  if (p.messageExpiryInterval !== undefined) out.messageExpiryInterval = p.messageExpiryInterval
  if (p.responseTopic !== undefined) out.responseTopic = p.responseTopic
  if (p.correlationData !== undefined) out.correlationData = Buffer.from(p.correlationData)
  if (p.contentType !== undefined) out.contentType = p.contentType
  if (p.userProperties && p.userProperties.length > 0) {
    const props: Record<string, string | string[]> = {}
    for (const [k, v] of p.userProperties) {
      const prev = props[k]
      props[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v]
    }
    out.userProperties = props
  }
  // Topic aliases and subscription identifiers are the client's and the broker's business, not a
  // thing to copy from a received message into a new one.
  return Object.keys(out).length > 0 ? out : undefined
}
