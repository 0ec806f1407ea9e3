import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import amqp, { type ConfirmChannel } from 'amqplib'
import { Kafka, logLevel, type Admin, type Producer } from 'kafkajs'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { AmqpConsumerStatus, AmqpNotice } from '../../src/shared/amqp'
import type { ApiEvent } from '../../src/shared/api'
import type { ConnectionStatus } from '../../src/shared/connection-status'
import type { HistoryPage } from '../../src/shared/history'
import type { KafkaBrowsePage, KafkaTailStatus } from '../../src/shared/kafka'
import type { MessageSummary } from '../../src/shared/messages'
import type { Profile } from '../../src/shared/profiles'
import type { SubscriptionStatus } from '../../src/shared/subscriptions'
import { amqpTreePath } from '../../src/shared/tree-paths'
import { testBroker } from '../support/brokers'
import { watchIngest, type Taken } from '../support/ingest-watch'
import { MosquittoProcess } from '../support/mosquitto-process'
import { SequencePublisherProcess } from '../support/sequence-publisher-process'
import { crashAndRestart } from '../support/shared-broker-restart'
import { testCore } from '../support/test-core'

/**
 * A broker killed mid-stream (SIGKILL: no DISCONNECT, no connection.close, no goodbye of any kind)
 * and started again on the same port, for each protocol. What must hold: the connection says
 * `reconnecting` with the attempt number and the reason, comes back by itself, subscribes or
 * consumes or tails again, and the history holds every message that reached the app before the
 * kill, each once: whatever a broker delivers twice comes flagged by the broker (AMQP
 * redelivered), never doubled by the app.
 *
 * "Reached the app" is what the core's ingest took (watched, not changed, by `watchIngest`): each
 * message there got a history id, and the history must hold exactly those ids.
 */

const run = promisify(execFile)

type Core = ReturnType<typeof testCore>
type StatusEvent = Extract<ApiEvent, { type: 'connection.status' }>['status']

/** A core with its events and the ingest watched, and the calls every test here makes. */
function harness() {
  const ctx: Core = testCore()
  const events: ApiEvent[] = []
  const taken: Taken[] = []
  ctx.core.onEvent((e) => void events.push(e))
  const unwatch = watchIngest(ctx.ingest, taken)
  const api = <T>(method: string, input?: unknown) => ctx.core.invoke(method, input, 'faults') as Promise<T>
  const statuses = (profileId: string): StatusEvent[] =>
    events.flatMap((e) =>
      e.type === 'connection.status' && e.status.profileId === profileId ? [e.status] : [],
    )
  const connection = async (profileId: string) =>
    (await api<ConnectionStatus[]>('listConnections')).find((c) => c.profileId === profileId)
  const waitState = (profileId: string, state: ConnectionStatus['state'], timeout = 60_000) =>
    vi.waitFor(async () => expect((await connection(profileId))?.state).toBe(state), {
      timeout,
      interval: 100,
    })
  /** Every history row of a topic filter, oldest first (pages of 1,000, newest first, reversed). */
  const history = async (profileId: string, topic: string): Promise<MessageSummary[]> => {
    const rows: MessageSummary[] = []
    let beforeId: number | null = null
    for (;;) {
      const page: HistoryPage = await api<HistoryPage>('queryHistory', {
        filter: { profileId, topic },
        beforeId,
        limit: 1000,
      })
      rows.push(...page.hits)
      if (page.nextBeforeId === null) return rows.reverse()
      beforeId = page.nextBeforeId
    }
  }
  return {
    ctx,
    events,
    taken,
    api,
    statuses,
    connection,
    waitState,
    history,
    dispose: async () => {
      unwatch()
      await ctx.dispose()
    },
  }
}

/**
 * The status events of one loss: `reconnecting` numbered 1, 2, … without a gap, each with a
 * reason, and then `connected` again.
 */
