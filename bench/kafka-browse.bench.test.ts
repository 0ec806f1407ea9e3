/**
 * Kafka browse throughput: 1,000,000 small records on a 3-partition topic (produced once, reused
 * while the broker keeps it), read
 *   - by a bare kafkajs consumer (the baseline: a fresh group, fromBeginning, eachBatch that only
 *     counts), from its first batch to the last record, and
 *   - by the core's `browseKafka` through `core.invoke` (validated, as a window calls it), page
 *     after page at the largest page size (10,000) following `next` until `reachedEnd`: every record
 *     fetched without a group, merged in time order, put in the tree and stored in the history.
 * Runs alternate (bare, browse, …) after one warm-up of each; medians are reported. Each browse run
 * has a fresh data folder, and the history must hold one row per record it returned.
 *
 * No assertions on time: the figures go to a JSON file that scripts/bench/run.mjs reports.
 */
import { Kafka, logLevel, type Admin } from 'kafkajs'
import { describe, it } from 'vitest'
import { KafkaFetcher } from '../src/main/brokers/kafka/kafka-fetcher'
import { HistoryStore } from '../src/main/history/history-store'
import type { MessageRecord } from '../src/main/history/message-record'
import { packBatch } from '../src/main/history/writer/pack-batch'
import { RowWriter } from '../src/main/history/writer/row-writer'
import { Ingest } from '../src/main/ingest/ingest'
import { readForward, startOffsets } from '../src/main/kafka/kafka-page-reader'
import { KafkaRecordIntake } from '../src/main/kafka/kafka-record-intake'
import { KafkaStoredOffsets } from '../src/main/kafka/kafka-stored-offsets'
import { openDatabase } from '../src/main/storage/database'
import { TopicViews } from '../src/main/topics/topic-views'
import type { KafkaBrowseFrom, KafkaBrowsePage, KafkaBrowseRequest } from '../src/shared/kafka'
import type { Profile } from '../src/shared/profiles'
import { hasTestBroker, testBroker } from '../test/support/brokers'
import { tempDir } from '../test/support/temp-dir'
import { testCore } from '../test/support/test-core'
import { median, progress, setting, writePart } from './support/bench-env'

const RECORDS = setting('KAFKA_RECORDS', 1_000_000)
const RUNS = setting('RUNS', 3)
const PARTITIONS = 3
const PAGE = 10_000
/** The target the ratio browse / bare is held to. */
const TARGET = 0.7
const TOPIC = `bench-kafka-browse-${RECORDS}`

interface Run {
  kind: 'bare' | 'browse'
  records: number
  recordsPerSecond: number
  durationMs: number
  cpuMicrosPerRecord: number
  /** browse only */
  pages?: number
  historyRows?: number
}

describe.skipIf(!hasTestBroker('kafka'))('Kafka browse', () => {
  it('browseKafka page by page into the history vs a bare kafkajs consumer', async () => {
    const broker = testBroker('kafka')
    const kafka = new Kafka({
      clientId: 'bench-kafka',
      brokers: [broker.bootstrap],
      logLevel: logLevel.NOTHING,
    })
    const admin = kafka.admin()
    await admin.connect()
    const runs: Run[] = []
    let breakdown: Awaited<ReturnType<typeof timeSplit>> | null = null
    try {
      await ensureTopic(kafka, admin)
      progress('kafka-browse: warm-up')
      await bareRun(kafka, admin)
      await browseRun(broker.bootstrap)
      for (let i = 0; i < RUNS; i++) {
        for (const run of [await bareRun(kafka, admin), await browseRun(broker.bootstrap)]) {
          runs.push(run)
          progress(
            `kafka-browse: ${run.kind} run ${i + 1}/${RUNS}: ${Math.round(run.recordsPerSecond)} records/s` +
              (run.historyRows !== undefined ? `, ${run.historyRows} history rows, ${run.pages} pages` : ''),
          )
        }
      }
      progress('kafka-browse: where the time goes (no core, no API)')
      breakdown = await timeSplit(broker.bootstrap)
    } finally {
      await admin.disconnect()
    }
    const of = (kind: Run['kind']) => runs.filter((r) => r.kind === kind)
    const summary = (kind: Run['kind']) => ({
      recordsPerSecond: median(of(kind).map((r) => r.recordsPerSecond)),
      cpuMicrosPerRecord: median(of(kind).map((r) => r.cpuMicrosPerRecord)),
    })
    const bare = summary('bare')
    const browse = summary('browse')
    const ratio = browse.recordsPerSecond / bare.recordsPerSecond
    progress(`kafka-browse: ratio browse / bare ${ratio.toFixed(2)} (target ≥ ${TARGET})`)
    writePart('kafka-browse', {
      settings: { records: RECORDS, partitions: PARTITIONS, pageSize: PAGE, runs: RUNS },
      bare,
      browse,
      ratio,
      target: TARGET,
      /** Every browse run stored exactly the records it returned, and returned every record. */
      historyRowsMatch: of('browse').every((r) => r.historyRows === RECORDS && r.records === RECORDS),
      breakdown,
      runs,
    })
  })
})

