import type { Protocol } from '../../../../shared/profiles'

/**
 * What the tree and the detail say and offer for a protocol. Every protocol's messages sit in the
 * same tree (an AMQP message under exchange/routing key, a Kafka record under topic/partition), and
 * the core's search takes MQTT-style `+` and `#` over those paths for all of them; but only MQTT
 * has retained messages, and a Kafka topic's children are its partitions.
 */
export interface TreeWords {
  /** Retained messages exist (and can be cleared). */
  retained: boolean
  filterPlaceholder: string
  /** The note beside the sort when the filter is read as a pattern. */
  patternNote: { label: string; title: string }
  /** What a leaf of the tree is, for "3 partitions". */
  leaf(count: number): string
  /** The empty tree, with a live connection. */
  waiting: string
  /** The empty tree, offline. */
  offlineEmpty: string
}

const plural = (one: string, many: string) => (n: number) => (n === 1 ? one : many)

const MQTT: TreeWords = {
  retained: true,
  filterPlaceholder: 'Filter: text, or an MQTT filter like zigbee2mqtt/+',
  patternNote: { label: 'MQTT filter', title: 'The filter is read as an MQTT topic filter' },
  leaf: plural('topic', 'topics'),
  waiting: 'Waiting for messages…',
  offlineEmpty: 'No topics yet. Connect to receive messages.',
}

const KAFKA: TreeWords = {
  retained: false,
  filterPlaceholder: 'Filter: text, or a pattern like orders/+',
  patternNote: { label: 'Pattern', title: 'The filter is read as a pattern: + is one level, # the rest' },
  leaf: plural('partition', 'partitions'),
  // records reach the tree only when the app reads them: Kafka has no subscription to wait on
  waiting: 'No records yet. Records browsed or tailed on the Topics tab show here by topic and partition.',
  offlineEmpty: 'No records yet. Connect, then browse or tail a topic.',
}

const AMQP: TreeWords = {
  retained: false,
  filterPlaceholder: 'Filter: text, or a pattern like amq.topic/#',
  patternNote: KAFKA.patternNote,
  leaf: plural('routing key', 'routing keys'),
  waiting: 'Waiting for messages…',
  offlineEmpty: 'No messages yet. Connect to receive messages.',
}

export function treeWords(protocol: Protocol): TreeWords {
  return protocol === 'kafka' ? KAFKA : protocol === 'amqp' ? AMQP : MQTT
}
