// Start and stop the project's test brokers (Mosquitto, RabbitMQ, Kafka) on 127.0.0.1. Used by
// cli.mjs (npm run brokers:start / brokers:stop) and by scripts/test.mjs around a test run.
// Everything a test needs is written to the state file (see state.mjs for where).
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import * as kafka from './kafka.mjs'
import * as mosquitto from './mosquitto.mjs'
import * as rabbitmq from './rabbitmq.mjs'
import { DEFAULT_PORTS, pickPorts } from './ports.mjs'
import { ownsGroup } from './process.mjs'
import { deleteState, readState, stateFilePath, withStateLock, writeState } from './state.mjs'
import { ensureCommands } from './system.mjs'
import { generateTls } from './tls.mjs'

export { readState, stateFilePath }

const BROKERS = { mosquitto, rabbitmq, kafka }
export const BROKER_NAMES = Object.keys(BROKERS)

function checkNames(names) {
  const unknown = names.filter((name) => !BROKER_NAMES.includes(name))
  if (unknown.length > 0) {
    throw new Error(`unknown broker ${unknown.join(', ')}: expected some of ${BROKER_NAMES.join(', ')}`)
  }
  return [...new Set(names)]
}

/** Ports a running broker of the state holds, so that new ones do not pick them. */
function portsInUse(state) {
  return new Set(BROKER_NAMES.flatMap((name) => Object.values(state[name]?.ports ?? {})))
}

async function isRunning(name, section, state) {
  return (
    section.ready === true &&
    ownsGroup(section.pid, section.startTime) &&
    BROKERS[name].isHealthy(section, state.tls)
  )
}

/** Stops the named brokers of `state` (in parallel) and removes them from it; never throws. */
async function stopSections(state, names, log) {
  const errors = []
  await Promise.all(
    names
      .filter((name) => state[name])
      .map(async (name) => {
        try {
          await BROKERS[name].stop(state[name])
          log(`${name}: stopped`)
        } catch (error) {
          errors.push(`${name}: ${error.message}`)
        }
        delete state[name]
      }),
  )
  if (!BROKER_NAMES.some((name) => state[name]) && state.tls) {
    fs.rmSync(state.tls.dir, { recursive: true, force: true })
    delete state.tls
  }
  return errors
}

/**
 * Copies a failed broker's logs beside the state file before its temp folder is deleted, so that a
 * failed start (in CI, say) can be looked into afterwards. Returns the folder.
 */
function keepLogs(name, section) {
  const target = path.join(path.dirname(stateFilePath()), 'failed', name)
  fs.rmSync(target, { recursive: true, force: true })
  fs.mkdirSync(target, { recursive: true })
  for (const file of [section.logFile, section.outputFile, section.epmdOutputFile]) {
    if (file && fs.existsSync(file)) fs.copyFileSync(file, path.join(target, path.basename(file)))
  }
  return target
}

/** Writes the state, or deletes the file once no broker is left in it. */
function saveState(state) {
  if (BROKER_NAMES.some((name) => state[name])) writeState(state)
  else deleteState()
}

/**
 * Starts the named brokers (default: all), in parallel, and returns the state object that was
 * written to the state file. Brokers the state file lists that still run and answer are reused;
 * leftovers of dead ones are cleaned away first. If any broker fails, every broker this call
 * started is stopped again and the error (with the tail of the broker's log) is thrown.
 * A SIGINT or SIGTERM during the start stops what was started, then takes its normal course.
 *
 * @param {string[]} [names] some of 'mosquitto', 'rabbitmq', 'kafka'
 * @param {{ log?: (line: string) => void }} [options] where progress lines go (default console.log)
 */
