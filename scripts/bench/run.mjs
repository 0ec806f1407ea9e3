#!/usr/bin/env node
// `npm run bench`: Brokerlens's performance figures, each against a baseline measured in the same
// run where there is one. Starts a Mosquitto of its own (its state file in a temp folder, so a
// developer's test brokers are never touched), then
//   ingest  MQTT ingest, a bare mqtt.js subscriber vs the core, same 200,000-message stream
//   heap    heap bytes per topic of the topic tree (and through Ingest), and where they go
//   delta   one tree delta of 1,000 visible rows: core tick, frame encode, renderer decode + checks
//   history the history writer vs bare better-sqlite3, reads over 1,000,000 stored messages
//   amqp    consuming a RabbitMQ queue, a bare amqplib consumer vs the core, 200,000 messages
//   ui      the renderer in Chromium under a 10,000 msg/s load: long tasks, click-to-detail
//   soak    the web host and its page in Chromium, 5,000 msg/s at QoS 1 over 50,000 topics for
//           10 minutes: memory slopes, long tasks, every acknowledged message in the history
// (ingest, heap, delta, history and soak are Vitest files in bench/, run as the `bench` project so that the TypeScript
// core runs as it is; ui is scripts/bench/ui-load.mjs with playwright-core), stops the broker,
// prints a report, writes bench-results/latest.json and the results table of docs/benchmarks.md.
//
//   npm run bench                       everything (about 15 minutes, 11 of them the soak)
//   npm run bench -- --only soak        the soak alone; BROKERLENS_BENCH_SOAK_SECONDS=90 for a short one
//   npm run bench -- --only ingest,heap
//   npm run bench -- --quick            smaller figures, for trying the bench itself
//   npm run bench -- --no-docs          leave docs/benchmarks.md alone (so do --only and --quick)
import { execFileSync, spawn } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
const PARTS = ['ingest', 'heap', 'delta', 'history', 'kafka-browse', 'amqp', 'ui', 'soak']
/** The bench file of a part, where it is not named for it. */
const BENCH_FILES = { amqp: 'amqp-consume' }

