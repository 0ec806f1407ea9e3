import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { testCore } from '../../../test/support/test-core'
import { parseWebArgs } from './web-args'
import { startWebHost, type WebHost } from './web-host'

/** Local addresses listening on `port`, from the kernel's socket table (hex `addr:port` in /proc/net/tcp). */
function listeningAddresses(port: number): string[] {
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0')
  return readFileSync('/proc/net/tcp', 'utf8')
    .split('\n')
    .slice(1)
    .map((line) => line.trim().split(/\s+/))
    .filter((cols) => cols[1]?.endsWith(`:${hexPort}`) && cols[3] === '0A') // 0A: LISTEN
    .map((cols) => {
      const hex = cols[1]!.split(':')[0]!
      return [3, 2, 1, 0].map((i) => parseInt(hex.slice(i * 2, i * 2 + 2), 16)).join('.')
    })
}

/** A real web host on a free loopback port, a real WebSocket client: the transport as the browser sees it. */
describe('web host', () => {
  let ctx: ReturnType<typeof testCore>
  let host: WebHost
  let rendererDir: string

  beforeEach(async () => {
    ctx = testCore()
    rendererDir = join(ctx.dataDir, 'renderer')
    mkdirSync(join(rendererDir, 'assets'), { recursive: true })
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Brokerlens</title>')
    writeFileSync(join(rendererDir, 'assets', 'app-1234.js'), 'console.log(1)')
    writeFileSync(join(ctx.dataDir, 'outside.txt'), 'must not be served')
    host = await startWebHost({
      core: ctx.core,
      host: '127.0.0.1',
      port: 0,
      rendererDir,
      log: () => undefined,
    })
  })
  afterEach(async () => {
    await host.close()
    await ctx.dispose()
  })

  const origin = () => `http://127.0.0.1:${host.port}`
  const open = (opts: { origin?: string; path?: string; hostHeader?: string } = {}) =>
    new Promise<WebSocket>((resolve, reject) => {
      const headers: Record<string, string> = {}
      if (opts.hostHeader) headers.host = opts.hostHeader
      const ws = new WebSocket(`ws://127.0.0.1:${host.port}${opts.path ?? '/api'}`, {
        origin: opts.origin === undefined ? origin() : opts.origin || undefined,
        headers,
      })
      ws.once('open', () => resolve(ws))
      ws.once('error', reject)
      ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)))
    })
  const call = (ws: WebSocket, frame: unknown) =>
    new Promise<any>((resolve) => {
      ws.once('message', (data) => resolve(JSON.parse(data.toString())))
      ws.send(typeof frame === 'string' ? frame : JSON.stringify(frame))
    })

  it('serves the renderer with a CSP and refuses paths outside it', async () => {
    const index = await fetch(`${origin()}/`)
    expect(index.status).toBe(200)
    expect(index.headers.get('content-security-policy')).toContain("script-src 'self'")
    expect(index.headers.get('content-security-policy')).not.toContain('unsafe-eval')
    expect(await index.text()).toContain('<title>Brokerlens')
    expect((await fetch(`${origin()}/assets/app-1234.js`)).headers.get('content-type')).toContain(
      'javascript',
    )
    expect((await fetch(`${origin()}/some/route`)).status).toBe(200) // SPA fallback
    for (const path of ['/../outside.txt', '/%2e%2e/outside.txt', '/assets/..%2f..%2foutside.txt']) {
      const res = await fetch(`${origin()}${path}`)
      expect(await res.text()).not.toContain('must not be served')
    }
  })

  it('answers API calls and pushes events over the socket', async () => {
    const ws = await open()
    const info = await call(ws, { id: 1, method: 'getAppInfo' })
    expect(info).toMatchObject({ id: 1, ok: true, result: { host: 'web', name: 'Brokerlens' } })
    const event = new Promise((resolve) =>
      ws.on('message', (d) => {
        const f = JSON.parse(d.toString())
        if (f.event) resolve(f.event)
      }),
    )
    await call(ws, {
      id: 2,
      method: 'createProfile',
      input: { config: { protocol: 'mqtt', name: 'x', host: 'h' } },
    })
    expect(await event).toEqual({ type: 'profiles.changed' })
    ws.close()
  })

  it('answers malformed frames with an error and keeps the socket open', async () => {
    const ws = await open()
    expect(await call(ws, '{oops')).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: 'Frame is not JSON' },
    })
    const badBytes = '{"id":4,"method":"listProfiles","input":{"x":{"$bytes":"A"}}}'
    expect(await call(ws, badBytes)).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: 'Frame is not valid: Invalid base64: wrong length' },
    })
    expect(await call(ws, { id: 5, method: 'getProfile', input: { id: 42 } })).toMatchObject({
      id: 5,
      ok: false,
      error: { code: 'invalid_input', issues: [{ path: 'id' }] },
    })
    expect(await call(ws, { id: 6, method: 'nope' })).toMatchObject({
      id: 6,
      ok: false,
      error: { code: 'not_found' },
    })
    expect(await call(ws, { id: 7, method: 'listProfiles' })).toMatchObject({ id: 7, ok: true, result: [] })
    ws.close()
  })

  it('refuses a foreign Origin, a missing Origin, a rebinding Host and other paths', async () => {
    await expect(open({ origin: 'http://evil.example' })).rejects.toThrow(/403/)
    await expect(open({ origin: '' })).rejects.toThrow(/403/)
    await expect(
      open({ hostHeader: `evil.example:${host.port}`, origin: `http://evil.example:${host.port}` }),
    ).rejects.toThrow(/403/)
    await expect(open({ path: '/other' })).rejects.toThrow(/404/)
    const ok = await open({ origin: `http://localhost:${host.port}`, hostHeader: `localhost:${host.port}` })
    ok.close()
  })

  it('requires the token when it is required, compared exactly', async () => {
    const guarded = await startWebHost({
      core: ctx.core,
      host: '127.0.0.1',
      port: 0,
      rendererDir,
      requireToken: true,
      token: 'tok-123',
      log: () => undefined,
    })
    try {
      expect(guarded.url).toBe(`http://127.0.0.1:${guarded.port}/?token=tok-123`)
      const attempt = (query: string) =>
        new Promise<void>((resolve, reject) => {
          const ws = new WebSocket(`ws://127.0.0.1:${guarded.port}/api${query}`, {
            origin: `http://127.0.0.1:${guarded.port}`,
          })
          ws.once('open', () => {
            ws.close()
            resolve()
          })
          ws.once('unexpected-response', (_q, res) => reject(new Error(`HTTP ${res.statusCode}`)))
        })
      await expect(attempt('')).rejects.toThrow(/403/)
      await expect(attempt('?token=tok-12')).rejects.toThrow(/403/)
      await expect(attempt('?token=tok-1234')).rejects.toThrow(/403/)
      await expect(attempt('?token=tok-123')).resolves.toBeUndefined()
    } finally {
      await guarded.close()
    }
  })

  it.runIf(existsSync('/proc/net/tcp'))(
    'listens on loopback only with the default host, and asks no token there',
    async () => {
      const defaults = parseWebArgs([], {})
      const local = await startWebHost({
        core: ctx.core,
        host: defaults.host,
        port: 0,
        rendererDir,
        log: () => undefined,
      })
      try {
        expect(defaults.host).toBe('127.0.0.1')
        expect(listeningAddresses(local.port)).toEqual(['127.0.0.1'])
        expect(local.token).toBeNull()
        expect(local.url).toBe(`http://127.0.0.1:${local.port}/`)
      } finally {
        await local.close()
      }
    },
  )

  it('bound beyond loopback, makes up a long token and refuses every socket without it', async () => {
    // Bound to every interface for a moment, but only ever connected to over loopback.
    const wide = await startWebHost({
      core: ctx.core,
      host: '0.0.0.0',
      port: 0,
      rendererDir,
      log: () => undefined,
    })
    try {
      expect(wide.token).toMatch(/^[A-Za-z0-9_-]{32,}$/)
      expect(wide.url).toBe(`http://127.0.0.1:${wide.port}/?token=${wide.token}`)
      const attempt = (query: string) =>
        new Promise<void>((resolve, reject) => {
          const ws = new WebSocket(`ws://127.0.0.1:${wide.port}/api${query}`, {
            origin: `http://127.0.0.1:${wide.port}`,
          })
          ws.once('open', () => {
            ws.close()
            resolve()
          })
          ws.once('error', reject)
          ws.once('unexpected-response', (_q, res) => reject(new Error(`HTTP ${res.statusCode}`)))
        })
      await expect(attempt('')).rejects.toThrow(/403/)
      await expect(attempt(`?token=${wide.token!.slice(0, -1)}`)).rejects.toThrow(/403/)
      await expect(attempt(`?token=${wide.token}`)).resolves.toBeUndefined()
    } finally {
      await wide.close()
    }
  })
})
