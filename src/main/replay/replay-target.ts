import { ApiError } from '../../shared/api-error'
import type { AmqpProperties, KafkaMeta } from '../../shared/messages'
import type { Protocol } from '../../shared/profiles'
import { KAFKA_TOPIC_PATTERN, type PublishTarget } from '../../shared/publish'
import { amqpTreePath, kafkaTreePath } from '../../shared/tree-paths'
import type { ReplayItem } from './replay-job'

/**
 * Where a replayed message goes on the target's protocol. A message replayed to its own protocol
 * keeps everything it carried (AMQP exchange, routing key, properties and headers; Kafka key and
 * headers); across protocols the address is mapped the way the brokers' own bridges do it:
 *
 * - MQTT → AMQP: exchange `amq.topic`, routing key = topic with `/` → `.` (RabbitMQ's MQTT plugin);
 *   content type and user properties become the content type and headers.
 * - AMQP → MQTT: the topic is the tree path `exchange/routingKey`.
 * - anything → Kafka: the topic name with `/` → `.`; a name Kafka cannot take is refused with a
 *   hint to add a rewrite rule. Kafka records keep no partition: the target's partitioner places
 *   them by key, as the producer would.
 */
export function replayTarget(item: ReplayItem, protocol: Protocol): PublishTarget {
  switch (protocol) {
    case 'mqtt':
      return {
        protocol: 'mqtt',
        topic: item.topic,
        qos: item.qos,
        retain: item.retain,
        properties: item.properties ?? undefined,
      }
    case 'amqp':
      if (item.amqp) {
        const { exchange, routingKey, properties } = item.amqp
        return { protocol: 'amqp', exchange, routingKey, mandatory: false, properties }
      }
      return {
        protocol: 'amqp',
        exchange: 'amq.topic',
        routingKey: item.topic.replaceAll('/', '.'),
        mandatory: false,
        properties: amqpPropertiesOf(item),
      }
    case 'kafka': {
      if (item.kafka) {
        const { topic, key, headers } = item.kafka
        return { protocol: 'kafka', topic, partition: null, key, headers }
      }
      const topic = item.amqp ? item.amqp.routingKey : item.topic.replaceAll('/', '.')
      if (!KAFKA_TOPIC_PATTERN.test(topic)) {
        throw new ApiError(
          'invalid_input',
          `"${topic}" is not a Kafka topic name (1–249 of a-z A-Z 0-9 . _ -): add a rewrite rule that maps it to one`,
        )
      }
      return { protocol: 'kafka', topic, partition: null, key: null, headers: kafkaHeadersOf(item) }
    }
  }
}

/**
 * The replay's rewrite rule applied to an item's address: the topic for MQTT, the routing key for
 * AMQP, the topic for Kafka (the tree path follows, so logs and MQTT targets see the new name).
 */
export function rewriteItem(item: ReplayItem, rule: { from: string; to: string } | null): ReplayItem {
  if (!rule) return item
  const swap = (s: string) => (s.startsWith(rule.from) ? rule.to + s.slice(rule.from.length) : s)
  if (item.amqp) {
    const routingKey = swap(item.amqp.routingKey)
    if (routingKey === item.amqp.routingKey) return item
    return {
      ...item,
      topic: amqpTreePath(item.amqp.exchange, routingKey),
      amqp: { ...item.amqp, routingKey },
    }
  }
  if (item.kafka) {
    const topic = swap(item.kafka.topic)
    if (topic === item.kafka.topic) return item
    const kafka: KafkaMeta = { ...item.kafka, topic }
    return { ...item, topic: kafkaTreePath(topic, kafka.partition), kafka }
  }
  const topic = swap(item.topic)
  return topic === item.topic ? item : { ...item, topic }
}

function amqpPropertiesOf(item: ReplayItem): AmqpProperties {
  const p = item.properties
  const properties: AmqpProperties = item.qos > 0 ? { deliveryMode: 2 } : {}
  if (p?.contentType) properties.contentType = p.contentType
  if (p?.userProperties?.length) properties.headers = Object.fromEntries(p.userProperties)
  return properties
}

function kafkaHeadersOf(item: ReplayItem): [string, Uint8Array][] {
  const text = new TextEncoder()
  if (item.properties?.userProperties) {
    return item.properties.userProperties.map(([k, v]) => [k, text.encode(v)])
  }
  const headers = item.amqp?.properties.headers
  if (!headers) return []
  return Object.entries(headers).map(([k, v]) => [
    k,
    text.encode(typeof v === 'string' ? v : JSON.stringify(v)),
  ])
}