const { values: args } = parseArgs({
  options: {
    only: { type: 'string' },
    quick: { type: 'boolean', default: false },
    'no-docs': { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
})
if (args.help) {
  console.log(
    'usage: npm run bench -- [--only ingest,heap,delta,history,kafka-browse,amqp,ui,soak] [--quick] [--no-docs]',
  )
  process.exit(0)
}
const only = args.only ? args.only.split(',').map((s) => s.trim()) : PARTS
for (const p of only) {
  if (!PARTS.includes(p)) {
    console.error(`unknown part ${p}: expected some of ${PARTS.join(', ')}`)
    process.exit(2)
  }
}

// Settings, passed to the bench files through the environment.
const settings = args.quick
  ? {
      MESSAGES: 50_000,
      TOPICS: 10_000,
      RUNS: 1,
      HEAP_TOPICS: 50_000,
      HEAP_SNAPSHOT_TOPICS: 20_000,
      UI_SECONDS: 12,
      KAFKA_RECORDS: 100_000,
      AMQP_MESSAGES: 50_000,
      ...soakSettings(90, 30),
    }
  : {
      MESSAGES: 200_000,
      TOPICS: 10_000,
      RUNS: 3,
      HEAP_TOPICS: 200_000,
      HEAP_SNAPSHOT_TOPICS: 50_000,
      UI_SECONDS: 30,
      KAFKA_RECORDS: 1_000_000,
      AMQP_MESSAGES: 200_000,
      ...soakSettings(600, 60),
    }

/**
 * The soak's length and warm-up; unlike the other settings, BROKERLENS_BENCH_SOAK_* from the
 * environment win, so that a shorter soak can be tried through the same command.
 */
function soakSettings(seconds, warmupSeconds) {
  const given = (name, fallback) => {
    const raw = process.env[`BROKERLENS_BENCH_${name}`]
    return raw === undefined || raw === '' ? fallback : Number(raw)
  }
  return {
    SOAK_SECONDS: given('SOAK_SECONDS', seconds),
    SOAK_WARMUP_SECONDS: given('SOAK_WARMUP_SECONDS', warmupSeconds),
    SOAK_RATE: given('SOAK_RATE', 5000),
    SOAK_TOPICS: given('SOAK_TOPICS', 50_000),
  }
}

const temp = mkdtempSync(join(os.tmpdir(), 'brokerlens-bench-'))
// Our own state file: startBrokers starts (and stopBrokers stops) brokers of this run alone.
process.env.BROKERLENS_BROKERS_FILE = join(temp, 'brokers', 'state.json')
const partsDir = join(temp, 'parts')
const log = (line) => console.log(`[bench] ${line}`)
// Kafka takes ~20 s to start: only when its part runs.
// RabbitMQ (~10 s) likewise, and with its own state file the test brokers' RabbitMQ is never used.
const brokerNames = [
  'mosquitto',
  ...(only.includes('kafka-browse') ? ['kafka'] : []),
  ...(only.includes('amqp') ? ['rabbitmq'] : []),
]

const started = Date.now()
const machine = machineInfo()
log(
  `${machine.cpus} × ${machine.cpuModel}, ${machine.memoryGiB} GiB, Node ${machine.node}, load ${machine.loadAverage.join(' ')}`,
)

const { startBrokers, stopBrokers } = await import('../brokers/index.mjs')
const report = {
  date: new Date().toISOString(),
  machine,
  commit: gitCommit(),
  quick: args.quick,
  settings,
  durationS: 0,
  ingest: null,
  heap: null,
  delta: null,
  history: null,
  'kafka-browse': null,
  amqp: null,
  ui: null,
  soak: null,
  errors: {},
}

let stopping = false
const onSignal = async (signal) => {
  if (stopping) process.exit(130)
  stopping = true
  log(`${signal}: stopping the bench broker`)
  await stopBrokers(brokerNames, { log: () => {} }).catch(() => {})
  rmSync(temp, { recursive: true, force: true })
  process.exit(130)
}
process.on('SIGINT', onSignal)
process.on('SIGTERM', onSignal)

try {
  const state = await startBrokers(brokerNames, { log: (line) => log(line) })
  const broker = state.mosquitto
  log(`mosquitto on ${broker.urls.plain}`)

  const vitestParts = only.filter((p) => p !== 'ui')
  if (vitestParts.length > 0) {
    const env = { BROKERLENS_BENCH_OUT: partsDir }
    for (const [k, v] of Object.entries(settings)) env[`BROKERLENS_BENCH_${k}`] = String(v)
    const code = await run(
      process.execPath,
      [
        join(root, 'node_modules', 'vitest', 'vitest.mjs'),
        'run',
        '--project',
        'bench',
        ...vitestParts.map((p) => `bench/${BENCH_FILES[p] ?? p}.bench.test.ts`),
      ],
      env,
    )
    for (const part of vitestParts) {
      const file = join(partsDir, `${part}.json`)
      if (existsSync(file)) report[part] = JSON.parse(readFileSync(file, 'utf8'))
      else report.errors[part] = `the bench file wrote no figures (vitest exit ${code}; see its output above)`
    }
  }

  if (only.includes('ui')) {
    try {
      const { runUiBench } = await import('./ui-load.mjs')
      report.ui = await runUiBench({
        root,
        brokerUrl: broker.urls.plain,
        brokerPort: broker.ports.plain,
        durationS: settings.UI_SECONDS,
        log,
      })
    } catch (err) {
      report.errors.ui = err instanceof Error ? err.message : String(err)
      log(`ui failed: ${report.errors.ui}`)
    }
  }
} catch (err) {
  report.errors.run = err instanceof Error ? err.message : String(err)
  log(`failed: ${report.errors.run}`)
} finally {
  await stopBrokers(brokerNames, { log: (line) => log(line) }).catch((err) => log(`stopping: ${err.message}`))
  rmSync(temp, { recursive: true, force: true })
}

report.durationS = Math.round((Date.now() - started) / 1000)
report.machine.loadAverageAtEnd = os.loadavg().map((l) => l.toFixed(2))
const rows = figures(report)
console.log(`\n${textReport(report, rows)}`)

const out = join(root, 'bench-results')
mkdirSync(out, { recursive: true })
writeFileSync(join(out, 'latest.json'), `${JSON.stringify({ ...report, figures: rows }, null, 2)}\n`)
log(`wrote ${join('bench-results', 'latest.json')}`)
// The table in the docs is the whole bench's: partial and quick runs leave it alone.
if (!args['no-docs'] && !args.quick && !args.only) {
  await updateDocs(join(root, 'docs', 'benchmarks.md'), markdownReport(report, rows))
  log('updated the results in docs/benchmarks.md')
}
process.exitCode = Object.keys(report.errors).length > 0 ? 1 : 0

// ---------------------------------------------------------------------------------------------------

function run(command, argv, env) {
  return new Promise((resolve) => {
    const child = spawn(command, argv, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } })
    child.on('exit', (code, signal) => resolve(signal ?? code))
  })
}

