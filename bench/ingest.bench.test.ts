/**
 * MQTT ingest throughput: the same stream (200,000 QoS 1 messages over 10,000 topics, from a
 * publisher in its own process, as fast as the broker takes them) into
 *   - a bare mqtt.js subscriber that only counts (the baseline: what the broker and client library
 *     can do on this machine), and
 *   - the real core (createCore, an MQTT profile subscribed to `#` at QoS 1), counted through its
 *     public API: the totals of the `tree.delta` events of an open tree view.
 * Runs alternate (bare, core, bare, core, …) after one warm-up of each; the medians are reported.
 * Lost messages are split into those the broker dropped ($SYS) and those the subscriber lost, and
 * the core's history must hold one row per message it counted.
 *
 * Then the core's own cost per message without a broker (Ingest fed directly), split into the
 * topic tree and the history writer, to show where the time goes.
 *
 * No assertions on time: the figures go to a JSON file that scripts/bench/run.mjs reports.
 */
import { join } from 'node:path'
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks'
import Database from 'better-sqlite3'
import mqtt from 'mqtt'
import { describe, it } from 'vitest'
import { createCore } from '../src/main/core'
import { HistoryStore } from '../src/main/history/history-store'
import { SearchIndex } from '../src/main/history/search-index'
import { Ingest } from '../src/main/ingest/ingest'
import { FileKeyCipher } from '../src/main/secrets/file-key-cipher'
import { openDatabase } from '../src/main/storage/database'
import { Settings } from '../src/main/storage/settings'
import { TopicTree } from '../src/main/topics/topic-tree'
import { TopicViews } from '../src/main/topics/topic-views'
import type { ApiEvent } from '../src/shared/api'
import type { Profile } from '../src/shared/profiles'
import { benchPayload, benchTopics } from '../scripts/bench/stream-shape.mjs'
import { hasTestBroker, testBroker } from '../test/support/brokers'
import { tempDir } from '../test/support/temp-dir'
import { median, progress, setting, writePart } from './support/bench-env'
import { BrokerDrops, settle, startPublisher, type PublisherResult } from './support/stream'

const MESSAGES = setting('MESSAGES', 200_000)
const TOPICS = setting('TOPICS', 10_000)
const RUNS = setting('RUNS', 3)
/** The paced run publishes at this fraction of the bare subscriber's median rate. */
const PACED = setting('PACED_FRACTION', 0.5)
const QOS = 1
/** Each run publishes below a prefix of its own and counts only that, whatever else the broker holds. */
let runNo = 0
const nextPrefix = () => `bench${++runNo}`

type Kind = 'bare' | 'core' | 'core-paced'

interface RunFigures {
  kind: Kind
  published: number
  received: number
  /** Published and never counted. */
  lost: number
  /**
   * What Mosquitto's $SYS/broker/publish/messages/dropped rose by over the run: the broker dropping
   * messages for a subscriber whose queue (1,000 by default) is full. Mosquitto's count runs a few
   * percent above the messages actually missing, so it says *who* lost them, not exactly how many.
   * Null when the broker's count was not known before the run.
   */
  brokerDropped: number | null
  messagesPerSecond: number
  /** From the first to the last message (bare) or between the deltas inside the stream (core). */
  durationMs: number
  /** CPU time of this process per message received (user + system). */
  cpuMicrosPerMessage: number
  /** Event-loop delay while the stream ran: what a stall costs is the broker's queue filling up. */
  loopDelayP99Ms: number
  loopDelayMaxMs: number
  publisherRate: number
  /** Core only: rows of this run's topics in the history after the core closed (flushed). */
  historyRows?: number
  /** Core only: tree.delta events seen while counting. */
  deltas?: number
}

