#!/usr/bin/env node
// The benchmark's publisher, run as a child process so that it never shares an event loop with the
// subscriber being measured. Publishes `--messages` messages over `--topics` topics (round robin,
// small realistic payloads) as fast as the broker takes them: at QoS 1/2 it keeps at most
// `--inflight` publishes unacknowledged, which is the broker's own flow control.
//
// With an IPC channel (child_process.fork) it reports {type:'ready'} once connected, starts on
// {type:'go'} and reports {type:'done', ...}. Run by hand it starts at once and prints the result.
import { parseArgs } from 'node:util'
import mqtt from 'mqtt'
import { benchTopics, benchPayload } from './stream-shape.mjs'

const { values: args } = parseArgs({
  options: {
    url: { type: 'string' },
    messages: { type: 'string', default: '200000' },
    topics: { type: 'string', default: '10000' },
    qos: { type: 'string', default: '1' },
    prefix: { type: 'string', default: 'bench' },
    inflight: { type: 'string', default: '1000' },
    /** Messages per second; 0 means as fast as the broker takes them. */
    rate: { type: 'string', default: '0' },
    /** Seconds to keep publishing at `rate` (instead of a message count). */
    duration: { type: 'string' },
    'mqtt-version': { type: 'string', default: '4' },
    /** deep: site/building/floor/room/sensor below the prefix; flat: every topic right below it. */
    shape: { type: 'string', default: 'deep' },
  },
})
if (!args.url) {
  console.error(
    'usage: stream-publisher.mjs --url mqtt://127.0.0.1:PORT [--messages N] [--topics N] [--qos 0|1|2]',
  )
  process.exit(2)
}

const total = Number(args.messages)
const qos = /** @type {0|1|2} */ (Number(args.qos))
const inflightMax = Math.max(1, Number(args.inflight))
const rate = Number(args.rate)
const durationMs = args.duration === undefined ? null : Number(args.duration) * 1000
const topics = benchTopics(args.prefix, Number(args.topics), args.shape)

const report = (message) => {
  if (process.send) process.send(message)
  else console.log(JSON.stringify(message))
}

const client = await mqtt.connectAsync(args.url, {
  clientId: `brokerlens-bench-pub-${process.pid}`,
  protocolVersion: /** @type {4|5} */ (Number(args['mqtt-version'])),
  reconnectPeriod: 0,
  clean: true,
})

const go = new Promise((resolve) => {
  if (!process.send) return resolve(undefined)
  process.on('message', (m) => {
    if (m && m.type === 'go') resolve(undefined)
  })
  report({ type: 'ready', topics: topics.length })
})
await go

let sent = 0
let acked = 0
let failed = 0
let inflight = 0
const started = performance.now()
const deadline = durationMs === null ? Infinity : started + durationMs
const limit = durationMs === null ? total : Infinity

await new Promise((resolve) => {
  const finishIfDone = () => {
    if (inflight === 0 && (sent >= limit || performance.now() >= deadline)) resolve(undefined)
  }
  const onAck = (err) => {
    inflight--
    if (err) failed++
    else acked++
    // Unpaced: every ack (QoS 1/2) or write (QoS 0) frees a slot for the next publish. Paced runs
    // go by the timer. mqtt.js calls back QoS 0 publishes synchronously: pump on the next turn.
    if (rate > 0) {
      if (sent >= limit) finishIfDone()
    } else if (qos > 0) pump()
    else if (!scheduled) {
      scheduled = true
      setImmediate(() => {
        scheduled = false
        pump()
      })
    }
  }
  let scheduled = false
  const pump = () => {
    const now = performance.now()
    if (now >= deadline) return finishIfDone()
    // How many may go now: the rest of the count, capped by the rate and by the window of
    // publishes not yet acknowledged (QoS 1/2) or not yet written to the socket (QoS 0).
    let budget = Math.min(limit - sent, inflightMax - inflight)
    if (rate > 0) budget = Math.min(budget, Math.floor(((now - started) / 1000) * rate) - sent)
    for (let i = 0; i < budget; i++) {
      const n = sent++
      inflight++
      client.publish(topics[n % topics.length], benchPayload(n), { qos }, onAck)
    }
    if (sent >= limit) return finishIfDone()
    if (rate > 0) setTimeout(pump, 5)
  }
  pump()
  const poll = setInterval(finishIfDone, 20)
  poll.unref()
})

const ms = performance.now() - started
await client.endAsync()
report({ type: 'done', sent, acked: qos > 0 ? acked : null, failed, ms, rate: (sent / ms) * 1000 })
