/**
 * AMQP consume throughput: a durable queue filled with 200,000 small messages (not timed; a
 * separate amqplib connection publishes them on a confirm channel), consumed
 *   - by a bare amqplib consumer (the baseline: auto-ack, prefetch 1,000, a callback that only
 *     counts), from its first message to the last, and
 *   - by the core (`startAmqpConsumer` through `core.invoke`, auto-ack, the same prefetch): every
 *     delivery mapped to the history's shape, put in the tree and stored. Counted through the public
 *     API: the `amqp.consumer` status events (at most four a second), from the first that counts a
 *     message to the one that counts the last, each carrying the time of its last message.
 * The queue is filled again before every run. Runs alternate (bare, core, …) after one warm-up of
 * each; medians are reported. Each core run has a fresh data folder, whose history must hold one
 * row per message.
 *
 * Then the core's cost per message without a broker: the delivery mapping alone, and the ingest
 * (tree and history writer) alone, fed with copies of a real delivery.
 *
 * No assertions on time: the figures go to a JSON file that scripts/bench/run.mjs reports.
 */
import amqp, { type ChannelModel, type ConsumeMessage } from 'amqplib'
import { describe, it } from 'vitest'
import { deliveryToIncoming } from '../src/main/amqp/amqp-delivery'
import { HistoryStore } from '../src/main/history/history-store'
import { Ingest } from '../src/main/ingest/ingest'
import { openDatabase } from '../src/main/storage/database'
import { TopicViews } from '../src/main/topics/topic-views'
import type { AmqpConsumerStatus } from '../src/shared/amqp'
import type { Profile } from '../src/shared/profiles'
import { amqpTreePath } from '../src/shared/tree-paths'
import { hasTestBroker, testBroker, type TestRabbitmq } from '../test/support/brokers'
import { tempDir } from '../test/support/temp-dir'
import { testCore } from '../test/support/test-core'
import { median, progress, setting, writePart } from './support/bench-env'

const MESSAGES = setting('AMQP_MESSAGES', 200_000)
const RUNS = setting('RUNS', 3)
const PREFETCH = 1000
/** The target the ratio core / bare is held to. */
const TARGET = 0.7
const QUEUE = 'bench-amqp-consume'
/** Messages published between two waits for the broker's confirms. */
const CONFIRM_BATCH = 10_000

interface Run {
  kind: 'bare' | 'core'
  messages: number
  messagesPerSecond: number
  durationMs: number
  cpuMicrosPerMessage: number
  /** core only */
  historyRows?: number
  statusEvents?: number
}

describe.skipIf(!hasTestBroker('rabbitmq'))('AMQP consume', () => {
  it('the core consuming a queue into the history vs a bare amqplib consumer', async () => {
    const broker = testBroker('rabbitmq')
    const client = await amqp.connect(broker.amqpUrl)
    client.on('error', () => undefined)
    const runs: Run[] = []
    let sample: ConsumeMessage | null = null
    try {
      const ch = await client.createChannel()
      await ch.assertQueue(QUEUE, { durable: true })
      await ch.purgeQueue(QUEUE)
      await ch.close()
      progress('amqp-consume: warm-up')
      const warm = Math.min(MESSAGES, 50_000)
      await fill(client, warm)
      sample = (await bareRun(client, warm)).sample
      await fill(client, warm)
      await coreRun(broker, warm)
      for (let i = 0; i < RUNS; i++) {
        await fill(client, MESSAGES)
        const bare = await bareRun(client, MESSAGES)
        await fill(client, MESSAGES)
        const core = await coreRun(broker, MESSAGES)
        for (const run of [bare.run, core]) {
          runs.push(run)
          progress(
            `amqp-consume: ${run.kind} run ${i + 1}/${RUNS}: ${Math.round(run.messagesPerSecond)} msg/s` +
              (run.historyRows !== undefined ? `, ${run.historyRows} history rows` : ''),
          )
        }
      }
    } finally {
      const ch = await client.createChannel()
      await ch.deleteQueue(QUEUE).catch(() => undefined)
      await client.close().catch(() => undefined)
    }
    progress('amqp-consume: where the time goes (no broker, no API)')
    const breakdown = sample ? timeSplit(sample) : null

    const of = (kind: Run['kind']) => runs.filter((r) => r.kind === kind)
    const summary = (kind: Run['kind']) => ({
      messagesPerSecond: median(of(kind).map((r) => r.messagesPerSecond)),
      cpuMicrosPerMessage: median(of(kind).map((r) => r.cpuMicrosPerMessage)),
    })
    const bare = summary('bare')
    const core = summary('core')
    const ratio = core.messagesPerSecond / bare.messagesPerSecond
    progress(`amqp-consume: ratio core / bare ${ratio.toFixed(2)} (target ≥ ${TARGET})`)
    writePart('amqp', {
      settings: { messages: MESSAGES, prefetch: PREFETCH, runs: RUNS },
      bare,
      core,
      ratio,
      target: TARGET,
      /** Every core run stored exactly the messages it counted, and counted every message. */
      historyRowsMatch: of('core').every((r) => r.historyRows === MESSAGES && r.messages === MESSAGES),
      breakdown,
      runs,
    })
  })
})

