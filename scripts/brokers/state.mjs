// The state file: everything a test needs to reach the running test brokers (ports, passwords,
// certificate paths) plus what `stop` needs to end them (process groups, temp folders).
// test/support/brokers.ts reads it with a zod schema, so keep the two in step.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { isAlive } from './process.mjs'

export const STATE_VERSION = 1

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url))

/** BROKERLENS_BROKERS_FILE if set, else .brokers/state.json in the repository (gitignored). */
export function stateFilePath() {
  const fromEnv = process.env.BROKERLENS_BROKERS_FILE
  return fromEnv ? path.resolve(fromEnv) : path.join(REPO_ROOT, '.brokers', 'state.json')
}

/** Per-user cache for things worth keeping between runs (the Kafka jars). */
export function cacheDir() {
  const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache')
  return path.join(base, 'brokerlens')
}

export function emptyState() {
  return { version: STATE_VERSION, host: '127.0.0.1', updatedAt: new Date().toISOString() }
}

export function readState() {
  const file = stateFilePath()
  let text
  try {
    text = fs.readFileSync(file, 'utf8')
  } catch (error) {
    if (error.code === 'ENOENT') return emptyState()
    throw error
  }
  let state
  try {
    state = JSON.parse(text)
  } catch (error) {
    throw new Error(
      `${file} is not valid JSON (${error.message}): delete it, and end any broker it lists by hand`,
    )
  }
  if (state.version !== STATE_VERSION) {
    throw new Error(`${file} has format version ${state.version}, expected ${STATE_VERSION}: delete it`)
  }
  return state
}

/** Writes atomically (temp file + rename) so a reader never sees half a file. */
export function writeState(state) {
  const file = stateFilePath()
  fs.mkdirSync(path.dirname(file), { recursive: true })
  state.updatedAt = new Date().toISOString()
  const temp = `${file}.${process.pid}.tmp`
  // The file holds passwords and key paths: readable by this user only.
  fs.writeFileSync(temp, `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600 })
  fs.renameSync(temp, file)
}

export function deleteState() {
  fs.rmSync(stateFilePath(), { force: true })
}

/**
 * A lock beside the state file so that two `start`/`stop` runs (say, a developer's terminal and
 * `npm test`) do not start or kill brokers under each other. A lock whose owner died is taken over.
 */
export async function withStateLock(action, { timeoutMs = 180_000 } = {}) {
  const lockFile = `${stateFilePath()}.lock`
  fs.mkdirSync(path.dirname(lockFile), { recursive: true })
  const deadline = Date.now() + timeoutMs
  let announced = false
  for (;;) {
    try {
      fs.writeFileSync(lockFile, String(process.pid), { flag: 'wx' })
      break
    } catch (error) {
      if (error.code !== 'EEXIST') throw error
      const owner = Number(fs.readFileSync(lockFile, 'utf8').trim())
      if (!owner || !isAlive(owner)) {
        fs.rmSync(lockFile, { force: true })
        continue
      }
      if (Date.now() > deadline) throw new Error(`${lockFile} is held by process ${owner}`)
      if (!announced) console.error(`waiting for process ${owner}, which holds ${lockFile}`)
      announced = true
      await new Promise((resolve) => setTimeout(resolve, 250))
    }
  }
  try {
    return await action()
  } finally {
    fs.rmSync(lockFile, { force: true })
  }
}
