import { describe, expect, it } from 'vitest'
import type { KafkaTopicDetail } from '../../../../shared/kafka'
import { configSourceLabel, orderedConfigs, topicFigures, underReplicated } from './topic-detail-rows'

const config = (name: string, isDefault: boolean, source = 'DEFAULT_CONFIG') => ({
  name,
  value: '1',
  source,
  isDefault,
  readOnly: false,
  sensitive: false,
})

describe('topic detail rows', () => {
  it('counts records held and partitions short of replicas or a leader', () => {
    const topic: KafkaTopicDetail = {
      name: 't',
      internal: false,
      configs: [],
      partitions: [
        {
          partition: 0,
          leader: 1,
          replicas: [1, 2, 3],
          isr: [1, 2, 3],
          offlineReplicas: [],
          low: '0',
          high: '1000',
        },
        {
          partition: 1,
          leader: 2,
          replicas: [1, 2, 3],
          isr: [2],
          offlineReplicas: [1],
          low: '500',
          high: '1500',
        },
        { partition: 2, leader: -1, replicas: [3], isr: [], offlineReplicas: [3], low: '0', high: '0' },
      ],
    }
    expect(topicFigures(topic)).toEqual({
      partitions: 3,
      messages: 2000,
      underReplicated: 2,
      offline: 1,
      replicationFactor: 3,
    })
    expect(underReplicated({ isr: [1], replicas: [1] })).toBe(false)
  })

  it('lists configs set on the topic first, then defaults, each by name', () => {
    const list = orderedConfigs([
      config('segment.ms', true),
      config('retention.ms', false, 'DYNAMIC_TOPIC_CONFIG'),
      config('cleanup.policy', true),
      config('compression.type', false, 'DYNAMIC_TOPIC_CONFIG'),
    ])
    expect(list.map((c) => c.name)).toEqual([
      'compression.type',
      'retention.ms',
      'cleanup.policy',
      'segment.ms',
    ])
  })

  it('names config sources in words', () => {
    expect(configSourceLabel('DYNAMIC_TOPIC_CONFIG')).toBe('topic')
    expect(configSourceLabel('DYNAMIC_DEFAULT_BROKER_CONFIG')).toBe('broker default')
    expect(configSourceLabel('STATIC_BROKER_CONFIG')).toBe('broker (static)')
    expect(configSourceLabel('DEFAULT_CONFIG')).toBe('default')
    expect(configSourceLabel('topic')).toBe('topic')
  })
})
