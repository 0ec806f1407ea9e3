import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test as base, expect, type Page } from '@playwright/test'

const root = join(import.meta.dirname, '..', '..')
const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]', '::1'])

/** One web host process (out/main/web.js) with its own data folder. */
export interface WebHost {
  url: string
  port: number
  dataDir: string
  output: () => string
  /** Kills the process (as a crash would). */
  kill(): Promise<void>
  /** Starts it again on the same port and data folder. */
  restart(): Promise<void>
}

function startProcess(
  port: number,
  dataDir: string,
  log: string[],
): Promise<{ child: ChildProcess; url: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [join(root, 'out', 'main', 'web.js'), '--port', String(port), '--data-dir', dataDir],
      {
        cwd: root,
        stdio: ['ignore', 'pipe', 'pipe'],
        env: withoutToken(process.env),
      },
    )
    let settled = false
    const timer = setTimeout(
      () => fail(new Error(`the web host printed no URL within 20 s:\n${log.join('')}`)),
      20_000,
    )
    function fail(err: Error) {
      if (settled) return
      settled = true
      clearTimeout(timer)
      child.kill('SIGKILL')
      reject(err)
    }
    const onData = (chunk: Buffer) => {
      log.push(chunk.toString())
      const m = /https?:\/\/[^\s]+/.exec(log.join(''))
      if (m && !settled) {
        settled = true
        clearTimeout(timer)
        resolve({ child, url: m[0] })
      }
    }
    child.stdout?.on('data', onData)
    child.stderr?.on('data', (c: Buffer) => log.push(c.toString()))
    child.on('exit', (code, signal) =>
      fail(new Error(`the web host exited (${signal ?? code}) before it was ready:\n${log.join('')}`)),
    )
  })
}

function stopProcess(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve()
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 10_000)
    child.once('exit', () => {
      clearTimeout(force)
      resolve()
    })
    child.kill(signal)
  })
}

export const test = base.extend<{ host: WebHost; app: Page }>({
  // A fresh web host and data folder for every test: each starts on the welcome screen.
  // eslint-disable-next-line no-empty-pattern -- Playwright reads the fixtures a function destructures
  host: async ({}, use) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'brokerlens-e2e-'))
    const log: string[] = []
    let { child, url } = await startProcess(0, dataDir, log)
    const port = Number(new URL(url).port)
    const host: WebHost = {
      url,
      port,
      dataDir,
      output: () => log.join(''),
      kill: () => stopProcess(child, 'SIGKILL'),
      async restart() {
        ;({ child, url } = await startProcess(port, dataDir, log))
      },
    }
    await use(host)
    await stopProcess(child, 'SIGTERM')
    rmSync(dataDir, { recursive: true, force: true })
  },

  // The page, opened on the host, failing the test on any request to a non-local host and on any
  // uncaught page error.
  app: async ({ page, host }, use, testInfo) => {
    const outside: string[] = []
    const pageErrors: string[] = []
    await page.context().route('**/*', (route) => {
      const url = new URL(route.request().url())
      const local = url.protocol === 'blob:' || url.protocol === 'data:' || LOCAL_HOSTS.has(url.hostname)
      if (local) return route.continue()
      outside.push(route.request().url())
      return route.abort('blockedbyclient')
    })
    page.on('pageerror', (err) => pageErrors.push(err.message))
    await page.goto(host.url)
    await use(page)
    if (outside.length || pageErrors.length) {
      await testInfo.attach('web host output', { body: host.output(), contentType: 'text/plain' })
    }
    expect(outside, 'requests to hosts other than 127.0.0.1/localhost').toEqual([])
    expect(pageErrors, 'uncaught errors in the page').toEqual([])
  },
})

export { expect }

/** The loopback host needs no token; one from the environment must not leak into the run. */
function withoutToken(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const copy = { ...env }
  delete copy.BROKERLENS_TOKEN
  return copy
}
