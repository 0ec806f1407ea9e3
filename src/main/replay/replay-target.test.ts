import { describe, expect, it } from 'vitest'
import { ApiError } from '../../shared/api-error'
import type { ReplayItem } from './replay-job'
import { replayTarget, rewriteItem } from './replay-target'

const bytes = (s: string) => new TextEncoder().encode(s)

const mqttItem: ReplayItem = {
  topic: 'home/kitchen/temp',
  payload: bytes('21.5'),
  qos: 1,
  retain: true,
  properties: { contentType: 'text/plain', userProperties: [['unit', 'C']] },
  amqp: null,
  kafka: null,
  at: 0,
}

const amqpItem: ReplayItem = {
  topic: 'sensors/eu.temp',
  payload: bytes('{"t":1}'),
  qos: 0,
  retain: false,
  properties: null,
  amqp: {
    exchange: 'sensors',
    routingKey: 'eu.temp',
    properties: { contentType: 'application/json', headers: { site: 'a', n: 2 }, priority: 3 },
    redelivered: true,
    queue: 'q1',
  },
  kafka: null,
  at: 0,
}

const kafkaItem: ReplayItem = {
  topic: 'orders/2',
  payload: bytes('x'),
  qos: 0,
  retain: false,
  properties: null,
  amqp: null,
  kafka: {
    topic: 'orders',
    partition: 2,
    offset: '41',
    key: bytes('k1'),
    headers: [['trace', bytes('t1')]],
    timestamp: 1,
    timestampType: 'create',
  },
  at: 0,
}

describe('replayTarget', () => {
  it('keeps everything an AMQP message carried when replayed to AMQP', () => {
    expect(replayTarget(amqpItem, 'amqp')).toEqual({
      protocol: 'amqp',
      exchange: 'sensors',
      routingKey: 'eu.temp',
      mandatory: false,
      properties: amqpItem.amqp!.properties,
    })
  })

  it('maps an MQTT topic to amq.topic with dots, as the MQTT plugin does', () => {
    expect(replayTarget(mqttItem, 'amqp')).toEqual({
      protocol: 'amqp',
      exchange: 'amq.topic',
      routingKey: 'home.kitchen.temp',
      mandatory: false,
      properties: { deliveryMode: 2, contentType: 'text/plain', headers: { unit: 'C' } },
    })
  })

  it('keeps key and headers of a Kafka record, leaving the partition to the partitioner', () => {
    expect(replayTarget(kafkaItem, 'kafka')).toEqual({
      protocol: 'kafka',
      topic: 'orders',
      partition: null,
      key: bytes('k1'),
      headers: [['trace', bytes('t1')]],
    })
  })

  it('sends AMQP and MQTT messages to Kafka under a topic name Kafka accepts, or says why not', () => {
    expect(replayTarget(amqpItem, 'kafka')).toMatchObject({ topic: 'eu.temp', key: null })
    const headers = (replayTarget(amqpItem, 'kafka') as { headers: [string, Uint8Array][] }).headers
    expect(headers.map(([k, v]) => [k, new TextDecoder().decode(v)])).toEqual([
      ['site', 'a'],
      ['n', '2'],
    ])
    expect(replayTarget(mqttItem, 'kafka')).toMatchObject({ topic: 'home.kitchen.temp' })
    const bad = { ...mqttItem, topic: 'home/küche' }
    expect(() => replayTarget(bad, 'kafka')).toThrow(ApiError)
    expect(() => replayTarget(bad, 'kafka')).toThrow(/not a Kafka topic name.*rewrite rule/)
  })

  it('replays AMQP messages to MQTT at their tree path with their QoS and flags', () => {
    expect(replayTarget(amqpItem, 'mqtt')).toEqual({
      protocol: 'mqtt',
      topic: 'sensors/eu.temp',
      qos: 0,
      retain: false,
      properties: undefined,
    })
    expect(replayTarget(mqttItem, 'mqtt')).toMatchObject({ topic: 'home/kitchen/temp', qos: 1, retain: true })
  })
})

describe('rewriteItem', () => {
  const rule = { from: 'eu.', to: 'test.eu.' }

  it('rewrites the routing key of AMQP messages and the tree path with it', () => {
    const out = rewriteItem(amqpItem, rule)
    expect(out.amqp?.routingKey).toBe('test.eu.temp')
    expect(out.topic).toBe('sensors/test.eu.temp')
    expect(amqpItem.amqp?.routingKey).toBe('eu.temp')
  })

  it('rewrites Kafka topics and MQTT topics, and leaves non-matching items as they are', () => {
    expect(rewriteItem(kafkaItem, { from: 'ord', to: 'test-ord' }).kafka?.topic).toBe('test-orders')
    expect(rewriteItem(kafkaItem, { from: 'ord', to: 'test-ord' }).topic).toBe('test-orders/2')
    expect(rewriteItem(mqttItem, { from: 'home/', to: 'lab/' }).topic).toBe('lab/kitchen/temp')
    expect(rewriteItem(mqttItem, { from: 'x/', to: 'y/' })).toBe(mqttItem)
    expect(rewriteItem(mqttItem, null)).toBe(mqttItem)
  })
})
