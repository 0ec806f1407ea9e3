// The web host as a user runs it: the built app (electron-vite build) started as a process of its own
// on loopback with a fresh data folder, so that its memory is measured apart from the bench's.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { join } from 'node:path'

/** Builds the app into `outDir` (an absolute path: electron-vite puts a relative one below the renderer's root). */
export function buildApp(root: string, outDir: string): void {
  const built = spawnSync(
    process.execPath,
    [join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build', '--outDir', outDir],
    { cwd: root, encoding: 'utf8' },
  )
  if (built.status !== 0) throw new Error(`electron-vite build failed:\n${built.stdout}\n${built.stderr}`)
}

export interface WebHostProcess {
  url: string
  port: number
  pid: number
  child: ChildProcess
  /** What the host printed so far (stdout and stderr). */
  output(): string
  /** SIGTERM, as Ctrl-C would: the host closes the core (which flushes the history) and exits. */
  stop(timeoutMs?: number): Promise<{ code: number | null; signal: string | null; forced: boolean }>
}

export function startWebHostProcess(webJs: string, dataDir: string, cwd: string): Promise<WebHostProcess> {
  const env = { ...process.env }
  // The loopback host needs no token; one from the environment must not leak into the run.
  delete env.BROKERLENS_TOKEN
  const child = spawn(process.execPath, [webJs, '--port', '0', '--data-dir', dataDir], {
    cwd,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  // A bench that times out never reaches its cleanup: the host must not outlive the worker.
  const reap = () => child.kill('SIGKILL')
  process.once('exit', reap)
  child.once('exit', () => process.off('exit', reap))
  let out = ''
  child.stdout.on('data', (c: Buffer) => (out += c.toString()))
  child.stderr.on('data', (c: Buffer) => (out += c.toString()))
  const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  )
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`the web host printed no URL within 20 s:\n${out}`))
    }, 20_000)
    const onData = () => {
      const m = /https?:\/\/[^\s]+/.exec(out)
      if (!m) return
      clearTimeout(timer)
      child.stdout.off('data', onData)
      const url = m[0]
      resolve({
        url,
        port: Number(new URL(url).port),
        pid: child.pid!,
        child,
        output: () => out,
        async stop(timeoutMs = 30_000) {
          if (child.exitCode !== null || child.signalCode !== null)
            return { code: child.exitCode, signal: child.signalCode, forced: false }
          let forced = false
          const force = setTimeout(() => {
            forced = true
            child.kill('SIGKILL')
          }, timeoutMs)
          child.kill('SIGTERM')
          const r = await exited
          clearTimeout(force)
          return { ...r, forced }
        },
      })
    }
    child.stdout.on('data', onData)
    void exited.then(({ code, signal }) => {
      clearTimeout(timer)
      reject(new Error(`the web host exited (${signal ?? code}) before it was ready:\n${out}`))
    })
  })
}