/** The topic with RECORDS records, produced once: a topic of that name and size is reused. */
async function ensureTopic(kafka: Kafka, admin: Admin): Promise<void> {
  if ((await admin.listTopics()).includes(TOPIC)) {
    const offsets = await admin.fetchTopicOffsets(TOPIC)
    const held = offsets.reduce((n, p) => n + Number(p.high) - Number(p.low), 0)
    if (held === RECORDS && offsets.length === PARTITIONS) return
    await admin.deleteTopics({ topics: [TOPIC] })
    await new Promise((r) => setTimeout(r, 1000))
  }
  progress(`kafka-browse: producing ${RECORDS.toLocaleString('en')} records to ${TOPIC} (once)`)
  await admin.createTopics({ topics: [{ topic: TOPIC, numPartitions: PARTITIONS }], waitForLeaders: true })
  const producer = kafka.producer({ allowAutoTopicCreation: false })
  await producer.connect()
  const started = performance.now()
  const chunk = 10_000
  const base = Date.now() - 3600_000
  try {
    for (let from = 0; from < RECORDS; from += chunk * 4) {
      // Four sends in flight; round-robin partitions, so that time order interleaves them.
      await Promise.all(
        [0, 1, 2, 3].map((k) => {
          const start = from + k * chunk
          const n = Math.max(0, Math.min(chunk, RECORDS - start))
          if (n === 0) return Promise.resolve()
          return producer.send({
            topic: TOPIC,
            acks: 1,
            messages: Array.from({ length: n }, (_, j) => {
              const i = start + j
              return {
                partition: i % PARTITIONS,
                key: `sensor-${i % 1000}`,
                value: `{"seq":${i},"t":${(18 + (i % 70) / 10).toFixed(1)}}`,
                timestamp: String(base + Math.floor(i / 10)),
              }
            }),
          })
        }),
      )
    }
  } finally {
    await producer.disconnect()
  }
  progress(`kafka-browse: produced in ${((performance.now() - started) / 1000).toFixed(1)} s`)
}

async function bareRun(kafka: Kafka, admin: Admin): Promise<Run> {
  const groupId = `bench-bare-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`
  const consumer = kafka.consumer({ groupId })
  let count = 0
  let first = 0
  let last = 0
  let cpu = process.cpuUsage()
  let resolveDone: () => void = () => undefined
  const done = new Promise<void>((resolve) => (resolveDone = resolve))
  try {
    await consumer.connect()
    await consumer.subscribe({ topic: TOPIC, fromBeginning: true })
    await consumer.run({
      eachBatch: async ({ batch }) => {
        if (count === 0) {
          first = performance.now()
          cpu = process.cpuUsage()
        }
        count += batch.messages.length
        if (count >= RECORDS) {
          last = performance.now()
          resolveDone()
        }
      },
    })
    await done
    const used = process.cpuUsage(cpu)
    return {
      kind: 'bare',
      records: count,
      recordsPerSecond: (count / (last - first)) * 1000,
      durationMs: last - first,
      cpuMicrosPerRecord: (used.user + used.system) / count,
    }
  } finally {
    await consumer.disconnect()
    await admin.deleteGroups([groupId]).catch(() => undefined)
  }
}

