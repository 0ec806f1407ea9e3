import amqp, { type Channel, type ChannelModel, type GetMessage } from 'amqplib'
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import type { AmqpPeekResult } from '../../src/shared/amqp'
import type { ConnectionStatus } from '../../src/shared/connection-status'
import type { Profile } from '../../src/shared/profiles'
import { amqpTreePath } from '../../src/shared/tree-paths'
import { testBroker, type TestRabbitmq } from '../support/brokers'
import { testCore } from '../support/test-core'

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex')
const BODIES: Buffer[] = [
  Buffer.from('first'),
  Buffer.from(Uint8Array.from({ length: 256 }, (_, i) => i)),
  Buffer.from('{"n":3}'),
  Buffer.alloc(0),
  Buffer.from('fifth'),
]

/**
 * Peeking at a queue from the core against the real RabbitMQ: what it returns and stores, and
 * that the queue is exactly as it was afterwards (ready count, bodies, order), on a classic and a
 * quorum queue; an empty queue; a missing one, which costs a channel and not the connection.
 */
describe('peeking at AMQP queues', () => {
  let broker: TestRabbitmq
  let ctx: ReturnType<typeof testCore>
  let client: ChannelModel
  let ch: Channel
  let profileId: string
  const id = `it-peek-${Date.now().toString(36)}`
  const queues: string[] = []

  const api = <T>(method: string, input?: unknown) => ctx.core.invoke(method, input, 'test') as Promise<T>
  const peek = (queue: string, count?: number) =>
    api<AmqpPeekResult>('peekAmqpQueue', { profileId, queue, count })
  /** Everything in the queue, read (and taken) by a separate client, in order. */
  const drain = async (queue: string) => {
    const out: GetMessage[] = []
    for (;;) {
      const m = await ch.get(queue, { noAck: true })
      if (!m) return out
      out.push(m)
    }
  }
  /** BODIES into the queue, confirmed, and counted as ready (a quorum queue counts a moment later). */
  const fill = async (queue: string) => {
    const confirm = await client.createConfirmChannel()
    for (const body of BODIES) confirm.sendToQueue(queue, body, { messageId: `m-${body.length}` })
    await confirm.waitForConfirms()
    await confirm.close()
    await vi.waitFor(async () => expect((await ch.checkQueue(queue)).messageCount).toBe(BODIES.length), {
      timeout: 5000,
      interval: 20,
    })
  }

  beforeAll(async () => {
    broker = testBroker('rabbitmq')
    ctx = testCore()
    client = await amqp.connect(broker.amqpUrl)
    client.on('error', () => undefined)
    ch = await client.createChannel()
    const p = await api<Profile>('createProfile', {
      config: {
        protocol: 'amqp',
        name: 'peeker',
        host: '127.0.0.1',
        port: broker.ports.amqp,
        username: broker.username,
      },
      secrets: { password: broker.password },
    })
    profileId = p.id
    expect((await api<ConnectionStatus>('connect', { profileId })).state).toBe('connected')
  })
  afterAll(async () => {
    for (const q of queues) await ch?.deleteQueue(q).catch(() => undefined)
    await client?.close().catch(() => undefined)
    await ctx?.dispose()
  })

  /**
   * The queue holds BODIES again, each once, with the first `peeked` still before one another and
   * the rest too. A classic queue has them exactly in place; a quorum queue may have put the peeked
   * ones behind the rest (RabbitMQ 3.10 does), which the peek's note says.
   */
  const expectUnchanged = (back: GetMessage[], type: 'classic' | 'quorum', peeked: number) => {
    const got = back.map((m) => hex(m.content))
    const want = BODIES.map(hex)
    expect([...got].sort()).toEqual([...want].sort())
    if (type === 'classic') expect(got).toEqual(want)
    const read = new Set(want.slice(0, peeked))
    expect(got.filter((h) => read.has(h))).toEqual(want.slice(0, peeked))
    expect(got.filter((h) => !read.has(h))).toEqual(want.slice(peeked))
  }

  describe.each(['classic', 'quorum'] as const)('a %s queue', (type) => {
    const queue = `${id}.${type}`

    beforeAll(async () => {
      await ch.assertQueue(queue, { durable: true, arguments: { 'x-queue-type': type } })
      queues.push(queue)
    })
    // Each test starts empty, so that one failing leaves nothing behind for the next.
    beforeEach(async () => {
      await ch.purgeQueue(queue)
    })

    it('returns the first N, stores them, and leaves the queue as it was', async () => {
      await fill(queue)
      const result = await peek(queue, 3)
      expect(result).toMatchObject({ countBefore: 5, countAfter: 5 })
      expect(result.note).toMatch(
        /^The 3 messages are back in the queue, in their order, and now marked redelivered/,
      )
      expect(result.note).toMatch(/a quorum queue may put them behind/)
      expect(result.note).toMatch(/counts as a delivery attempt/)
      expect(result.messages).toHaveLength(3)
      for (const [i, m] of result.messages.entries()) {
        expect(m).toMatchObject({
          direction: 'in',
          protocol: 'amqp',
          topic: amqpTreePath('', queue),
          size: BODIES[i]!.length,
          amqp: { exchange: '', routingKey: queue, queue, redelivered: false },
        })
        const stored = await api<{ bytes: Uint8Array }>('getMessagePayload', { id: m.id })
        expect(hex(stored.bytes)).toBe(hex(BODIES[i]!))
      }
      expect(result.messages[1]!.preview, 'binary has no preview').toBeNull()

      const back = await drain(queue)
      expectUnchanged(back, type, 3)
      const flag = new Map(back.map((m) => [hex(m.content), m.fields.redelivered]))
      expect(BODIES.map((b) => flag.get(hex(b)))).toEqual([true, true, true, false, false])
      if (type === 'quorum') {
        // The return counted as a delivery attempt, on the peeked ones only.
        const count = new Map(
          back.map((m) => [hex(m.content), m.properties.headers?.['x-delivery-count'] ?? 0]),
        )
        expect(BODIES.map((b) => count.get(hex(b)))).toEqual([1, 1, 1, 0, 0])
      }
    })

    it('reads all there is when asked for more, in place, and shows a second peek as redelivered', async () => {
      await fill(queue)
      const first = await peek(queue, 1000)
      expect(first.messages.map((m) => m.size)).toEqual(BODIES.map((b) => b.length))
      expect(first).toMatchObject({ countBefore: 5, countAfter: 5 })
      expect(first.note).toMatch(
        /^The 5 messages are back in the queue, in their order, and now marked redelivered\. On a quorum/,
      )
      const second = await peek(queue, 5)
      expect(second.messages.map((m) => m.amqp?.redelivered)).toEqual([true, true, true, true, true])
      expect(second.messages.map((m) => m.amqp?.properties.messageId)).toEqual(
        BODIES.map((b) => `m-${b.length}`),
      )
      const back = await drain(queue)
      expect(back.map((m) => hex(m.content))).toEqual(BODIES.map(hex))
      expect(back.every((m) => m.fields.redelivered)).toBe(true)
    })

    it('peeks an empty queue', async () => {
      const result = await peek(queue)
      expect(result).toMatchObject({ messages: [], countBefore: 0, countAfter: 0 })
      expect(result.note).toMatch(/no ready message/)
    })
  })

  it('says not_found in the broker’s words for a missing queue, and the connection carries on', async () => {
    await expect(peek(`${id}.missing`)).rejects.toMatchObject({
      code: 'not_found',
      message: `404 NOT_FOUND - no queue '${id}.missing' in vhost '/'`,
    })
    const [status] = await api<ConnectionStatus[]>('listConnections')
    expect(status).toMatchObject({ profileId, state: 'connected' })
    const queue = `${id}.after`
    await ch.assertQueue(queue, { durable: false })
    queues.push(queue)
    ch.sendToQueue(queue, Buffer.from('still here'))
    await ch.checkQueue(queue)
    const result = await peek(queue)
    expect(result.messages.map((m) => m.preview)).toEqual(['still here'])
    expect(result).toMatchObject({ countBefore: 1, countAfter: 1 })
  })
})
