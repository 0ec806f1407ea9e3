#!/usr/bin/env node
// The soak's publisher, a child process of its own so that it never shares an event loop (or a
// core) with what is measured. Publishes at QoS 1 at `--rate` messages a second for `--duration`
// seconds, paced in slices of `--slice-ms` (each slice sends what is due by then), message n to topic
// n % topics with n in its payload, and keeps which sequence numbers the broker acknowledged.
//
// Over IPC (child_process.fork): {type:'ready'} once connected, starts on {type:'go'}, then
// {type:'done', ...} once every publish is settled; {type:'counts'} asks for the counts so far.
import { parseArgs } from 'node:util'
import mqtt from 'mqtt'
import { soakPayload, soakTopic } from './soak-shape.mjs'

const { values: args } = parseArgs({
  options: {
    url: { type: 'string' },
    rate: { type: 'string', default: '5000' },
    topics: { type: 'string', default: '50000' },
    duration: { type: 'string', default: '600' },
    'slice-ms': { type: 'string', default: '10' },
    /** Publishes awaiting their PUBACK at most: about 4 s of the stream, so it only binds if the broker stalls. */
    inflight: { type: 'string', default: '20000' },
  },
})
if (!args.url || !process.send) {
  console.error('usage (forked): soak-publisher.mjs --url mqtt://127.0.0.1:PORT [--rate N] [--duration S]')
  process.exit(2)
}

const rate = Number(args.rate)
const topicCount = Number(args.topics)
const total = Math.round(Number(args.duration) * rate)
const sliceMs = Number(args['slice-ms'])
const inflightMax = Number(args.inflight)
const topics = Array.from({ length: topicCount }, (_, i) => soakTopic(i))

const client = await mqtt.connectAsync(args.url, {
  clientId: `brokerlens-soak-pub-${process.pid}`,
  protocolVersion: 4,
  reconnectPeriod: 0,
  clean: true,
})
let connectionError = null
client.on('error', (err) => (connectionError ??= err.message))
client.on('close', () => (connectionError ??= 'the connection to the broker closed'))

// A bench that is gone (timed out, killed) takes its publisher with it.
process.on('disconnect', () => process.exit(0))

// Counts on request, so that the bench compares them with the core's count of the same moment.
let counts = () => ({ sent: 0, acked: 0, failed: 0, inflight: 0, ms: 0 })
process.on('message', (m) => {
  if (m && m.type === 'counts') process.send({ type: 'counts', ...counts() })
})
await new Promise((resolve) => {
  process.on('message', (m) => {
    if (m && m.type === 'go') resolve(undefined)
  })
  process.send({ type: 'ready', topics: topicCount, total })
})

const acked = new Uint8Array(total)
let sent = 0
let ackCount = 0
let failed = 0
let inflight = 0
/** Most messages that were due and not yet sent at the end of a slice: how far the pacing fell behind. */
let maxBehind = 0
/** Slices that ended more than 100 ms of the stream behind. */
let lateSlices = 0
let slices = 0
const started = performance.now()

const onAck = (n) => (err) => {
  inflight--
  if (err) failed++
  else {
    acked[n] = 1
    ackCount++
  }
}

counts = () => ({ sent, acked: ackCount, failed, inflight, ms: performance.now() - started })

await new Promise((resolve) => {
  const slice = () => {
    slices++
    const due = Math.min(total, Math.floor(((performance.now() - started) / 1000) * rate))
    const budget = Math.min(due - sent, inflightMax - inflight)
    for (let i = 0; i < budget; i++) {
      const n = sent++
      inflight++
      client.publish(topics[n % topicCount], soakPayload(n), { qos: 1 }, onAck(n))
    }
    const behind = due - sent
    if (behind > maxBehind) maxBehind = behind
    if (behind > rate / 10) lateSlices++
    if (sent >= total || connectionError) return resolve(undefined)
    // The next slice boundary from the start, so that timer drift does not add up.
    const elapsed = performance.now() - started
    setTimeout(slice, Math.max(0, sliceMs - (elapsed % sliceMs)))
  }
  slice()
})
const publishMs = performance.now() - started

// Every publish settled (acknowledged or failed), or a minute without the broker answering.
const settleDeadline = performance.now() + 60_000
while (inflight > 0 && !connectionError && performance.now() < settleDeadline)
  await new Promise((r) => setTimeout(r, 20))

const unacked = []
for (let n = 0; n < sent && unacked.length < 10_000; n++) if (!acked[n]) unacked.push(n)
const lostConnection = connectionError
await client.endAsync(true).catch(() => {})
const done = {
  type: 'done',
  sent,
  acked: ackCount,
  failed,
  unsettled: inflight,
  /** The first (up to 10,000) sequence numbers the broker did not acknowledge. */
  unacked,
  connectionError: lostConnection,
  publishMs,
  rate: (sent / publishMs) * 1000,
  targetRate: rate,
  slices,
  lateSlices,
  maxBehind,
}
// Exit only once the message is out: process.exit would drop a send still queued.
process.send(done, () => process.exit(0))
