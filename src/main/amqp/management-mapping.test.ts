import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { bindingInfos, exchangeInfos, queueInfos, vhostInfos } from './management-mapping'
import {
  ManagementBinding,
  ManagementExchange,
  ManagementOverview,
  ManagementQueue,
  ManagementVhost,
} from './management-schemas'

// Shaped as RabbitMQ 3.10's answers (trimmed), including fields the app ignores.
const classicWithStats = {
  arguments: { 'x-message-ttl': 60000 },
  auto_delete: false,
  backing_queue_status: { len: 3, mode: 'default' },
  consumers: 1,
  durable: true,
  exclusive: false,
  message_bytes: 42,
  message_stats: {
    publish: 9,
    publish_details: { rate: 1.5 },
    deliver_get: 6,
    deliver_get_details: { rate: 0.4 },
    ack: 6,
    ack_details: { rate: 0.2 },
  },
  messages: 3,
  messages_ready: 2,
  messages_unacknowledged: 1,
  name: 'orders',
  node: 'rabbit@host',
  state: 'running',
  type: 'classic',
  vhost: '/',
}
/** A quorum queue a moment after it was declared: no statistics yet. */
const quorumWithoutStats = {
  arguments: { 'x-queue-type': 'quorum' },
  auto_delete: false,
  durable: true,
  exclusive: false,
  leader: 'rabbit@host',
  name: 'audit',
  type: 'quorum',
  vhost: '/',
}

