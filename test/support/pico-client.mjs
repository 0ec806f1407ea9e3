#!/usr/bin/env node
// A client that behaves like a Raspberry Pi Pico W running a MicroPython sensor script
// (umqtt.simple): MQTT 3.1.1, a short keepalive, plain-text numbers every second, a retained
// "online" on connect and a retained will "offline". Used by the built-in broker's integration
// test and by the e2e specs; keep this interface stable.
//
//   node test/support/pico-client.mjs --url mqtt://127.0.0.1:1883 [options]
//
//   --url URL            broker to connect to (required)
//   --client-id ID       default pico-w-<n>, n from the process id
//   --interval S         seconds between readings (default 1)
//   --keepalive S        keepalive in seconds (default 5)
//   --username U, --password P
//   --stall-after S      hang after S seconds (see SIGUSR1)
//
// Topics: pico/temperature/dht22 and pico/humidity/dht22 (numbers as text, e.g. "21.4", not
// retained), pico/status ("online" retained on connect; the will: "offline", retained, QoS 1).
//
// Signals:
//   SIGUSR1  hang: stop sending anything at all (readings and PINGREQ) but keep the socket open,
//            like a device whose firmware froze. The broker's keepalive (1.5 × keepalive) fires,
//            it closes the connection and publishes the will. The process stays until SIGTERM.
//   SIGTERM  exit at once without DISCONNECT (as when the power goes): the broker sees the socket
//            close and publishes the will.
//   SIGINT   disconnect cleanly (DISCONNECT, no will) and exit.
//
// Output: one JSON object per line on stdout, for the test that runs it:
//   {"event":"connected","clientId":"pico-w-12"}   {"event":"published","topic":…,"payload":…}
//   {"event":"stalled"}   {"event":"closed"}   {"event":"error","message":…}
import { parseArgs } from 'node:util'
import mqtt from 'mqtt'

const { values: args } = parseArgs({
  options: {
    url: { type: 'string' },
    'client-id': { type: 'string' },
    interval: { type: 'string', default: '1' },
    keepalive: { type: 'string', default: '5' },
    username: { type: 'string' },
    password: { type: 'string' },
    'stall-after': { type: 'string' },
  },
})
if (!args.url) {
  console.error(
    'usage: pico-client.mjs --url mqtt://host:port [--client-id ID] [--interval S] [--keepalive S] [--stall-after S]',
  )
  process.exit(2)
}

const say = (event) => process.stdout.write(`${JSON.stringify(event)}\n`)
const clientId = args['client-id'] ?? `pico-w-${process.pid % 10_000}`
const intervalMs = Number(args.interval) * 1000
let stalled = false
let timer = null

const client = mqtt.connect(args.url, {
  clientId,
  protocolVersion: 4,
  keepalive: Number(args.keepalive),
  clean: true,
  username: args.username,
  password: args.password,
  will: { topic: 'pico/status', payload: Buffer.from('offline'), qos: 1, retain: true },
  reconnectPeriod: 2000,
})

// A DHT22's readings: around 21 °C and 45 %, one decimal, drifting a little.
let temperature = 21 + Math.random() * 2
let humidity = 45 + Math.random() * 5
function publishReadings() {
  if (stalled || !client.connected) return
  temperature += (Math.random() - 0.5) * 0.2
  humidity += (Math.random() - 0.5) * 0.5
  for (const [topic, value] of [
    ['pico/temperature/dht22', temperature],
    ['pico/humidity/dht22', humidity],
  ]) {
    const payload = value.toFixed(1)
    client.publish(topic, payload, { qos: 0 })
    say({ event: 'published', topic, payload })
  }
}

client.on('connect', () => {
  if (stalled) return
  client.publish('pico/status', 'online', { qos: 1, retain: true })
  say({ event: 'connected', clientId })
  publishReadings()
  clearInterval(timer)
  timer = setInterval(publishReadings, intervalMs)
})
client.on('close', () => {
  say({ event: 'closed' })
  // A hung device does not come back by itself.
  if (stalled) client.end(true)
})
client.on('error', (err) => say({ event: 'error', message: err.message }))

function stall() {
  if (stalled) return
  stalled = true
  clearInterval(timer)
  // Nothing more goes out, PINGREQ included; the socket stays open and unanswered.
  client.keepaliveManager?.destroy()
  say({ event: 'stalled' })
}

process.on('SIGUSR1', stall)
process.on('SIGTERM', () => process.exit(0))
process.on('SIGINT', () => client.end(false, () => process.exit(0)))
if (args['stall-after'] !== undefined) setTimeout(stall, Number(args['stall-after']) * 1000)
