#!/usr/bin/env node
// node scripts/brokers/cli.mjs start [mosquitto|rabbitmq|kafka ...]   (npm run brokers:start)
// node scripts/brokers/cli.mjs stop  [mosquitto|rabbitmq|kafka ...]   (npm run brokers:stop)
// node scripts/brokers/cli.mjs status
// node scripts/brokers/cli.mjs restart rabbitmq|kafka [--kill]   (same folder, ports and users)
// With no names, start and stop act on all three brokers.
import { isGroupAlive } from './process.mjs'
import {
  BROKER_NAMES,
  readState,
  restartBroker,
  RESTARTABLE,
  startBrokers,
  stateFilePath,
  stopBrokers,
} from './index.mjs'

const log = (line) => console.log(`[brokers] ${line}`)

function summary(state) {
  const lines = [`state file: ${stateFilePath()}`]
  const { mosquitto, rabbitmq, kafka } = state
  if (mosquitto) {
    const p = mosquitto.ports
    lines.push(
      `mosquitto  pid ${mosquitto.pid}  plain ${p.plain}  tls ${p.tls}  mtls ${p.mtls}  ws ${p.ws}  password ${p.password} (user ${mosquitto.username})`,
      `           log ${mosquitto.logFile}`,
    )
  }
  if (rabbitmq) {
    const p = rabbitmq.ports
    lines.push(
      `rabbitmq   pid ${rabbitmq.pid}  amqp ${p.amqp}  management ${p.management}  dist ${p.dist}  epmd ${p.epmd} (user ${rabbitmq.username}, node ${rabbitmq.nodeName})`,
      `           log ${rabbitmq.logFile}`,
    )
  }
  if (kafka) {
    const p = kafka.ports
    lines.push(
      `kafka      pid ${kafka.pid}  plaintext ${p.plaintext}  sasl ${p.sasl}  controller ${p.controller} (Kafka ${kafka.version}, user ${kafka.username})`,
      `           log ${kafka.logFile}`,
    )
  }
  if (state.tls) lines.push(`tls        CA ${state.tls.ca.certFile}`)
  return lines.join('\n')
}

async function main() {
  const [command, ...names] = process.argv.slice(2)
  if (command === 'start') {
    const started = Date.now()
    const state = await startBrokers(names, { log })
    log(`all up in ${((Date.now() - started) / 1000).toFixed(1)} s`)
    console.log(summary(state))
  } else if (command === 'stop') {
    await stopBrokers(names, { log })
  } else if (command === 'restart') {
    const kill = names.includes('--kill')
    const [name, ...rest] = names.filter((n) => n !== '--kill')
    if (!RESTARTABLE.includes(name) || rest.length > 0) {
      console.error(`usage: cli.mjs restart ${RESTARTABLE.join('|')} [--kill]`)
      process.exitCode = 2
      return
    }
    const { downMs } = await restartBroker(name, { signal: kill ? 'SIGKILL' : 'SIGTERM', log })
    log(`${name}: down for ${(downMs / 1000).toFixed(1)} s`)
  } else if (command === 'status') {
    const state = readState()
    const listed = BROKER_NAMES.filter((name) => state[name])
    if (listed.length === 0) console.log('no test brokers recorded')
    else {
      console.log(summary(state))
      for (const name of listed)
        console.log(`${name}: ${isGroupAlive(state[name].pid) ? 'running' : 'NOT running'}`)
    }
  } else {
    console.error(
      `usage: cli.mjs start|stop|status [${BROKER_NAMES.join('|')} ...] | restart ${RESTARTABLE.join('|')} [--kill]`,
    )
    process.exitCode = 2
  }
}

main().catch((error) => {
  console.error(`[brokers] ${error.message}`)
  process.exitCode = 1
})
