import { describe, expect, it } from 'vitest'
import type { AmqpTopology } from '../../../shared/amqp'
import { afterRead, NO_TOPOLOGY } from './amqp-topology-store'

const topology = (fetchedAt: number, queues: string[]): AmqpTopology => ({
  vhost: '/',
  source: 'management',
  management: {
    url: 'http://127.0.0.1:15672',
    ok: true,
    error: null,
    rabbitmqVersion: '4.1.0',
    erlangVersion: '27',
    clusterName: 'rabbit@host',
  },
  vhosts: null,
  exchanges: [],
  queues: queues.map((name) => ({
    name,
    type: 'classic',
    durable: true,
    autoDelete: false,
    exclusive: false,
    arguments: {},
    state: 'running',
    messages: 0,
    messagesReady: 0,
    messagesUnacked: 0,
    consumers: 0,
    publishRate: null,
    deliverRate: null,
    ackRate: null,
    bytes: null,
    source: 'management',
  })),
  bindings: [],
  watched: [],
  fetchedAt,
})

describe('the polled topology', () => {
  it('keeps the last good lists when a read fails, and says why', () => {
    const good = afterRead(
      { ...NO_TOPOLOGY, loading: true },
      { ok: true, data: topology(1, ['a', 'b']), at: 1000 },
    )
    expect(good).toEqual({
      data: topology(1, ['a', 'b']),
      at: 1000,
      error: null,
      failedAt: null,
      loading: false,
    })
    const failed = afterRead({ ...good, loading: true }, { ok: false, error: 'socket hang up', at: 6000 })
    expect(failed.data?.queues.map((q) => q.name)).toEqual(['a', 'b'])
    expect(failed.at).toBe(1000)
    expect(failed).toMatchObject({ error: 'socket hang up', failedAt: 6000, loading: false })
  })

  it('clears the failure once a read succeeds again', () => {
    const failed = afterRead(NO_TOPOLOGY, { ok: false, error: 'timed out', at: 5 })
    expect(failed.data).toBeNull()
    const back = afterRead(failed, { ok: true, data: topology(2, ['c']), at: 10 })
    expect(back).toMatchObject({ error: null, failedAt: null, at: 10 })
    expect(back.data?.queues).toHaveLength(1)
  })
})
