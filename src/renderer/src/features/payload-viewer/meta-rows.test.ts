import { describe, expect, it } from 'vitest'
import type { AmqpMeta, KafkaMeta } from '../../../../shared/messages'
import { amqpHeaders, amqpRows, kafkaRows } from './meta-rows'

const iso = (ms: number) => new Date(ms).toISOString()

describe('AMQP rows', () => {
  it('lists routing, every set property and nothing unset', () => {
    const amqp: AmqpMeta = {
      exchange: '',
      routingKey: 'sensors.kitchen',
      queue: 'brokerlens.tap',
      redelivered: true,
      properties: {
        contentType: 'application/json',
        deliveryMode: 2,
        priority: 0,
        expiration: '60000',
        timestamp: 1_717_236_000,
        headers: { site: 'lab', retries: 3, nested: { a: [1, 'x'] } },
      },
    }
    expect(amqpRows(amqp, iso)).toEqual([
      ['Exchange', { none: '(default exchange)' }],
      ['Routing key', { text: 'sensors.kitchen' }],
      ['Queue', { text: 'brokerlens.tap' }],
      ['Redelivered', { text: 'yes' }],
      ['Content type', { text: 'application/json' }],
      ['Delivery mode', { text: 'persistent (2)' }],
      ['Priority', { text: '0' }],
      ['Expiration', { text: `${(60000).toLocaleString()} ms` }],
      ['Timestamp', { text: '2024-06-01T10:00:00.000Z (1717236000)' }],
    ])
    expect(amqpHeaders(amqp)).toEqual([
      ['site', 'lab'],
      ['retries', '3'],
      ['nested', '{"a":[1,"x"]}'],
    ])
  })

  it('keeps a published message short: no queue, not redelivered', () => {
    const rows = amqpRows(
      { exchange: 'amq.topic', routingKey: '', queue: null, redelivered: false, properties: {} },
      iso,
    )
    expect(rows.map(([k]) => k)).toEqual(['Exchange', 'Routing key', 'Redelivered'])
    expect(rows[1]).toEqual(['Routing key', { none: '(empty)' }])
  })
})

describe('Kafka rows', () => {
  it('gives the place, the key as bytes and the timestamp with who set it', () => {
    const key = new TextEncoder().encode('device-7')
    const kafka: KafkaMeta = {
      topic: 'telemetry',
      partition: 3,
      offset: '9007199254740993',
      key,
      headers: [],
      timestamp: Date.UTC(2024, 5, 1, 10),
      timestampType: 'log-append',
    }
    expect(kafkaRows(kafka, iso)).toEqual([
      ['Topic', { text: 'telemetry' }],
      ['Partition', { text: '3' }],
      ['Offset', { text: '9007199254740993' }],
      ['Key', { bytes: key }],
      ['Timestamp', { text: '2024-06-01T10:00:00.000Z · set by the broker (LogAppendTime)' }],
    ])
  })

  it('says when there is no key and leaves out a missing timestamp', () => {
    const rows = kafkaRows(
      { topic: 't', partition: 0, offset: '0', key: null, headers: [], timestamp: null, timestampType: null },
      iso,
    )
    expect(rows).toEqual([
      ['Topic', { text: 't' }],
      ['Partition', { text: '0' }],
      ['Offset', { text: '0' }],
      ['Key', { none: '(no key)' }],
    ])
  })
})