function machineInfo() {
  const cpus = os.cpus()
  let mosquitto = null
  try {
    mosquitto =
      /mosquitto version (\S+)/.exec(execFileSync('mosquitto', ['-h'], { encoding: 'utf8' }))?.[1] ?? null
  } catch (err) {
    // `mosquitto -h` exits with 3 after printing its usage
    mosquitto = /mosquitto version (\S+)/.exec(String(err.stdout ?? ''))?.[1] ?? null
  }
  return {
    cpus: cpus.length,
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    loadAverage: os.loadavg().map((l) => l.toFixed(2)),
    mosquitto,
  }
}

function gitCommit() {
  try {
    const sha = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim()
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'src'], {
      cwd: root,
      encoding: 'utf8',
    }).trim()
    return dirty ? `${sha}+changes` : sha
  } catch {
    return null
  }
}

// ---- the figures, their targets and how they are shown --------------------------------------------

function n0(v) {
  return Number.isFinite(v) ? Math.round(v).toLocaleString('en') : 'n/a'
}
function n1(v) {
  return Number.isFinite(v) ? v.toFixed(1) : 'n/a'
}
function n2(v) {
  return Number.isFinite(v) ? v.toFixed(2) : 'n/a'
}

/** One row per figure: what, result, target, baseline, and whether the target is met. */
function figures(r) {
  const rows = []
  const add = (part, what, value, shown, target, baseline, ok) =>
    rows.push({ part, what, value, shown, target, baseline, ok })
  const k = r['kafka-browse']
  if (k) {
    add(
      'kafka-browse',
      'bare kafkajs consumer (baseline)',
      k.bare.recordsPerSecond,
      `${n0(k.bare.recordsPerSecond)} records/s`,
      '',
      'median; fresh group, eachBatch',
      null,
    )
    add(
      'kafka-browse',
      'browseKafka into the history, 10,000 a page',
      k.browse.recordsPerSecond,
      `${n0(k.browse.recordsPerSecond)} records/s`,
      '',
      'median',
      null,
    )
    add(
      'kafka-browse',
      'ratio browse / bare',
      k.ratio,
      n2(k.ratio),
      `≥ ${k.target}`,
      'bare, same run',
      k.ratio >= k.target,
    )
    add(
      'kafka-browse',
      'history rows = records, every browse run',
      k.historyRowsMatch,
      k.historyRowsMatch ? 'yes' : 'no',
      'yes',
      '',
      k.historyRowsMatch,
    )
    if (k.breakdown)
      add(
        'kafka-browse',
        'fetch + decode + merge / tree + history',
        k.breakdown.intakeMicrosPerRecord,
        `${n2(k.breakdown.readMicrosPerRecord)} / ${n2(k.breakdown.intakeMicrosPerRecord)} µs per record`,
        '',
        '',
        null,
      )
    if (k.breakdown?.storeRecordsPerSecond)
      add(
        'kafka-browse',
        'ceilings: read alone / SQLite rows alone, ÷ bare',
        k.breakdown.readRecordsPerSecond / k.bare.recordsPerSecond,
        `${n2(k.breakdown.readRecordsPerSecond / k.bare.recordsPerSecond)} / ${n2(k.breakdown.storeRecordsPerSecond / k.bare.recordsPerSecond)}`,
        '',
        'each part alone, no other work',
        null,
      )
  }
  const a = r.amqp
  if (a) {
    add(
      'amqp',
      'bare amqplib consumer (baseline)',
      a.bare.messagesPerSecond,
      `${n0(a.bare.messagesPerSecond)} msg/s`,
      '',
      'median; auto-ack, prefetch 1,000',
      null,
    )
    add(
      'amqp',
      'startAmqpConsumer into the history',
      a.core.messagesPerSecond,
      `${n0(a.core.messagesPerSecond)} msg/s`,
      '',
      'median; same queue and prefetch',
      null,
    )
    add(
      'amqp',
      'ratio core / bare',
      a.ratio,
      n2(a.ratio),
      `≥ ${a.target}`,
      'bare, same run',
      a.ratio >= a.target,
    )
    add(
      'amqp',
      'history rows = messages, every core run',
      a.historyRowsMatch,
      a.historyRowsMatch ? 'yes' : 'no',
      'yes',
      '',
      a.historyRowsMatch,
    )
    add(
      'amqp',
      'CPU per message, bare / core',
      a.core.cpuMicrosPerMessage,
      `${n1(a.bare.cpuMicrosPerMessage)} / ${n1(a.core.cpuMicrosPerMessage)} µs`,
      '',
      '',
      null,
    )
    if (a.breakdown)
      add(
        'amqp',
        'core cost without a broker: mapping / receiving thread / all written',
        a.breakdown.ingestMicrosPerMessage,
        `${n2(a.breakdown.mapMicrosPerMessage)} / ${n2(a.breakdown.receiveMicrosPerMessage)} / ${n2(a.breakdown.ingestMicrosPerMessage)} µs per message`,
        '',
        '',
        null,
      )
  }
  const i = r.ingest
  if (i) {
    const spread = (kind) => {
      const rates = i.runs.filter((x) => x.kind === kind).map((x) => x.messagesPerSecond)
      return `runs ${n0(Math.min(...rates))}–${n0(Math.max(...rates))}`
    }
    add(
      'ingest',
      'bare mqtt.js subscriber (baseline)',
      i.bare.messagesPerSecond,
      `${n0(i.bare.messagesPerSecond)} msg/s`,
      '',
      `median; ${spread('bare')}`,
      null,
    )
    add(
      'ingest',
      'core (createCore, `#` QoS 1)',
      i.core.messagesPerSecond,
      `${n0(i.core.messagesPerSecond)} msg/s`,
      '',
      `median; ${spread('core')}`,
      null,
    )
    add('ingest', 'ratio core / bare', i.ratio, n2(i.ratio), '≥ 0.80', 'bare, same run', i.ratio >= 0.8)
    const worst = (kind) =>
      i.runs.filter((x) => x.kind === kind).reduce((a, b) => (b.lost > a.lost ? b : a), { lost: -1 })
    const wc = worst('core')
    const wb = worst('bare')
    add(
      'ingest',
      'lost at QoS 1, full speed (core, worst run)',
      wc.lost,
      `${n0(wc.lost)} of ${n0(wc.published)}` +
        (wc.lost > 0 ? ` (broker dropped ≈${n0(wc.brokerDropped)})` : ''),
      '0',
      `bare: worst run lost ${n0(wb.lost)}`,
      wc.lost === 0,
    )
    if (i.paced)
      add(
        'ingest',
        `lost at QoS 1, paced at ${n0(i.paced.rate)} msg/s (core)`,
        i.paced.lost,
        `${n0(i.paced.lost)} of ${n0(i.paced.published)}`,
        '0',
        `${n2(i.settings.pacedFraction)} × bare rate`,
        i.paced.lost === 0,
      )
    if (i.paced)
      add(
        'ingest',
        'history rows after the paced run',
        i.paced.historyRows,
        n0(i.paced.historyRows),
        n0(i.paced.published),
        '',
        i.paced.historyRows === i.paced.published,
      )
    add(
      'ingest',
      'history rows = messages counted, every core run',
      i.historyRowsMatch,
      i.historyRowsMatch ? 'yes' : 'no',
      'yes',
      '',
      i.historyRowsMatch,
    )
    add(
      'ingest',
      'CPU per message, bare / core',
      i.core.cpuMicrosPerMessage,
      `${n1(i.bare.cpuMicrosPerMessage)} / ${n1(i.core.cpuMicrosPerMessage)} µs`,
      '',
      '',
      null,
    )
    add(
      'ingest',
      'longest event-loop stall, bare / core',
      i.core.loopDelayMaxMs,
      `${n0(i.bare.loopDelayMaxMs)} / ${n0(i.core.loopDelayMaxMs)} ms`,
      '',
      '',
      null,
    )
    const b = i.breakdown
    if (b)
      add(
        'ingest',
        'core cost without a broker: tree / history write / search index',
        b.ingestReceiveMicros,
        `${n2(b.treeRecordMicros)} / ${n2(b.historyWriteMicros)} / ${n2(b.searchIndexMicros)} µs per message` +
          (b.flushMsMax !== undefined
            ? `; a 2,000-row flush holds the thread ${n1(b.flushMsMedian)} ms (max ${n0(b.flushMsMax)})`
            : ''),
        '',
        '',
        null,
      )
  }
  const h = r.heap
  if (h) {
    add(
      'heap',
      `TopicTree, ${n0(h.topics)} topics`,
      h.treeBytesPerTopic,
      `${n0(h.treeBytesPerTopic)} B/topic`,
      '≤ 300',
      '',
      h.treeBytesPerTopic <= 300,
    )
    add(
      'heap',
      'through Ingest (tree + history + views)',
      h.ingestBytesPerTopic,
      `${n0(h.ingestBytesPerTopic)} B/topic`,
      '≤ 300',
      '',
      h.ingestBytesPerTopic <= 300,
    )
    add(
      'heap',
      'levels only (no message recorded)',
      h.skeletonBytesPerTopic,
      `${n0(h.skeletonBytesPerTopic)} B/topic`,
      '',
      '',
      null,
    )
    const bd = h.breakdown
    if (bd) {
      const top = bd.kinds
        .slice(0, 5)
        .map((k) => `${k.kind.replace(/^object /, '')} ${n0(k.bytesPerTopic)}`)
        .join(', ')
      add('heap', 'where the bytes go (B/topic)', null, top, '', '', null)
      add(
        'heap',
        'TopicNode size / boxed numbers per node',
        bd.topicNodeBytes,
        `${n0(bd.topicNodeBytes)} B + ${n1(bd.boxedNumbersPerNode)} heap numbers`,
        '',
        '',
        null,
      )
    }
  }
  const d = r.delta
  if (d) {
    add(
      'delta',
      `core tick for ${n0(d.nodesPerDelta)} visible changed rows`,
      d.coreTickMs,
      `${n1(d.coreTickMs)} ms`,
      '',
      '',
      null,
    )
    add(
      'delta',
      'frame size / web host encode',
      d.frameBytes,
      `${n0(d.frameBytes / 1024)} kB / ${n1(d.encodeMs)} ms`,
      '',
      '',
      null,
    )
    add(
      'delta',
      'renderer decode + validation',
      d.rendererMs,
      `${n1(d.rendererMs)} ms (${n2(d.rendererVsJsonParse)} × JSON.parse)`,
      '',
      `JSON.parse ${n1(d.jsonParseMs)} ms`,
      null,
    )
  }
  const hi = r.history
  if (hi) {
    const ins = hi.insert
    add(
      'history',
      'bare better-sqlite3 inserts (baseline)',
      ins.bareRowsPerSec,
      `${n0(ins.bareRowsPerSec)} rows/s`,
      '',
      'median',
      null,
    )
    add(
      'history',
      'history writer (append + flush)',
      ins.historyRowsPerSec,
      `${n0(ins.historyRowsPerSec)} rows/s`,
      '',
      'median',
      null,
    )
    add(
      'history',
      'ratio writer / bare',
      ins.ratio,
      n2(ins.ratio),
      `≥ ${ins.target}`,
      'bare, same run',
      ins.ratio >= ins.target,
    )
    add(
      'history',
      `newest 1,000 of a topic, ${n0(hi.stored)} stored`,
      hi.newest1000Ms.median,
      `${n1(hi.newest1000Ms.median)} ms (max ${n1(hi.newest1000Ms.max)})`,
      `≤ ${hi.newest1000Ms.target} ms`,
      '',
      hi.newest1000Ms.median <= hi.newest1000Ms.target,
    )
    add(
      'history',
      'payload search, rare / common word',
      Math.max(hi.searchMs.rare, hi.searchMs.common),
      `${n1(hi.searchMs.rare)} / ${n1(hi.searchMs.common)} ms`,
      `≤ ${hi.searchMs.target} ms`,
      '',
      Math.max(hi.searchMs.rare, hi.searchMs.common) <= hi.searchMs.target,
    )
  }
  const u = r.ui
  if (u) {
    add(
      'ui',
      'messages delivered during the load',
      u.deliveredPerSecond,
      `${n0(u.deliveredPerSecond)} msg/s`,
      '',
      `${n0(u.settings.rate + u.settings.backgroundRate)} msg/s published`,
      null,
    )
    add(
      'ui',
      'longest task during the load',
      u.longestTaskMs,
      `${n0(u.longestTaskMs)} ms`,
      '≤ 100',
      '',
      u.longestTaskMs <= 100,
    )
    add(
      'ui',
      'tasks over 50 ms during the load',
      u.tasksOver50ms,
      `${u.tasksOver50ms} (${n0(u.longTaskMsTotal)} ms in long tasks over ${n0(u.loadWindowMs / 1000)} s)`,
      '',
      '',
      null,
    )
    if (u.socketFrames)
      add(
        'ui',
        'socket frames: handler time in the page',
        u.socketFrames.totalMs,
        `${n1(u.socketFrames.perSecond)}/s, median ${n1(u.socketFrames.medianMs)} ms, max ${n0(u.socketFrames.maxMs)} ms; ` +
          `${n0(u.socketFrames.inLongTasksMs)} of ${n0(u.longTaskMsTotal)} ms of long tasks`,
        '',
        '',
        null,
      )
    add(
      'ui',
      'click to detail, median of clicks',
      u.clickToDetailMs.median,
      `${n0(u.clickToDetailMs.median)} ms (max ${n0(u.clickToDetailMs.max)}, n = ${u.clickToDetailMs.samples.length})`,
      '≤ 100',
      '',
      u.clickToDetailMs.median <= 100,
    )
  }
  const so = r.soak
  if (so) {
    const t = so.targets
    const p = so.publisher
    const warm = `after ${n0(so.settings.warmupSeconds)} s of warm-up`
    add(
      'soak',
      `publish rate, QoS 1 over ${n0(so.settings.topics)} topics, ${n0(so.settings.seconds)} s`,
      p.rate,
      `${n0(p.rate)} msg/s (slowest 5 s: ${n0(p.minWindowRate)})` +
        (p.held ? '' : `: the publisher did not hold ${n0(p.targetRate)} msg/s`),
      `≥ ${n0(p.targetRate * t.rateHeld)}`,
      `${n0(p.targetRate)} msg/s asked`,
      p.held,
    )
    const slope = (x, unit) =>
      `${x.slopePerMin >= 0 ? '+' : ''}${n2(x.slopePerMin)} ${unit}/min (${n1(x.min)}–${n1(x.max)} ${unit}; ` +
      `first minute ${n1(x.firstMinute)}, last ${n1(x.lastMinute)})`
    add(
      'soak',
      'web host RSS: slope of each minute’s peak',
      so.coreRss.peakSlopePerMin,
      `${so.coreRss.peakSlopePerMin >= 0 ? '+' : ''}${n2(so.coreRss.peakSlopePerMin)} MB/min; all samples ${slope(so.coreRss, 'MB')}`,
      `< ${t.coreFlatMBPerMin} MB/min`,
      `${warm}; peaks, since the GC sawtooth tilts a fit of all samples`,
      so.coreRss.peakSlopePerMin < t.coreFlatMBPerMin,
    )
    add(
      'soak',
      'page JS heap slope',
      so.pageHeap.slopePerMin,
      slope(so.pageHeap, 'MB'),
      `< ${t.pageFlatMBPerMin} MB/min`,
      `${warm}; JSHeapUsedSize`,
      so.pageHeap.slopePerMin < t.pageFlatMBPerMin,
    )
    add(
      'soak',
      'page DOM nodes / event listeners',
      so.pageDomNodes.max,
      `${n0(so.pageDomNodes.min)}–${n0(so.pageDomNodes.max)} / ${n0(so.pageListeners.min)}–${n0(so.pageListeners.max)}`,
      '',
      warm,
      null,
    )
    const lt = so.longTasks
    add(
      'soak',
      'longest task in the page',
      lt.longestMs,
      `${n0(lt.longestMs)} ms (at ${n0(lt.longestAtS)} s; after warm-up ${n0(lt.afterWarmup.longestMs)} ms)`,
      `≤ ${t.longTaskMs}`,
      'whole load',
      lt.longestMs <= t.longTaskMs,
    )
    add(
      'soak',
      `tasks over ${t.longTaskMs} ms`,
      lt.over200ms,
      `${n0(lt.over200ms)} (${n0(lt.count)} over 50 ms, ${n0(lt.over100ms)} over 100 ms, ${n0(lt.totalMs)} ms in all)`,
      '0',
      'whole load',
      lt.over200ms === 0,
    )
    const l = so.loss
    const complete = l.missing === 0 && l.malformed === 0 && l.misfiled === 0
    add(
      'soak',
      'lost at QoS 1: acked and not in the history',
      l.missing,
      `${n0(l.missing)}: published ${n0(l.published)}, acked ${n0(l.acked)}, stored ${n0(l.stored)} ` +
        `(${n0(l.distinct)} distinct, ${n0(l.duplicates)} duplicates)` +
        (l.missing > 0 ? `; broker dropped ${l.brokerDropped ?? '?'}` : ''),
      '0',
      'sequence numbers checked',
      complete && l.acked === l.published,
    )
    add(
      'soak',
      'web host CPU / page main thread busy',
      so.coreCpu,
      `${n0(so.coreCpu * 100)}% of a core / ${n0(so.pageBusy * 100)}%; core behind the broker ≤ ${n0(so.coreBacklogMax)} msg`,
      '',
      `${warm}; machine ${n0(so.load.machineBusy * 100)}% busy, load average max ${n2(so.load.max1)}`,
      null,
    )
  }
  return rows
}