describe.skipIf(!hasTestBroker('mosquitto'))('MQTT ingest', () => {
  it('bare mqtt.js subscriber vs the core, same stream', async () => {
    const broker = testBroker('mosquitto')
    const url = broker.urls.plain
    const port = broker.ports.plain
    const drops = await BrokerDrops.open(url)
    const runs: RunFigures[] = []
    const report = (r: RunFigures, label: string) => {
      progress(
        `ingest: ${label}: ${Math.round(r.messagesPerSecond)} msg/s, ${r.received}/${r.published} counted` +
          (r.lost > 0 ? ` (broker dropped ≈${r.brokerDropped ?? '?'})` : '') +
          (r.historyRows !== undefined ? `, ${r.historyRows} history rows` : '') +
          `, loop delay max ${r.loopDelayMaxMs.toFixed(0)} ms`,
      )
      runs.push(r)
    }
    let paced: RunFigures | null = null
    try {
      const warm = Math.max(10_000, Math.round(MESSAGES / 4))
      progress(`ingest: warm-up (${warm} messages each)`)
      await bareRun(url, warm, drops)
      await coreRun(url, port, warm, drops)
      for (let i = 0; i < RUNS; i++) {
        report(await bareRun(url, MESSAGES, drops), `bare run ${i + 1}/${RUNS}`)
        report(await coreRun(url, port, MESSAGES, drops), `core run ${i + 1}/${RUNS}`)
      }
      const rate = Math.round(
        PACED * median(runs.filter((r) => r.kind === 'bare').map((r) => r.messagesPerSecond)),
      )
      paced = await coreRun(url, port, MESSAGES, drops, rate)
      report(paced, `core paced at ${rate} msg/s`)
    } finally {
      await drops.close()
    }

    const of = (kind: Kind) => runs.filter((r) => r.kind === kind)
    const summary = (kind: Kind) => ({
      messagesPerSecond: median(of(kind).map((r) => r.messagesPerSecond)),
      cpuMicrosPerMessage: median(of(kind).map((r) => r.cpuMicrosPerMessage)),
      loopDelayMaxMs: median(of(kind).map((r) => r.loopDelayMaxMs)),
      lost: Math.max(...of(kind).map((r) => r.lost)),
      brokerDropped: worst(of(kind).map((r) => r.brokerDropped)),
    })
    const bare = summary('bare')
    const core = summary('core')
    const coreRuns = runs.filter((r) => r.kind !== 'bare')

    progress('ingest: the core without a broker')
    const breakdown = coreBreakdown()

    writePart('ingest', {
      settings: {
        messages: MESSAGES,
        topics: TOPICS,
        qos: QOS,
        runs: RUNS,
        mqttVersion: 4,
        pacedFraction: PACED,
      },
      bare,
      core,
      ratio: core.messagesPerSecond / bare.messagesPerSecond,
      paced: paced && {
        rate: paced.publisherRate,
        published: paced.published,
        received: paced.received,
        lost: paced.lost,
        brokerDropped: paced.brokerDropped,
        historyRows: paced.historyRows,
        loopDelayMaxMs: paced.loopDelayMaxMs,
      },
      /** Every core run stored exactly the messages it counted. */
      historyRowsMatch: coreRuns.every((r) => r.historyRows === r.received),
      breakdown,
      runs,
    })
  })
})

/** The largest of the known values; null when none is known. */
function worst(values: (number | null)[]): number | null {
  const known = values.filter((v): v is number => v !== null)
  return known.length > 0 ? Math.max(...known) : null
}

async function bareRun(url: string, messages: number, drops: BrokerDrops): Promise<RunFigures> {
  const sub = await mqtt.connectAsync(url, {
    clientId: `brokerlens-bench-bare-${process.pid}`,
    reconnectPeriod: 0,
    protocolVersion: 4,
    clean: true,
  })
  const prefix = nextPrefix()
  const mine = `${prefix}/`
  let count = 0
  let first = 0
  let last = 0
  sub.on('message', (topic) => {
    if (!topic.startsWith(mine)) return
    const t = performance.now()
    if (count++ === 0) first = t
    last = t
  })
  await sub.subscribeAsync('#', { qos: QOS })
  try {
    const m = await measure(url, prefix, messages, 0, drops, () => count)
    return finish('bare', m, count > 1 ? ((count - 1) / (last - first)) * 1000 : NaN, last - first)
  } finally {
    await sub.endAsync()
  }
}