async function browseRun(bootstrap: string): Promise<Run> {
  const ctx = testCore()
  try {
    const api = <T>(method: string, input?: unknown) => ctx.core.invoke(method, input, 'bench') as Promise<T>
    const profile = await api<Profile>('createProfile', {
      config: { protocol: 'kafka', name: 'Bench', brokers: [bootstrap] },
    })
    await api('connect', { profileId: profile.id })
    let from: KafkaBrowseRequest['from'] = { kind: 'beginning' }
    let records = 0
    let pages = 0
    const cpu = process.cpuUsage()
    const started = performance.now()
    for (;;) {
      const page: KafkaBrowsePage = await api<KafkaBrowsePage>('browseKafka', {
        profileId: profile.id,
        topic: TOPIC,
        from,
        limit: PAGE,
      })
      records += page.records.length
      pages++
      if (page.reachedEnd || page.records.length === 0) break
      from = { kind: 'offset', offsets: page.next }
    }
    const durationMs = performance.now() - started
    const used = process.cpuUsage(cpu)
    const { count: historyRows } = await api<{ count: number }>('countHistory', {
      filter: { profileId: profile.id, topic: `${TOPIC}/#` },
    })
    return {
      kind: 'browse',
      records,
      recordsPerSecond: (records / durationMs) * 1000,
      durationMs,
      cpuMicrosPerRecord: (used.user + used.system) / records,
      pages,
      historyRows,
    }
  } finally {
    await ctx.dispose()
  }
}

/**
 * The same read without the core around it, timed in two parts per page: fetching, decoding and
 * merging (KafkaFetcher + readForward), and taking the records in (KafkaRecordIntake: the tree,
 * the history writer with its SQLite inserts, the stored-offset lookup).
 */
async function timeSplit(bootstrap: string) {
  const kafka = new Kafka({ clientId: 'bench-split', brokers: [bootstrap], logLevel: logLevel.NOTHING })
  const fetcher = new KafkaFetcher(kafka)
  const dir = tempDir('brokerlens-bench-kafka-')
  const db = openDatabase(dir.path)
  const history = new HistoryStore(db, (err) => {
    throw err
  })
  const views = new TopicViews(history, () => undefined)
  const intake = new KafkaRecordIntake(new Ingest(history, views), history, new KafkaStoredOffsets(db))
  let readMs = 0
  let intakeMs = 0
  let records = 0
  const taken: MessageRecord[][] = []
  try {
    const partitions = await fetcher.partitions(TOPIC)
    let from: Exclude<KafkaBrowseFrom, { kind: 'end' }> = { kind: 'beginning' }
    for (;;) {
      const t0 = performance.now()
      const marks = await fetcher.watermarks(TOPIC, partitions)
      const page = await readForward(
        fetcher,
        TOPIC,
        await startOffsets(fetcher, TOPIC, from, marks),
        PAGE,
        null,
      )
      const t1 = performance.now()
      taken.push(intake.take('bench', TOPIC, page.records))
      const t2 = performance.now()
      readMs += t1 - t0
      intakeMs += t2 - t1
      records += page.records.length
      if (page.reachedEnd || page.records.length === 0) break
      from = { kind: 'offset', offsets: page.next }
    }
    const t = performance.now()
    history.flush()
    intakeMs += performance.now() - t
  } finally {
    views.close()
    history.close()
    db.close()
    dir.remove()
    await fetcher.close()
  }
  const storeMs = storeOnly(taken)
  return {
    records,
    /** Fetch (no group), decode, merge in time order: µs per record, and the rate alone. */
    readMicrosPerRecord: (readMs * 1000) / records,
    readRecordsPerSecond: (records / readMs) * 1000,
    /** Ingest into the tree and the history (SQLite), each record once. */
    intakeMicrosPerRecord: (intakeMs * 1000) / records,
    intakeRecordsPerSecond: (records / intakeMs) * 1000,
    /** SQLite alone storing the same rows, one per record, on one thread: the floor of storage. */
    storeRecordsPerSecond: (records / storeMs) * 1000,
  }
}

/**
 * Ms to store `pages` of history records with nothing else running: packed and inserted through
 * the history's row writer into a fresh database, one transaction per page. What any browse that
 * keeps one row per record pays, wherever it runs.
 */
function storeOnly(pages: MessageRecord[][]): number {
  const dir = tempDir('brokerlens-bench-store-')
  const db = openDatabase(dir.path)
  try {
    db.prepare(
      `INSERT INTO profiles (id, name, protocol, config, position, created_at, updated_at)
       VALUES ('bench', 'bench', 'kafka', '{}', 0, 0, 0)`,
    ).run()
    const writer = new RowWriter(db)
    const start = performance.now()
    pages.forEach((page, i) => {
      const outcome = writer.write(packBatch(i + 1, page, new Int32Array(page.length)))
      if (outcome && !outcome.ok) throw new Error(outcome.error)
    })
    return performance.now() - start
  } finally {
    db.close()
    dir.remove()
  }
}