function expectNumberedReconnect(statuses: StatusEvent[]): StatusEvent[] {
  const lostAt = statuses.findIndex((s) => s.state === 'reconnecting')
  expect(lostAt, 'a reconnecting state after the kill').toBeGreaterThan(0)
  expect(statuses[lostAt - 1]!.state).toBe('connected')
  const backAt = statuses.findIndex((s, i) => i > lostAt && s.state === 'connected')
  expect(backAt, 'connected again').toBeGreaterThan(lostAt)
  const attempts = statuses.slice(lostAt, backAt)
  expect(attempts.map((s) => s.state)).toEqual(attempts.map(() => 'reconnecting'))
  expect(attempts.map((s) => s.attempt)).toEqual(attempts.map((_, i) => i + 1))
  for (const s of attempts) expect(s.reason, `attempt ${s.attempt} says why`).toBeTruthy()
  return attempts
}

/**
 * What reached the app before the loss is in the history, under the same id, with the same
 * payload; and the history holds nothing the app did not take (no copy of its own making).
 */
function expectStoredOnce(taken: Taken[], beforeLoss: number, rows: MessageSummary[]) {
  const byId = new Map(rows.map((r) => [r.id, r]))
  expect(byId.size, 'no history id twice').toBe(rows.length)
  expect(beforeLoss).toBeGreaterThan(0)
  for (const t of taken.slice(0, beforeLoss)) {
    expect(byId.get(t.id)?.preview, `message ${t.id} (${t.text}) taken before the kill is stored`).toBe(
      t.text,
    )
  }
  expect(rows.map((r) => r.id)).toEqual(taken.map((t) => t.id))
}

describe('MQTT: a Mosquitto killed mid-stream', () => {
  let h: ReturnType<typeof harness>
  const broker = new MosquittoProcess()
  const publisher = new SequencePublisherProcess()

  beforeAll(async () => {
    h = harness()
    await broker.start()
  })
  afterAll(async () => {
    await publisher.stop()
    await h?.dispose()
    await broker.dispose()
  })

  // Persistence stays off (MosquittoProcess's own config), and the core's session is clean: what
  // is tested is what reached the app, which lives in the app's history and does not depend on
  // the broker keeping anything. A persistent session would not make this stronger: Mosquitto writes
  // its database only at shutdown and on its autosave timer, so a SIGKILL loses whatever came
  // since the last save anyway, and whatever it had saved would come back as QoS 1 retransmissions
  // the app rightly stores again (flagged dup). Messages published while the core was away are
  // the broker's to drop, and are not asserted on.
  it('says reconnecting with attempt and reason, resubscribes, and has every message it took exactly once', async () => {
    const topic = `faults/mqtt-${Date.now().toString(36)}/seq`
    const p = await h.api<Profile>('createProfile', {
      config: {
        protocol: 'mqtt',
        name: 'killed mosquitto',
        host: '127.0.0.1',
        port: broker.port,
        subscriptions: [{ filter: topic, qos: 1 }],
      },
    })
    const profileId = p.id
    const subs = () => h.api<SubscriptionStatus[]>('listSubscriptions', { profileId })
    const waitSubscribed = () =>
      vi.waitFor(async () => expect(await subs()).toMatchObject([{ state: 'active', grantedQos: 1 }]), {
        timeout: 30_000,
        interval: 100,
      })
    expect((await h.api<ConnectionStatus>('connect', { profileId })).state).toBe('connected')
    await waitSubscribed()
    const seqOf = (t: Taken) => (JSON.parse(t.text) as { seq: number }).seq
    const mine = () => h.taken.filter((t) => t.profileId === profileId)

    await publisher.start(`mqtt://127.0.0.1:${broker.port}`, topic, 4)
    await vi.waitFor(() => expect(mine().length).toBeGreaterThanOrEqual(150), { timeout: 30_000 })
    await broker.kill()

    // Once the link is reported lost, nothing more can come from it: this is "before the kill".
    await h.waitState(profileId, 'reconnecting', 30_000)
    const beforeLoss = mine().length
    // A second attempt against the dead port fails with the socket's own reason.
    await vi.waitFor(
      async () => {
        const c = await h.connection(profileId)
        expect(c).toMatchObject({ state: 'reconnecting', reason: expect.stringContaining('ECONNREFUSED') })
        expect(c!.attempt).toBeGreaterThanOrEqual(2)
      },
      { timeout: 30_000, interval: 100 },
    )
    expect(await subs()).toMatchObject([{ state: 'offline' }])
    expect(mine().length, 'nothing taken while the broker is dead').toBe(beforeLoss)

    await broker.start()
    await h.waitState(profileId, 'connected', 60_000)
    await waitSubscribed()
    const lastBefore = seqOf(mine()[beforeLoss - 1]!)
    await vi.waitFor(
      () => expect(mine().filter((t) => seqOf(t) > lastBefore).length).toBeGreaterThanOrEqual(100),
      { timeout: 30_000 },
    )
    await publisher.stop()

    const before = mine().slice(0, beforeLoss).map(seqOf)
    // In order and without a gap from the first number: the app dropped nothing it was sent.
    expect(before).toEqual(before.map((_, i) => i))
    const after = mine().slice(beforeLoss).map(seqOf)
    const firstAfter = after[0]!
    expect(firstAfter).toBeGreaterThan(lastBefore)
    // From the first number after the restart on, everything the broker acknowledged arrives.
    const ackedAfter = publisher.acked.filter((n) => n >= firstAfter)
    await vi.waitFor(() => expect(mine().length - beforeLoss).toBe(ackedAfter.length), { timeout: 10_000 })
    expect(mine().slice(beforeLoss).map(seqOf)).toEqual(ackedAfter)

    const rows = await h.history(profileId, topic)
    expectStoredOnce(mine(), beforeLoss, rows)
    const seqs = rows.map((r) => (JSON.parse(r.preview!) as { seq: number }).seq)
    expect(new Set(seqs).size, 'no sequence number stored twice').toBe(seqs.length)
    expect(rows.every((r) => !r.dup && r.qos === 1)).toBe(true)

    const attempts = expectNumberedReconnect(h.statuses(profileId))
    expect(attempts.length).toBeGreaterThanOrEqual(2)
    expect(attempts.slice(1).every((s) => s.reason!.includes('ECONNREFUSED'))).toBe(true)
    const subEvents = h.events.flatMap((e) =>
      e.type === 'subscriptions.changed' && e.profileId === profileId ? [e.subscriptions[0]!.state] : [],
    )
    expect(subEvents.slice(subEvents.indexOf('offline'))).toContain('active')
  }, 120_000)
})