/** The real core, subscribed to `#` at QoS 1, counted through the deltas of an open tree view. */
async function coreRun(
  url: string,
  port: number,
  messages: number,
  drops: BrokerDrops,
  rate = 0,
): Promise<RunFigures> {
  const dir = tempDir('brokerlens-bench-core-')
  const logs: string[] = []
  const core = createCore({
    dataDir: dir.path,
    secrets: new FileKeyCipher(join(dir.path, 'secret.key')),
    host: 'web',
    version: '0.0.0-bench',
    log: (m) => logs.push(m),
  })
  try {
    const profile = (await core.invoke('createProfile', {
      config: {
        protocol: 'mqtt',
        name: 'Bench',
        host: '127.0.0.1',
        port,
        subscriptions: [{ filter: '#', qos: QOS }],
      },
    })) as Profile
    const prefix = nextPrefix()
    const samples: [number, number][] = []
    let subscribed = false
    core.onEvent((event: ApiEvent) => {
      if (event.type === 'subscriptions.changed' && event.profileId === profile.id)
        subscribed = event.subscriptions.some((s) => s.filter === '#' && s.state === 'active')
      if (event.type !== 'tree.delta' || event.profileId !== profile.id) return
      // The run's own top-level node: the root's children are in every delta of the view.
      const node = event.nodes.find((n) => n.path === prefix)
      if (node) samples.push([performance.now(), node.messages])
    })
    // An open view of the tree, as a window has one: its deltas come at most every 100 ms.
    await core.invoke(
      'setTreeView',
      { profileId: profile.id, viewId: 'bench', expanded: [], selected: null },
      'bench',
    )
    await core.invoke('connect', { profileId: profile.id })
    await settle(() => (subscribed ? 1 : 0), 1, 10_000)
    if (!subscribed) throw new Error(`the core did not subscribe: ${logs.join('\n')}`)

    const counted = () => samples.at(-1)?.[1] ?? 0
    const m = await measure(url, prefix, messages, rate, drops, counted)
    const { rate: measured, durationMs } = rateFromSamples(samples, m.received)
    await core.close()
    const db = new Database(join(dir.path, 'brokerlens.db'), { readonly: true })
    const historyRows = (
      db
        .prepare(
          `SELECT COUNT(*) AS n FROM messages m JOIN topics t ON t.id = m.topic_id
           WHERE m.direction = 0 AND substr(t.name, 1, ?) = ?`,
        )
        .get(prefix.length + 1, `${prefix}/`) as { n: number }
    ).n
    db.close()
    return {
      ...finish(rate > 0 ? 'core-paced' : 'core', m, measured, durationMs),
      historyRows,
      deltas: samples.length,
    }
  } finally {
    await core.close()
    dir.remove()
  }
}

interface Measured {
  publisher: PublisherResult
  received: number
  dropped: number | null
  cpuMicros: number
  loopDelay: IntervalHistogram
}

/** Publishes the stream, waits until the subscriber has it all (or stops getting any), and counts drops. */
async function measure(
  url: string,
  prefix: string,
  messages: number,
  rate: number,
  drops: BrokerDrops,
  count: () => number,
): Promise<Measured> {
  const publisher = await startPublisher({ url, prefix, messages, topics: TOPICS, qos: QOS, rate })
  try {
    // Every run ends with the broker's count settled, so the latest one holds every drop before.
    const droppedBefore = drops.latest()
    const loopDelay = monitorEventLoopDelay({ resolution: 5 })
    loopDelay.enable()
    const cpu = process.cpuUsage()
    const result = await publisher.run()
    await settle(count, result.sent)
    const used = process.cpuUsage(cpu)
    loopDelay.disable()
    const received = count()
    // Nothing lost, nothing dropped: no need to wait for the broker's count.
    let dropped: number | null = 0
    if (received < result.sent) {
      const after = await drops.settledAfter(performance.now())
      dropped = after === null || droppedBefore === null ? null : after - droppedBefore
    }
    return { publisher: result, received, dropped, cpuMicros: used.user + used.system, loopDelay }
  } finally {
    publisher.kill()
  }
}

function finish(kind: Kind, m: Measured, messagesPerSecond: number, durationMs: number): RunFigures {
  return {
    kind,
    published: m.publisher.sent,
    received: m.received,
    lost: m.publisher.sent - m.received,
    brokerDropped: m.dropped,
    messagesPerSecond,
    durationMs,
    cpuMicrosPerMessage: m.received > 0 ? m.cpuMicros / m.received : NaN,
    loopDelayP99Ms: m.loopDelay.percentile(99) / 1e6,
    loopDelayMaxMs: m.loopDelay.max / 1e6,
    publisherRate: m.publisher.rate,
  }
}

/**
 * Messages a second from the (time, total) samples of the tree deltas, between the first sample
 * with messages and the last one still short of the final count: both ends fall inside the stream,
 * so the 100 ms spacing of the deltas adds no bias while messages flow.
 */
