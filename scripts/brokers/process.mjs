// Child processes of the test brokers: start them in their own process group, run helper
// commands, wait for readiness, and stop whole groups. Linux-first (reads /proc), with
// portable fallbacks where /proc is missing.
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'

const hasProc = fs.existsSync('/proc/self/stat')

/** Fields of /proc/PID/stat after the command name, or null when the process is gone. */
function procStat(pid) {
  try {
    const text = fs.readFileSync(`/proc/${pid}/stat`, 'utf8')
    // The command name is in parentheses and may itself contain spaces or parentheses.
    return text.slice(text.lastIndexOf(')') + 2).split(' ')
  } catch {
    return null
  }
}

/**
 * Start time of a process (clock ticks since boot), recorded in the state file so that a later
 * `stop` never signals an unrelated process that happens to reuse the pid after a reboot.
 */
export function processStartTime(pid) {
  const stat = hasProc ? procStat(pid) : null
  return stat ? Number(stat[19]) : null
}

/** True when the process exists and is not a zombie. */
export function isAlive(pid) {
  if (hasProc) {
    const stat = procStat(pid)
    return stat !== null && stat[0] !== 'Z'
  }
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return error.code === 'EPERM'
  }
}

/** Pids of the live (non-zombie) members of a process group. */
function groupMembers(pgid) {
  if (!hasProc) {
    try {
      process.kill(-pgid, 0)
      return [pgid]
    } catch {
      return []
    }
  }
  const members = []
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    const stat = procStat(entry)
    // stat[2] is the process group, stat[0] the state.
    if (stat && Number(stat[2]) === pgid && stat[0] !== 'Z') members.push(Number(entry))
  }
  return members
}

export function isGroupAlive(pgid) {
  return groupMembers(pgid).length > 0
}

/**
 * Is `pgid` still the group we started? Its leader must carry the recorded start time; if the
 * leader is gone but members remain, the group is still ours, because Linux never hands out a
 * pid that is in use as a process group id.
 */
export function ownsGroup(pgid, startTime) {
  if (!pgid || !isGroupAlive(pgid)) return false
  if (startTime == null || !hasProc) return true
  const leaderStart = processStartTime(pgid)
  return leaderStart === null || leaderStart === startTime
}

/** Signals one process, or with `wholeGroup` the group it leads; a target already gone is no error. */
function sendSignal(pid, signal, { wholeGroup }) {
  try {
    process.kill(wholeGroup ? -pid : pid, signal)
  } catch (error) {
    if (error.code !== 'ESRCH') throw error
  }
}

/**
 * Descendants of the group's members (pid and start time), found through their parent pids.
 * Some programs move helpers into groups of their own (Erlang's erl_child_setup calls setsid),
 * where a signal to the group does not reach them.
 */
function descendantsOutsideGroup(pgid) {
  if (!hasProc) return []
  const children = new Map()
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    const stat = procStat(entry)
    if (!stat || stat[0] === 'Z') continue
    const parent = Number(stat[1])
    if (!children.has(parent)) children.set(parent, [])
    children.get(parent).push({ pid: Number(entry), pgrp: Number(stat[2]), startTime: Number(stat[19]) })
  }
  const found = []
  const queue = [...groupMembers(pgid)]
  while (queue.length > 0) {
    for (const child of children.get(queue.shift()) ?? []) {
      if (child.pgrp !== pgid) found.push(child)
      queue.push(child.pid)
    }
  }
  return found
}

const isSameProcess = ({ pid, startTime }) => isAlive(pid) && processStartTime(pid) === startTime

/**
 * Stops every process of a group: `signal` first (to the leader alone with `leaderOnly`, for
 * leaders that shut their children down themselves), SIGKILL to the whole group after `timeoutMs`,
 * and waits until none is left (zombies excepted: they are their parent's to reap and hold nothing).
 * Descendants that left the group are given 5 s to follow their parent, then killed as well.
 */