describe('RabbitMQ: the shared node killed mid-consume', () => {
  let h: ReturnType<typeof harness>
  const broker = testBroker('rabbitmq')
  const id = `faults-amqp-${Date.now().toString(36)}`
  const queue = `${id}.durable`

  /** Publishes persistent messages on a confirm channel of a connection of its own; resolves once all are confirmed. */
  const publishConfirmed = async (bodies: string[]) => {
    const conn = await amqp.connect(broker.amqpUrl)
    conn.on('error', () => undefined)
    try {
      const ch: ConfirmChannel = await conn.createConfirmChannel()
      for (const b of bodies) ch.sendToQueue(queue, Buffer.from(b), { persistent: true })
      await ch.waitForConfirms()
    } finally {
      await conn.close().catch(() => undefined)
    }
  }

  beforeAll(async () => {
    h = harness()
    const conn = await amqp.connect(broker.amqpUrl)
    const ch = await conn.createChannel()
    await ch.assertQueue(queue, { durable: true })
    await conn.close()
    // The broker keeps its latest schema writes (a durable queue's declaration among them) in
    // disk_log's write cache for up to 2 s: a SIGKILL within that time forgets the queue, and the
    // restored consumer would rightly fail with 404. Written out now, the queue is as durable as
    // one declared long before.
    await run(broker.ctl.command, ['-n', broker.nodeName, 'eval', 'ok = disk_log:sync(latest_log).'], {
      env: { ...process.env, ...broker.ctl.env },
      timeout: 60_000,
    })
  })
  afterAll(async () => {
    await h?.dispose()
    // The broker is back by now (crashAndRestart waits for it); the queue is this file's to remove.
    const conn = await amqp.connect(testBroker('rabbitmq').amqpUrl)
    const ch = await conn.createChannel()
    await ch.deleteQueue(queue).catch(() => undefined)
    await conn.close().catch(() => undefined)
  }, 120_000)

  // Manual ack, on a durable (classic) queue of persistent messages published with confirms: the
  // mode whose guarantee survives a crash. What the broker confirmed is on its disk and stays in
  // the queue until acked, so nothing confirmed can be lost; what was delivered but not acked is
  // delivered again after the restart, flagged redelivered. Auto-ack would promise less: the broker
  // forgets a message as it sends it, so what was on the wire at the kill would be lost, and there
  // would be nothing exact to assert.
  //
  // The kill comes while the consumer's prefetch window is full: 20 deliveries held unacked by the
  // app, the rest of the queue waiting, so the broker owes those 20 again for certain. Acks are
  // not confirmed in AMQP 0-9-1: one the broker had not written down when it died is as if never
  // sent, and that message comes again too (flagged). That is the at-least-once of manual ack.
  it('says reconnecting with attempt and reason, restores the consumer, and stores each delivery once', async () => {
    const p = await h.api<Profile>('createProfile', {
      config: {
        protocol: 'amqp',
        name: 'killed rabbit',
        host: '127.0.0.1',
        port: broker.ports.amqp,
        username: broker.username,
      },
      secrets: { password: broker.password },
    })
    const profileId = p.id
    expect((await h.api<ConnectionStatus>('connect', { profileId })).state).toBe('connected')
    const first = Array.from({ length: 2000 }, (_, i) => `m-${i}`)
    await publishConfirmed(first)

    const consumer = await h.api<AmqpConsumerStatus>('startAmqpConsumer', {
      profileId,
      queue,
      ackMode: 'manual',
      prefetch: 20,
    })
    const statusOf = async () =>
      (await h.api<AmqpConsumerStatus[]>('listAmqpConsumers')).find((s) => s.id === consumer.id)!
    const mine = () => h.taken.filter((t) => t.profileId === profileId)
    /** The user acks whatever is pending as fast as the app shows it, until the returned stop is called. */
    const ackAlong = () => {
      let acking = true
      const loop = (async () => {
        while (acking) {
          await h
            .api('settleAmqp', { consumerId: consumer.id, messageIds: null, action: 'ack' })
            .catch(() => undefined)
          await new Promise((r) => setTimeout(r, 20))
        }
      })()
      return async () => {
        acking = false
        await loop
      }
    }

    const stopAcking = ackAlong()
    await vi.waitFor(() => expect(mine().length).toBeGreaterThanOrEqual(300), { timeout: 30_000 })
    await stopAcking()
    await vi.waitFor(async () => expect((await statusOf()).pending).toBe(20), {
      timeout: 10_000,
      interval: 50,
    })
    const held = (await h.api<MessageSummary[]>('listAmqpPending', { id: consumer.id })).map(
      (m) => m.preview!,
    )
    const acked = (await statusOf()).acked
    expect(held).toHaveLength(20)
    expect(mine().length).toBe(acked + 20)

    let beforeLoss = 0
    await crashAndRestart('rabbitmq', async () => {
      await h.waitState(profileId, 'reconnecting', 30_000)
      beforeLoss = mine().length
      await vi.waitFor(
        async () => {
          const s = await statusOf()
          expect(s).toMatchObject({ state: 'restoring', pending: 0 })
          expect(s.reason).toContain('(20 unsettled messages went back to the queue')
        },
        { timeout: 10_000, interval: 100 },
      )
      const notices = await h.api<AmqpNotice[]>('listAmqpNotices', { profileId })
      expect(notices.map((n) => n.kind)).toContain('connection-lost')
      expect(mine().length, 'nothing taken while the broker is dead').toBe(beforeLoss)
    })
    expect(beforeLoss).toBe(acked + 20)

    await h.waitState(profileId, 'connected', 60_000)
    await vi.waitFor(async () => expect(await statusOf()).toMatchObject({ state: 'active', reason: null }), {
      timeout: 30_000,
    })
    await vi.waitFor(async () => {
      const restored = (await h.api<AmqpNotice[]>('listAmqpNotices', { profileId })).filter(
        (n) => n.kind === 'restored',
      )
      expect(restored.map((n) => n.text)).toEqual(['Restored 1 consumer after the reconnect'])
    })
    const after = Array.from({ length: 100 }, (_, i) => `n-${i}`)
    await publishConfirmed(after)
    const stopAckingAgain = ackAlong()
    try {
      // Nothing the broker confirmed is lost: every message comes, before the kill or after it.
      await vi.waitFor(
        () => {
          const seen = new Set(mine().map((t) => t.text))
          expect([...first, ...after].filter((b) => !seen.has(b))).toEqual([])
        },
        { timeout: 60_000, interval: 200 },
      )
    } finally {
      await stopAckingAgain()
    }
    await h.api('stopAmqpConsumer', { id: consumer.id })

    const rows = await h.history(profileId, amqpTreePath('', queue))
    expectStoredOnce(mine(), beforeLoss, rows)
    expect(rows.every((r) => r.amqp?.queue === queue)).toBe(true)
    // Before the kill: each message once, in queue order, none of them redelivered.
    const beforeRows = rows.slice(0, beforeLoss)
    expect(beforeRows.map((r) => r.preview)).toEqual(first.slice(0, beforeLoss))
    expect(beforeRows.every((r) => r.amqp!.redelivered === false)).toBe(true)
    // After it, in queue order, once each: what the broker still had of the first batch (at least
    // the 20 held at the kill and everything never delivered; messages acked shortly before the
    // kill too when the broker had not written the ack down), then what was published after.
    const afterRows = rows.slice(beforeLoss)
    const again = afterRows.slice(0, afterRows.length - after.length).map((r) => r.preview!)
    expect(afterRows.slice(-after.length).map((r) => r.preview)).toEqual(after)
    expect(again.slice(-(first.length - beforeLoss + held.length))).toEqual([
      ...held,
      ...first.slice(beforeLoss),
    ])
    expect(again, 'a subsequence of the queue, in order').toEqual(first.filter((b) => again.includes(b)))
    // Every copy the app had seen before comes flagged by the broker: its doing, and said so. (A
    // classic queue recovering from a crash flags everything it recovers, as it cannot know which
    // ones went out; for those that never did, the flag is the broker's caution.) Messages new
    // since the restart come unflagged: the flag is the broker's, never made up by the app.
    const seenBefore = new Set(beforeRows.map((r) => r.preview!))
    const repeats = afterRows.filter((r) => seenBefore.has(r.preview!))
    expect(repeats.length).toBeGreaterThanOrEqual(held.length)
    expect(repeats.filter((r) => !r.amqp!.redelivered).map((r) => r.preview)).toEqual([])
    expect(afterRows.slice(-after.length).every((r) => r.amqp!.redelivered === false)).toBe(true)
    expect(rows).toHaveLength(first.length + after.length + repeats.length)

    const attempts = expectNumberedReconnect(h.statuses(profileId))
    expect(attempts.length).toBeGreaterThanOrEqual(2)
    expect(attempts.slice(1).some((s) => s.reason!.includes('ECONNREFUSED'))).toBe(true)
    const states = h.events.flatMap((e) =>
      e.type === 'amqp.consumer' && e.status.id === consumer.id ? [e.status.state] : [],
    )
    expect(states.slice(states.indexOf('restoring'))).toContain('active')
  }, 240_000)
})