/** Puts `n` small messages in the (empty) queue, as a device would send them. */
async function fill(client: ChannelModel, n: number): Promise<void> {
  const ch = await client.createConfirmChannel()
  try {
    for (let i = 0; i < n; i++) {
      const body = Buffer.from(`{"seq":${i},"t":${(18 + (i % 70) / 10).toFixed(1)}}`)
      ch.sendToQueue(QUEUE, body, {
        contentType: 'application/json',
        timestamp: Math.floor(Date.now() / 1000),
        headers: { source: 'bench', room: i % 40 },
      })
      if ((i + 1) % CONFIRM_BATCH === 0) await ch.waitForConfirms()
    }
    await ch.waitForConfirms()
    const { messageCount } = await ch.checkQueue(QUEUE)
    if (messageCount !== n) throw new Error(`the queue holds ${messageCount} messages, not ${n}`)
  } finally {
    await ch.close()
  }
}

async function bareRun(client: ChannelModel, n: number): Promise<{ run: Run; sample: ConsumeMessage }> {
  const ch = await client.createChannel()
  await ch.prefetch(PREFETCH)
  let count = 0
  let first = 0
  let last = 0
  let cpu = process.cpuUsage()
  let sample: ConsumeMessage | null = null
  let resolveDone: () => void = () => undefined
  const done = new Promise<void>((resolve) => (resolveDone = resolve))
  const { consumerTag } = await ch.consume(
    QUEUE,
    (m) => {
      if (!m) return
      if (count === 0) {
        first = performance.now()
        cpu = process.cpuUsage()
        sample = m
      }
      if (++count === n) {
        last = performance.now()
        resolveDone()
      }
    },
    { noAck: true },
  )
  await done
  const used = process.cpuUsage(cpu)
  await ch.cancel(consumerTag)
  await ch.close()
  return {
    run: {
      kind: 'bare',
      messages: count,
      messagesPerSecond: ((count - 1) / (last - first)) * 1000,
      durationMs: last - first,
      cpuMicrosPerMessage: (used.user + used.system) / count,
    },
    sample: sample!,
  }
}

async function coreRun(broker: TestRabbitmq, n: number): Promise<Run> {
  const ctx = testCore()
  try {
    const api = <T>(method: string, input?: unknown) => ctx.core.invoke(method, input, 'bench') as Promise<T>
    const profile = await api<Profile>('createProfile', {
      config: {
        protocol: 'amqp',
        name: 'Bench',
        host: '127.0.0.1',
        port: broker.ports.amqp,
        username: broker.username,
      },
      secrets: { password: broker.password },
    })
    await api('connect', { profileId: profile.id })
    const reports: AmqpConsumerStatus[] = []
    let resolveDone: () => void = () => undefined
    const done = new Promise<void>((resolve) => (resolveDone = resolve))
    let cpu = process.cpuUsage()
    ctx.core.onEvent((e) => {
      if (e.type !== 'amqp.consumer') return
      if (e.status.delivered > 0 && reports.every((r) => r.delivered === 0)) cpu = process.cpuUsage()
      reports.push(e.status)
      if (e.status.delivered >= n) resolveDone()
    })
    const consumer = await api<AmqpConsumerStatus>('startAmqpConsumer', {
      profileId: profile.id,
      queue: QUEUE,
      ackMode: 'auto',
      prefetch: PREFETCH,
    })
    await done
    const used = process.cpuUsage(cpu)
    await api('stopAmqpConsumer', { id: consumer.id })
    // From the first report that counts a message to the one that counts the last: the messages in
    // between, over the time between their arrivals (each report carries its last message's time).
    const from = reports.find((r) => r.delivered > 0)!
    const to = reports.find((r) => r.delivered >= n)!
    const durationMs = to.lastMessageAt! - from.lastMessageAt!
    const { count: historyRows } = await api<{ count: number }>('countHistory', {
      filter: { profileId: profile.id, topic: amqpTreePath('', QUEUE) },
    })
    return {
      kind: 'core',
      messages: to.delivered,
      messagesPerSecond: ((to.delivered - from.delivered) / durationMs) * 1000,
      durationMs,
      cpuMicrosPerMessage: (used.user + used.system) / (to.delivered - from.delivered),
      historyRows,
      statusEvents: reports.length,
    }
  } finally {
    await ctx.dispose()
  }
}

/**
 * The core's per-message work without a broker, fed with copies of a real delivery: the mapping
 * to the history's shape (properties, headers, tree path) alone, then the ingest (tree, history
 * writer and its SQLite inserts) alone.
 */
function timeSplit(sample: ConsumeMessage) {
  const n = MESSAGES
  const messages = Array.from({ length: n }, (_, i) => ({
    content: Buffer.from(sample.content),
    fields: { ...sample.fields, deliveryTag: i + 1 },
    properties: { ...sample.properties, headers: { ...sample.properties.headers } },
  }))
  let t = performance.now()
  const incoming = messages.map((m) => deliveryToIncoming(m, QUEUE))
  const mapMs = performance.now() - t

  const dir = tempDir('brokerlens-bench-amqp-')
  const db = openDatabase(dir.path)
  const history = new HistoryStore(db, (err) => {
    throw err
  })
  const views = new TopicViews(history, () => undefined)
  const ingest = new Ingest(history, views)
  try {
    t = performance.now()
    for (const m of incoming) ingest.receive('bench', 'amqp', m)
    const receiveMs = performance.now() - t
    history.flush()
    const ingestMs = performance.now() - t
    return {
      messages: n,
      mapMicrosPerMessage: (mapMs * 1000) / n,
      /** On the receiving thread: the tree, views and handing rows to the writer thread. */
      receiveMicrosPerMessage: (receiveMs * 1000) / n,
      /** Until every row is written (the writer thread works meanwhile). */
      ingestMicrosPerMessage: (ingestMs * 1000) / n,
    }
  } finally {
    views.close()
    history.close()
    db.close()
    dir.remove()
  }
}