function rateFromSamples(samples: [number, number][], final: number): { rate: number; durationMs: number } {
  const i0 = samples.findIndex(([, n]) => n > 0)
  if (i0 < 0) return { rate: NaN, durationMs: NaN }
  let i1 = -1
  for (let i = samples.length - 1; i > i0; i--)
    if (samples[i]![1] < final) {
      i1 = i
      break
    }
  const end = samples.findIndex(([, n]) => n >= final)
  const durationMs = end >= 0 ? samples[end]![0] - samples[i0]![0] : NaN
  if (i1 < 0) {
    // Fewer than two samples inside the stream: fall back to first-to-final (slightly low).
    return { rate: end > i0 ? ((final - samples[i0]![1]) / durationMs) * 1000 : NaN, durationMs }
  }
  const [t0, n0] = samples[i0]!
  const [t1, n1] = samples[i1]!
  return { rate: ((n1 - n0) / (t1 - t0)) * 1000, durationMs }
}

/**
 * The core's own cost per message, no broker and no socket: the same topics and payloads fed to
 * TopicTree.record alone, then to Ingest.receive (tree + history queue + view bookkeeping) with the
 * history's batched SQLite writes, in a fresh data folder.
 */
function coreBreakdown() {
  const topics = benchTopics('bench', TOPICS)
  const enc = new TextEncoder()
  const payloads = Array.from({ length: 64 }, (_, i) => enc.encode(benchPayload(i)))
  const n = MESSAGES

  const tree = new TopicTree()
  let t = performance.now()
  for (let i = 0; i < n; i++) {
    tree.record(topics[i % topics.length]!, {
      id: i + 1,
      receivedAt: Date.now(),
      payload: payloads[i % 64]!,
      retain: false,
      live: true,
    })
    if (i % 2000 === 0) tree.takeDirty()
  }
  const treeMicros = ((performance.now() - t) * 1000) / n

  const dir = tempDir('brokerlens-bench-ingest-')
  const db = openDatabase(dir.path)
  try {
    const history = new HistoryStore(db, (err) => {
      throw err
    })
    const views = new TopicViews(history, () => undefined)
    const ingest = new Ingest(history, views)
    t = performance.now()
    let flushMs = 0
    for (let i = 0; i < n; i++) {
      ingest.receive('bench', 'mqtt', {
        topic: topics[i % topics.length]!,
        payload: payloads[i % 64]!,
        qos: 1,
        retain: false,
        dup: false,
        properties: null,
      })
    }
    const f0 = performance.now()
    history.flush()
    flushMs = performance.now() - f0
    const ingestMicros = ((performance.now() - t) * 1000) / n
    views.close()

    // The history writer alone: the same rows, batched as the writer batches them (2,000 a flush).
    const db2 = openDatabase(join(dir.path, 'writer-only'))
    const history2 = new HistoryStore(db2, (err) => {
      throw err
    })
    const slots = topics.map(() => ({ topicId: 0 }))
    // The writer flushes inside append once 2,000 rows wait: those appends are the flushes, and the
    // slowest of them is the longest the writer holds the thread (WAL checkpoints included).
    const flushes: number[] = []
    t = performance.now()
    for (let i = 0; i < n; i++) {
      const a = performance.now()
      history2.append(
        {
          id: history2.nextId(),
          profileId: 'bench',
          protocol: 'mqtt',
          direction: 'in',
          topic: topics[i % topics.length]!,
          receivedAt: Date.now(),
          qos: 1,
          retain: false,
          dup: false,
          properties: null,
          amqp: null,
          kafka: null,
          payload: payloads[i % 64]!,
        },
        slots[i % topics.length],
      )
      const took = performance.now() - a
      if (took > 0.5) flushes.push(took)
    }
    history2.flush()
    const historyMicros = ((performance.now() - t) * 1000) / n
    // The payload search index, which follows the writer in slices on the same thread.
    const search = new SearchIndex(db2, new Settings(db2))
    t = performance.now()
    const indexed = search.catchUp(Infinity)
    const searchIndexMicros = ((performance.now() - t) * 1000) / Math.max(1, indexed)
    history2.close()
    db2.close()
    return {
      messages: n,
      treeRecordMicros: treeMicros,
      historyWriteMicros: historyMicros,
      searchIndexMicros,
      ingestReceiveMicros: ingestMicros,
      lastFlushMs: flushMs,
      /** Appends that flushed a batch of 2,000 rows: how long each held the thread. */
      flushes: flushes.length,
      flushMsMedian: median(flushes),
      flushMsMax: Math.max(0, ...flushes),
    }
  } finally {
    db.close()
    dir.remove()
  }
}