describe('Kafka: the shared broker killed mid-tail', () => {
  let h: ReturnType<typeof harness>
  const broker = testBroker('kafka')
  const topic = `faults-kafka-${Date.now().toString(36)}`
  let admin: Admin
  let producer: Producer

  const client = () =>
    new Kafka({
      clientId: 'faults-writer',
      brokers: [broker.bootstrap],
      logLevel: logLevel.NOTHING,
      retry: { retries: 2, initialRetryTime: 100, maxRetryTime: 500 },
    })

  beforeAll(async () => {
    h = harness()
    admin = client().admin()
    await admin.connect()
    await admin.createTopics({ topics: [{ topic, numPartitions: 2 }], waitForLeaders: true })
    producer = client().producer({ allowAutoTopicCreation: false })
    await producer.connect()
  })
  afterAll(async () => {
    await h?.dispose()
    await producer?.disconnect().catch(() => undefined)
    await admin?.deleteTopics({ topics: [topic] }).catch(() => undefined)
    await admin?.disconnect().catch(() => undefined)
  }, 120_000)

  // Kafka keeps what it acknowledged in its log files (written to the page cache, which a killed
  // process does not take with it), and the restart reuses the data folder: every acknowledged
  // record is still there at the same partition and offset. The tail keeps its positions across
  // the loss and goes on from them on the new link, so what was produced while it was away is
  // read, not skipped; a (partition, offset) is stored once, however often it is read.
  it('says reconnecting with attempt and reason, resumes the tail, and stores each (partition, offset) once', async () => {
    const p = await h.api<Profile>('createProfile', {
      config: {
        protocol: 'kafka',
        name: 'killed kafka',
        brokers: [broker.bootstrap],
        clientId: 'faults-kafka',
      },
    })
    const profileId = p.id
    expect((await h.api<ConnectionStatus>('connect', { profileId })).state).toBe('connected')
    const tail = await h.api<KafkaTailStatus>('startKafkaTail', { profileId, topic })
    const tailStatus = async () =>
      (await h.api<KafkaTailStatus[]>('listKafkaTails')).find((t) => t.id === tail.id)!
    const mine = () => h.taken.filter((t) => t.profileId === profileId)

    // A producer that sends one record every few milliseconds until told to stop, keeping what
    // the broker acknowledged; a send that fails (the broker is dead) is not counted and not retried.
    const acked: { value: string; partition: number; offset: string }[] = []
    let producing = true
    let n = 0
    const production = (async () => {
      while (producing) {
        const value = `r-${n++}`
        try {
          const [meta] = await producer.send({ topic, acks: -1, messages: [{ partition: n % 2, value }] })
          acked.push({ value, partition: meta!.partition, offset: meta!.baseOffset! })
        } catch {
          await new Promise((r) => setTimeout(r, 200))
        }
        await new Promise((r) => setTimeout(r, 5))
      }
    })()

    try {
      await vi.waitFor(() => expect(mine().length).toBeGreaterThanOrEqual(100), { timeout: 30_000 })
      let beforeLoss = 0
      await crashAndRestart('kafka', async () => {
        // kafkajs pushes nothing: the session's probe (every 5 s) is what notices.
        await h.waitState(profileId, 'reconnecting', 30_000)
        beforeLoss = mine().length
        expect((await h.connection(profileId))?.reason).toBeTruthy()
        // The tail waits for the link instead of failing.
        expect((await tailStatus()).state).toBe('running')
      })
      await h.waitState(profileId, 'connected', 60_000)
      const beforeResume = mine().length
      await vi.waitFor(
        async () => {
          expect(await tailStatus()).toMatchObject({ state: 'running', error: null })
          expect(mine().length - beforeResume).toBeGreaterThanOrEqual(100)
        },
        { timeout: 60_000, interval: 200 },
      )
      producing = false
      await production
      // Every record the broker acknowledged, before the kill or after it, is read by the tail.
      const key = (r: { partition: number | null; offset: string | null }) => `${r.partition}/${r.offset}`
      await vi.waitFor(
        () => {
          const seen = new Set(mine().map(key))
          expect(acked.filter((a) => !seen.has(key(a)))).toEqual([])
        },
        { timeout: 30_000, interval: 200 },
      )
      for (const a of acked) expect(mine().find((t) => key(t) === key(a))?.text).toBe(a.value)
      expect((await h.api<KafkaTailStatus>('stopKafkaTail', { id: tail.id })).state).toBe('stopped')

      const rows = await h.history(profileId, `${topic}/#`)
      expectStoredOnce(mine(), beforeLoss, rows)
      const offsets = rows.map((r) => key({ partition: r.kafka!.partition, offset: r.kafka!.offset }))
      expect(new Set(offsets).size, 'no (partition, offset) stored twice').toBe(offsets.length)

      // Reading it all again from the beginning stores nothing new.
      const page = await h.api<KafkaBrowsePage>('browseKafka', {
        profileId,
        topic,
        from: { kind: 'beginning' },
        limit: 10_000,
      })
      expect(page.records.length).toBeGreaterThanOrEqual(acked.length)
      expect(
        (await h.api<{ count: number }>('countHistory', { filter: { profileId, topic: `${topic}/#` } }))
          .count,
      ).toBe(page.records.length)

      const attempts = expectNumberedReconnect(h.statuses(profileId))
      expect(attempts[0]!.reason).toBeTruthy()
      const tailEvents = h.events.flatMap((e) =>
        e.type === 'kafka.tail' && e.status.id === tail.id ? [e.status] : [],
      )
      expect(
        tailEvents.some((s) => s.state === 'running' && s.error !== null),
        'the tail said it lost the link',
      ).toBe(true)
    } finally {
      producing = false
      await production
    }
  }, 240_000)
})
