import { execFileSync, spawn } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, readdirSync } from 'node:fs'
import { join, relative, sep } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { testBrokers } from '../support/brokers'
import { tempDir } from '../support/temp-dir'

const root = process.cwd()

/**
 * The top-level packages npm installs for production (`npm ci --omit=dev`), as paths below
 * node_modules: what the app archive holds besides `out/`.
 */
function productionPackages(): string[] {
  const out = execFileSync('npm', ['ls', '--omit=dev', '--all', '--parseable'], {
    cwd: root,
    encoding: 'utf8',
  })
  const top = new Set<string>()
  for (const line of out.split('\n')) {
    const rel = relative(join(root, 'node_modules'), line.trim())
    if (!line.trim() || rel.startsWith('..') || rel === '') continue
    const parts = rel.split(sep)
    top.add(parts[0]!.startsWith('@') ? join(parts[0]!, parts[1]!) : parts[0]!)
  }
  return [...top]
}

/**
 * The built bundle in `out/` runs with production dependencies only: the web host's core starts
 * under plain Node from a folder holding `out/`, package.json and a node_modules of the production
 * packages alone (copied, not linked, so nothing resolves into the development tree), serves the
 * app, opens its SQLite database and connects to a broker through the API.
 */
describe('the built bundle without the development tree', () => {
  const dir = tempDir('brokerlens-prod-')
  afterAll(() => dir.remove())

  it('starts the core from out/ and answers the API with production dependencies only', async () => {
    expect(
      existsSync(join(root, 'out', 'main', 'web.js')),
      'run `npx electron-vite build` first (npm test does)',
    ).toBe(true)
    const app = join(dir.path, 'app')
    mkdirSync(join(app, 'node_modules'), { recursive: true })
    cpSync(join(root, 'out'), join(app, 'out'), { recursive: true })
    cpSync(join(root, 'package.json'), join(app, 'package.json'))
    const packages = productionPackages()
    for (const name of packages)
      cpSync(join(root, 'node_modules', name), join(app, 'node_modules', name), { recursive: true })
    // The dev tree is really absent: a few packages only the build and the tests use.
    for (const devOnly of ['vitest', 'electron-vite', 'typescript', '@playwright/test', 'electron']) {
      expect(existsSync(join(app, 'node_modules', devOnly)), devOnly).toBe(false)
    }
    expect(readdirSync(join(app, 'node_modules')).length).toBeGreaterThan(5)

    const host = spawn(
      process.execPath,
      [join(app, 'out', 'main', 'web.js'), '--port', '0', '--data-dir', join(dir.path, 'data')],
      {
        cwd: app,
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { PATH: process.env.PATH, HOME: dir.path },
      },
    )
    const output: string[] = []
    host.stderr.on('data', (d: Buffer) => output.push(d.toString()))
    try {
      const url = await new Promise<string>((resolve, reject) => {
        host.stdout.on('data', (d: Buffer) => {
          output.push(d.toString())
          const m = /running at (http:\/\/[^\s]+)/.exec(output.join(''))
          if (m) resolve(m[1]!)
        })
        host.once('exit', (code) => reject(new Error(`web host exited ${code}:\n${output.join('')}`)))
      })
      const page = await fetch(url)
      expect(page.status).toBe(200)
      expect(await page.text()).toContain('<div id="root">')

      const origin = new URL(url).origin
      const ws = new WebSocket(`${origin.replace('http', 'ws')}/api`, { origin })
      await new Promise((r, j) => ws.once('open', r).once('error', j))
      let nextId = 1
      const call = (method: string, input?: unknown) =>
        new Promise<unknown>((resolve, reject) => {
          const id = nextId++
          const onMessage = (data: WebSocket.RawData) => {
            const f = JSON.parse(data.toString()) as {
              id?: number
              ok: boolean
              result: unknown
              error: { message: string }
            }
            if (f.id !== id) return
            ws.off('message', onMessage)
            if (f.ok) resolve(f.result)
            else reject(new Error(f.error.message))
          }
          ws.on('message', onMessage)
          ws.send(JSON.stringify({ id, method, input }))
        })
      expect(await call('getAppInfo')).toMatchObject({ name: 'Brokerlens', host: 'web' })
      const b = testBrokers()
      const profile = (await call('createProfile', {
        config: { protocol: 'mqtt', name: 'prod', host: '127.0.0.1', port: b.mosquitto.ports.plain },
      })) as { id: string }
      expect(await call('connect', { profileId: profile.id })).toMatchObject({ state: 'connected' })
      expect(await call('historyStats')).toMatchObject({ messages: expect.any(Number) })
      ws.close()
      expect(output.join('')).not.toMatch(/Cannot find (module|package)/)
    } finally {
      host.kill('SIGTERM')
    }
  })
})