function textReport(r, rows) {
  const lines = [
    `Brokerlens benchmarks, ${r.date.slice(0, 16).replace('T', ' ')} UTC, commit ${r.commit ?? '?'}`,
    `${r.machine.cpus} × ${r.machine.cpuModel}, ${r.machine.memoryGiB} GiB, Node ${r.machine.node}, mosquitto ${r.machine.mosquitto ?? '?'}, load ${r.machine.loadAverage.join(' ')} at the start, ${(r.machine.loadAverageAtEnd ?? []).join(' ')} at the end`,
    '',
  ]
  const w = Math.max(...rows.map((x) => x.what.length), 10)
  let part = null
  for (const x of rows) {
    if (x.part !== part) {
      part = x.part
      lines.push(`${part}:`)
    }
    const mark = x.ok === null ? '  ' : x.ok ? 'ok' : '!!'
    const target = x.target ? `  target ${x.target}` : ''
    const base = x.baseline ? `  (${x.baseline})` : ''
    lines.push(`  ${mark} ${x.what.padEnd(w)}  ${x.shown}${target}${base}`)
  }
  for (const [part, message] of Object.entries(r.errors)) lines.push(`!! ${part} failed: ${message}`)
  const missed = rows.filter((x) => x.ok === false).length
  lines.push(
    '',
    `${rows.filter((x) => x.ok === true).length} targets met, ${missed} missed, in ${r.durationS} s`,
  )
  return lines.join('\n')
}