export async function stopGroup(
  pgid,
  { signal = 'SIGTERM', timeoutMs = 15_000, startTime, leaderOnly = false } = {},
) {
  if (!ownsGroup(pgid, startTime)) return
  const strays = descendantsOutsideGroup(pgid)
  sendSignal(pgid, signal, { wholeGroup: !(leaderOnly && isAlive(pgid)) })
  if (!(await waitUntil(() => !isGroupAlive(pgid), timeoutMs))) {
    sendSignal(pgid, 'SIGKILL', { wholeGroup: true })
    if (!(await waitUntil(() => !isGroupAlive(pgid), 5_000))) {
      throw new Error(`processes of group ${pgid} survived SIGKILL: ${groupMembers(pgid).join(', ')}`)
    }
  }
  if (await waitUntil(() => !strays.some(isSameProcess), 5_000)) return
  for (const stray of strays.filter(isSameProcess)) sendSignal(stray.pid, 'SIGKILL', { wholeGroup: false })
  if (!(await waitUntil(() => !strays.some(isSameProcess), 5_000))) {
    throw new Error(`processes ${strays.filter(isSameProcess).map((p) => p.pid)} survived SIGKILL`)
  }
}

async function waitUntil(predicate, timeoutMs, intervalMs = 100) {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    if (await predicate()) return true
    if (Date.now() >= deadline) return false
    await sleep(intervalMs)
  }
}

/**
 * Starts a long-running broker process in a new session (so its own process group, which `stop`
 * can kill as a whole) with stdout and stderr appended to `outputFile`. It does not use pipes to
 * this process, so the broker keeps running after the CLI that started it exits.
 */
export async function spawnDetached(command, args, { env, cwd, outputFile }) {
  const fd = fs.openSync(outputFile, 'a')
  let child
  try {
    child = spawn(command, args, { env, cwd, detached: true, stdio: ['ignore', fd, fd] })
    await new Promise((resolve, reject) => {
      child.once('spawn', resolve)
      child.once('error', reject)
    })
  } finally {
    fs.closeSync(fd)
  }
  const exit = { code: null, signal: null, exited: false }
  child.once('exit', (code, signal) => Object.assign(exit, { code, signal, exited: true }))
  child.unref()
  return { pid: child.pid, startTime: processStartTime(child.pid), exit }
}

/**
 * Runs a short command to completion and returns its output; throws (with the output) on a
 * non-zero exit or after `timeoutMs`.
 */
export function run(command, args, { env, cwd, timeoutMs = 120_000, onLine } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] })
    let output = ''
    let pending = ''
    const collect = (chunk) => {
      const text = chunk.toString()
      output += text
      if (!onLine) return
      pending += text
      const lines = pending.split('\n')
      pending = lines.pop()
      for (const line of lines) onLine(line)
    }
    child.stdout.on('data', collect)
    child.stderr.on('data', collect)
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(
        new Error(`${path.basename(command)} ${args.join(' ')} timed out after ${timeoutMs} ms\n${output}`),
      )
    }, timeoutMs)
    child.once('error', (error) => {
      clearTimeout(timer)
      reject(error)
    })
    child.once('close', (code, signal) => {
      clearTimeout(timer)
      if (code === 0) resolve(output)
      else {
        const how = signal ? `was killed by ${signal}` : `exited with ${code}`
        reject(new Error(`${path.basename(command)} ${args.join(' ')} ${how}:\n${output.trim()}`))
      }
    })
  })
}

/** The last `lines` lines of a log file ('' if it does not exist). */
export function tailFile(file, lines = 40) {
  try {
    const text = fs.readFileSync(file, 'utf8')
    return text.trimEnd().split('\n').slice(-lines).join('\n')
  } catch {
    return ''
  }
}

/**
 * Polls `check` (async, returns truthy when ready) until it succeeds. Fails early if the broker
 * process has exited, and after `timeoutMs`; both errors carry the tail of the broker's logs.
 */
export async function waitForReady(what, check, { timeoutMs, exit, logFiles = [], intervalMs = 250 }) {
  const deadline = Date.now() + timeoutMs
  let lastError
  for (;;) {
    try {
      if (await check()) return
    } catch (error) {
      lastError = error
    }
    let problem = null
    if (exit?.exited) problem = `exited early (${exit.signal ?? `code ${exit.code}`})`
    else if (Date.now() >= deadline) problem = `did not become ready within ${Math.round(timeoutMs / 1000)} s`
    if (problem) {
      const detail = lastError ? `\nlast check failed with: ${lastError.message}` : ''
      const logs = logFiles
        .map((file) => `--- last lines of ${file} ---\n${tailFile(file) || '(empty)'}`)
        .join('\n')
      throw new Error(`${what} ${problem}${detail}\n${logs}`)
    }
    await sleep(intervalMs)
  }
}
