import type { KafkaPartitionInfo, KafkaTopicDetail } from '../../../../shared/kafka'
import { offsetSpan } from './kafka-numbers'

/** A topic's partitions (replication health, records held) and configs in the order worth reading. */

/** Fewer in-sync replicas than replicas: a broker is behind or gone. */
export function underReplicated(p: Pick<KafkaPartitionInfo, 'isr' | 'replicas'>): boolean {
  return p.isr.length < p.replicas.length
}

/** A partition whose leader is gone (-1) cannot be read or written. */
export function leaderless(p: Pick<KafkaPartitionInfo, 'leader'>): boolean {
  return p.leader < 0
}

export interface TopicFigures {
  partitions: number
  messages: number
  underReplicated: number
  offline: number
  replicationFactor: number
}

export function topicFigures(topic: KafkaTopicDetail): TopicFigures {
  let messages = 0
  let under = 0
  let offline = 0
  let rf = 0
  for (const p of topic.partitions) {
    messages += offsetSpan(p.low, p.high)
    if (underReplicated(p)) under++
    if (leaderless(p)) offline++
    rf = Math.max(rf, p.replicas.length)
  }
  return {
    partitions: topic.partitions.length,
    messages,
    underReplicated: under,
    offline,
    replicationFactor: rf,
  }
}

/** Configs set on the topic (or its broker) first, then the defaults; each part by name. */
export function orderedConfigs(configs: KafkaTopicDetail['configs']): KafkaTopicDetail['configs'] {
  return [...configs].sort((a, b) =>
    a.isDefault !== b.isDefault ? (a.isDefault ? 1 : -1) : a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
  )
}

/** "DYNAMIC_TOPIC_CONFIG" → "topic", "STATIC_BROKER_CONFIG" → "broker (static)", … */
export function configSourceLabel(source: string): string {
  const s = source.toUpperCase()
  if (s.includes('TOPIC')) return 'topic'
  if (s.includes('DEFAULT_BROKER')) return 'broker default'
  if (s.includes('STATIC_BROKER')) return 'broker (static)'
  if (s.includes('BROKER_LOGGER')) return 'broker logger'
  if (s.includes('BROKER')) return 'broker'
  if (s.includes('DEFAULT')) return 'default'
  return source.toLowerCase().replaceAll('_', ' ')
}