function markdownReport(r, rows) {
  const esc = (s) => String(s).replace(/\|/g, '\\|')
  const lines = [
    `Measured ${r.date.slice(0, 10)} at commit \`${r.commit ?? '?'}\` on ${r.machine.cpus} × ${r.machine.cpuModel}, ` +
      `${r.machine.memoryGiB} GiB RAM, Node ${r.machine.node}, ${r.machine.platform}, mosquitto ${r.machine.mosquitto ?? '?'} ` +
      `(load average ${r.machine.loadAverage.join(' ')} at the start, ${(r.machine.loadAverageAtEnd ?? []).join(' ')} at the end); the run took ${r.durationS} s.`,
    '',
    '| part | figure | result | target | baseline | |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rows.map(
      (x) =>
        `| ${x.part} | ${esc(x.what)} | ${esc(x.shown)} | ${esc(x.target)} | ${esc(x.baseline)} | ${x.ok === null ? '' : x.ok ? 'met' : '**missed**'} |`,
    ),
  ]
  for (const [part, message] of Object.entries(r.errors))
    lines.push('', `**${part} failed:** ${esc(message)}`)
  return lines.join('\n')
}

/** Replaces the results between the markers (adds a section if the file has none). */
async function updateDocs(file, table) {
  const START = '<!-- bench:results:start -->'
  const END = '<!-- bench:results:end -->'
  const text = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n'
  const block = `${START}\n${table}\n${END}`
  const a = text.indexOf(START)
  const b = text.indexOf(END)
  const next =
    a >= 0 && b > a
      ? `${text.slice(0, a)}${block}${text.slice(b + END.length)}`
      : `${text.trimEnd()}\n\n## Latest results\n\n${block}\n`
  writeFileSync(file, await formatted(file, next))
}

/** The repository's Prettier style (`npm run format:check` covers docs/), if Prettier is there. */
async function formatted(file, text) {
  try {
    const prettier = await import('prettier')
    const options = (await prettier.resolveConfig(file)) ?? {}
    return await prettier.format(text, { ...options, filepath: file })
  } catch {
    return text
  }
}