export async function startBrokers(names = BROKER_NAMES, { log = console.log } = {}) {
  const wanted = checkNames(names.length > 0 ? names : BROKER_NAMES)
  return withStateLock(async () => {
    const state = readState()
    const toStart = []
    for (const name of wanted) {
      if (state[name] && (await isRunning(name, state[name], state))) {
        log(`${name}: already running (pid ${state[name].pid}), reused`)
        continue
      }
      if (state[name]) {
        log(`${name}: cleaning up a previous run that no longer answers`)
        await stopSections(state, [name], log)
        saveState(state)
      }
      toStart.push(name)
    }
    if (toStart.length === 0) return state

    const commands = await ensureCommands(toStart, log)
    const reserved = portsInUse(state)
    const ports = {}
    for (const name of toStart) ports[name] = await pickPorts(DEFAULT_PORTS[name], reserved)

    let interrupted = null
    const onSignal = (signal) => {
      interrupted = signal
      log(`${signal}: stopping the brokers being started`)
      stopSections(state, toStart, log).then(() => {
        saveState(state)
        fs.rmSync(`${stateFilePath()}.lock`, { force: true })
        removeSignalHandlers()
        // Let the signal do what it would have done without us, unless the host handles it.
        if (process.listenerCount(signal) === 0) process.kill(process.pid, signal)
      })
    }
    const removeSignalHandlers = () => {
      process.off('SIGINT', onSignal)
      process.off('SIGTERM', onSignal)
    }
    process.on('SIGINT', onSignal)
    process.on('SIGTERM', onSignal)

    try {
      if (toStart.includes('mosquitto') && !(state.tls && fs.existsSync(state.tls.ca.certFile))) {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'brokerlens-tls-'))
        state.tls = await generateTls(commands.openssl, dir)
        writeState(state)
      }
      const results = await Promise.allSettled(
        toStart.map(async (name) => {
          const started = Date.now()
          log(`${name}: starting`)
          const onSpawn = (section) => {
            if (interrupted) return
            state[name] = { ...section, ready: false }
            writeState(state)
          }
          const section = await BROKERS[name].start({
            commands,
            ports: ports[name],
            tls: state.tls,
            onSpawn,
            log,
          })
          if (interrupted) return
          const startupMs = Date.now() - started
          state[name] = { ...section, ready: true, startedAt: new Date().toISOString(), startupMs }
          writeState(state)
          log(`${name}: ready in ${(startupMs / 1000).toFixed(1)} s`)
        }),
      )
      if (interrupted) throw new Error(`interrupted by ${interrupted}`)
      const failures = results.flatMap((result, index) => {
        if (result.status === 'fulfilled') return []
        const name = toStart[index]
        const kept = state[name] ? `\n(logs kept in ${keepLogs(name, state[name])})` : ''
        return [`${name}: ${result.reason?.message ?? result.reason}${kept}`]
      })
      if (failures.length > 0) {
        log(`start failed: stopping ${toStart.join(', ')} again`)
        const cleanupErrors = await stopSections(state, toStart, log)
        saveState(state)
        throw new Error(
          [
            `could not start the test brokers`,
            ...failures,
            ...cleanupErrors.map((e) => `cleanup: ${e}`),
          ].join('\n\n'),
        )
      }
      return state
    } finally {
      removeSignalHandlers()
    }
  })
}

/**
 * Stops the named brokers (default: every broker in the state file), killing their process groups
 * (SIGKILL after a timeout), and deletes their temp folders; the state file goes once none is left.
 *
 * @param {string[]} [names]
 * @param {{ log?: (line: string) => void }} [options]
 */
export async function stopBrokers(names = BROKER_NAMES, { log = console.log } = {}) {
  const wanted = checkNames(names.length > 0 ? names : BROKER_NAMES)
  await withStateLock(async () => {
    const state = readState()
    const running = wanted.filter((name) => state[name])
    if (running.length === 0) log('no test brokers to stop')
    const errors = await stopSections(state, running, log)
    saveState(state)
    if (errors.length > 0) throw new Error(`could not stop every test broker:\n${errors.join('\n')}`)
  })
}

/** Brokers that can be halted and started again in place (Mosquitto's tests run one of their own). */
export const RESTARTABLE = ['rabbitmq', 'kafka']

/**
 * Stops a running broker and starts it again in the same folder, on the same ports, with the same
 * users, passwords, vhosts and data, and records the new pid in the state file. `signal: 'SIGKILL'`
 * makes it a crash. `whileDown` (async) runs once the broker's processes are gone and before the
 * restart, for a test to watch clients notice the loss; the restart happens whatever it does, and
 * its error (if any) is thrown afterwards. Everything runs under the state lock, so a concurrent
 * `start` waits instead of taking the stopped broker for a dead one and cleaning it away.
 *
 * @param {'rabbitmq' | 'kafka'} name
 * @param {{ signal?: 'SIGTERM' | 'SIGKILL', whileDown?: () => Promise<void>, log?: (line: string) => void }} [options]
 * @returns {Promise<{ downMs: number, startupMs: number }>} how long it was down, and its restart
 */
export async function restartBroker(name, { signal = 'SIGTERM', whileDown, log = console.log } = {}) {
  if (!RESTARTABLE.includes(name)) {
    throw new Error(`${name} cannot be restarted in place: expected one of ${RESTARTABLE.join(', ')}`)
  }
  return withStateLock(async () => {
    const state = readState()
    const section = state[name]
    if (!section || !(await isRunning(name, section, state))) {
      throw new Error(`${name} is not running: start it first (node scripts/brokers/cli.mjs start ${name})`)
    }
    const commands = name === 'rabbitmq' ? await ensureCommands([name], log) : {}
    const haltedAt = Date.now()
    log(`${name}: ${signal === 'SIGKILL' ? 'killing' : 'stopping'} pid ${section.pid}`)
    await BROKERS[name].halt(section, signal)
    // Marked as not ready while down: tests that read the state now fail with a clear message.
    state[name] = { ...section, ready: false }
    writeState(state)
    let watchError = null
    try {
      if (whileDown) await whileDown()
    } catch (error) {
      watchError = error
    }
    const restartedAt = Date.now()
    log(`${name}: starting again in ${section.dir}`)
    // Recorded as soon as it exists, so that a restart that fails is still stopped by `stop`.
    const onSpawn = (spawned) => {
      state[name] = { ...spawned, ready: false }
      writeState(state)
    }
    const restarted = await BROKERS[name].restart(section, { commands, onSpawn, log })
    const startupMs = Date.now() - restartedAt
    state[name] = { ...restarted, ready: true, startedAt: new Date().toISOString(), startupMs }
    writeState(state)
    log(`${name}: ready again in ${(startupMs / 1000).toFixed(1)} s`)
    if (watchError) throw watchError
    return { downMs: Date.now() - haltedAt, startupMs }
  })
}
