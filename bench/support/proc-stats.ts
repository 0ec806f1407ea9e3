// A process's memory and CPU as Linux accounts them (/proc/<pid>/status and /stat): what the user's
// system monitor shows for the web host, native memory (SQLite, buffers) included.
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'

export interface ProcMemory {
  /** Resident set, MB: anonymous + file-backed + shared. */
  rssMB: number
  /** The anonymous part (heaps, native allocations): where a leak shows. */
  anonMB: number
  /** File-backed and shared pages (code, the SQLite WAL index): reclaimable, not the process's own growth. */
  fileMB: number
  shmemMB: number
  /** Peak resident set so far. */
  hwmMB: number
}

export function procMemory(pid: number): ProcMemory {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  const kB = (field: string) => {
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)
    return m ? Number(m[1]) / 1024 : NaN
  }
  return {
    rssMB: kB('VmRSS'),
    anonMB: kB('RssAnon'),
    fileMB: kB('RssFile'),
    shmemMB: kB('RssShmem'),
    hwmMB: kB('VmHWM'),
  }
}

let ticksPerSecond: number | null = null

/** User + system CPU seconds the process used so far. */
export function procCpuSeconds(pid: number): number {
  ticksPerSecond ??= clockTicks()
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
  // The command name may hold spaces and parentheses: fields are counted from the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  return (Number(fields[11]) + Number(fields[12])) / ticksPerSecond
}

function clockTicks(): number {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100
  } catch {
    return 100
  }
}

/** The whole machine's CPU time so far, in clock ticks: busy (not idle, not waiting for I/O) and all. */
export function machineCpuTicks(): { busy: number; total: number } {
  const line = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0]!
  const v = line.trim().split(/\s+/).slice(1).map(Number)
  const total = v.reduce((a, b) => a + b, 0)
  const idle = (v[3] ?? 0) + (v[4] ?? 0)
  return { busy: total - idle, total }
}