describe('management API answers', () => {
  it('maps a queue’s counts, bytes and rates, and leaves out what it does not read', () => {
    const [q] = queueInfos(z.array(ManagementQueue).parse([classicWithStats]))
    expect(q).toEqual({
      name: 'orders',
      type: 'classic',
      durable: true,
      autoDelete: false,
      exclusive: false,
      arguments: { 'x-message-ttl': 60000 },
      state: 'running',
      messages: 3,
      messagesReady: 2,
      messagesUnacked: 1,
      consumers: 1,
      publishRate: 1.5,
      deliverRate: 0.4,
      ackRate: 0.2,
      bytes: 42,
      source: 'management',
    })
  })

  it('turns statistics the broker has not computed yet into null, not 0', () => {
    const [q] = queueInfos(z.array(ManagementQueue).parse([quorumWithoutStats]))
    expect(q).toMatchObject({
      name: 'audit',
      type: 'quorum',
      state: null,
      messages: null,
      messagesReady: null,
      messagesUnacked: null,
      consumers: null,
      publishRate: null,
      deliverRate: null,
      ackRate: null,
      bytes: null,
    })
    // Stats that exist with some rates missing (nothing acked yet), or sent as an empty list.
    const partial = { ...classicWithStats, message_stats: { publish_details: { rate: 2 } } }
    const emptyList = { ...classicWithStats, name: 'zz', message_stats: [], arguments: [] }
    const [a, b] = queueInfos(z.array(ManagementQueue).parse([partial, emptyList]))
    expect([a?.publishRate, a?.deliverRate, a?.ackRate]).toEqual([2, null, null])
    expect([b?.publishRate, b?.arguments]).toEqual([null, {}])
  })

  it('names a queue’s type from x-queue-type or as classic when an old broker sends none', () => {
    const old = (args: Record<string, unknown>) => ({ ...classicWithStats, type: undefined, arguments: args })
    const [a, b] = queueInfos(
      z.array(ManagementQueue).parse([old({}), { ...old({ 'x-queue-type': 'stream' }), name: 'z' }]),
    )
    expect([a?.type, b?.type]).toEqual(['classic', 'stream'])
    expect(
      queueInfos(z.array(ManagementQueue).parse([{ ...quorumWithoutStats, type: 'x-plugin' }]))[0]?.type,
    ).toBe('x-plugin')
  })

  it('keeps the default exchange, maps flags and rates, and sorts by name', () => {
    const exchanges = z.array(ManagementExchange).parse([
      { name: 'amq.topic', type: 'topic', durable: true, auto_delete: false, internal: false, arguments: {} },
      {
        name: '',
        type: 'direct',
        durable: true,
        auto_delete: false,
        internal: false,
        arguments: {},
        message_stats: { publish_in_details: { rate: 3 }, publish_out_details: { rate: 2.5 } },
        user_who_performed_action: 'rmq-internal',
      },
      {
        name: 'events',
        type: 'x-delayed-message',
        durable: false,
        auto_delete: true,
        internal: true,
        arguments: { 'x-delayed-type': 'topic' },
      },
    ])
    const infos = exchangeInfos(exchanges)
    expect(infos.map((e) => e.name)).toEqual(['', 'amq.topic', 'events'])
    expect(infos[0]).toEqual({
      name: '',
      type: 'direct',
      durable: true,
      autoDelete: false,
      internal: false,
      arguments: {},
      publishInRate: 3,
      publishOutRate: 2.5,
      source: 'management',
    })
    expect(infos[2]).toMatchObject({
      type: 'x-delayed-message',
      durable: false,
      autoDelete: true,
      internal: true,
      arguments: { 'x-delayed-type': 'topic' },
      publishInRate: null,
      publishOutRate: null,
    })
  })

  it('keeps implicit default-exchange bindings and sorts by source, kind, destination and key', () => {
    const binding = (source: string, destination: string, routing_key: string, type = 'queue') => ({
      source,
      vhost: '/',
      destination,
      destination_type: type,
      routing_key,
      arguments: {},
      properties_key: routing_key,
    })
    const infos = bindingInfos(
      z
        .array(ManagementBinding)
        .parse([
          binding('sensors', 'temps', 'sensors.*.temp'),
          binding('sensors', 'all', 'sensors.#'),
          binding('', 'temps', 'temps'),
          binding('sensors', 'archive', '#', 'exchange'),
          binding('sensors', 'all', 'alerts.#'),
        ]),
    )
    expect(infos.map((b) => [b.source, b.destinationType, b.destination, b.routingKey])).toEqual([
      ['', 'queue', 'temps', 'temps'],
      ['sensors', 'exchange', 'archive', '#'],
      ['sensors', 'queue', 'all', 'alerts.#'],
      ['sensors', 'queue', 'all', 'sensors.#'],
      ['sensors', 'queue', 'temps', 'sensors.*.temp'],
    ])
    expect(infos[0]).toEqual({
      source: '',
      destination: 'temps',
      destinationType: 'queue',
      routingKey: 'temps',
      arguments: {},
    })
  })

  it('maps vhosts, a quiet one with null counts', () => {
    const vhosts = z.array(ManagementVhost).parse([
      { name: 'staging', tracing: false },
      { name: '/', messages: 4, messages_ready: 3, messages_unacknowledged: 1, cluster_state: {} },
    ])
    expect(vhostInfos(vhosts)).toEqual([
      { name: '/', messages: 4, messagesReady: 3, messagesUnacked: 1 },
      { name: 'staging', messages: null, messagesReady: null, messagesUnacked: null },
    ])
  })

  it('refuses answers that are not the management API’s', () => {
    expect(ManagementOverview.safeParse({ status: 'ok' }).success).toBe(false)
    expect(
      ManagementOverview.parse({
        management_version: '3.10.8',
        rabbitmq_version: '3.10.8',
        erlang_version: '25.2.3',
        cluster_name: 'rabbit@host',
      }),
    ).toMatchObject({ rabbitmq_version: '3.10.8', cluster_name: 'rabbit@host' })
    // A queue without its flags, or a binding to something that is neither a queue nor an exchange.
    expect(ManagementQueue.safeParse({ name: 'q' }).success).toBe(false)
    expect(
      ManagementBinding.safeParse({
        source: 'x',
        destination: 'y',
        destination_type: 'topic',
        routing_key: '',
        arguments: {},
      }).success,
    ).toBe(false)
  })
})
