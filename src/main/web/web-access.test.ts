import type * as NodeCrypto from 'node:crypto'
import { readFileSync } from 'node:fs'
import type { IncomingMessage } from 'node:http'
import { join } from 'node:path'
import { describe, expect, it, vi } from 'vitest'

// The real timingSafeEqual, watched: the token check must go through it.
const crypto = vi.hoisted(() => ({ calls: [] as Array<[Buffer, Buffer]> }))
vi.mock('node:crypto', async (importOriginal) => {
  const real = await importOriginal<typeof NodeCrypto>()
  return {
    ...real,
    timingSafeEqual: (a: NodeJS.ArrayBufferView, b: NodeJS.ArrayBufferView) => {
      crypto.calls.push([Buffer.from(a as Uint8Array), Buffer.from(b as Uint8Array)])
      return real.timingSafeEqual(a, b)
    },
  }
})

const { accessPolicy, checkUpgrade, isLoopbackHost, tokenMatches } = await import('./web-access')

describe('tokenMatches', () => {
  it('accepts the exact token only', () => {
    expect(tokenMatches('tok-123', 'tok-123')).toBe(true)
    for (const given of ['tok-12', 'tok-1234', 'TOK-123', '', ' tok-123', null])
      expect(tokenMatches(given, 'tok-123'), String(given)).toBe(false)
  })

  it('compares through timingSafeEqual on equal-length digests, whatever the lengths given', () => {
    crypto.calls.length = 0
    tokenMatches('a', 'a-much-longer-expected-token')
    tokenMatches('a-much-longer-given-token-than-expected', 'b')
    expect(crypto.calls).toHaveLength(2)
    for (const [a, b] of crypto.calls) {
      // SHA-256 digests: the comparison takes as long for a one-letter guess as for a near miss.
      expect(a.length).toBe(32)
      expect(b.length).toBe(32)
    }
  })

  it('is the only way the web host compares a token (no == on the token anywhere in its source)', () => {
    const dir = join(__dirname)
    const access = readFileSync(join(dir, 'web-access.ts'), 'utf8')
    const body = /export function tokenMatches[\s\S]*?\n}/.exec(access)?.[0] ?? ''
    expect(body).toContain('timingSafeEqual(')
    for (const file of ['web-access.ts', 'web-host.ts', 'ws-api.ts', 'static-files.ts']) {
      const text = readFileSync(join(dir, file), 'utf8')
      // An equality test on anything named like the token, other than against null/undefined.
      const plain = [
        ...text.matchAll(
          /\b(?:token|given|expected|TOKEN_PARAM\)?)\b[\w.?()[\]'"]*\s*[!=]==?\s*(?!null\b|undefined\b)[\w'"`]/gi,
        ),
        ...text.matchAll(/[\w'"`)\]]\s*[!=]==?\s*[\w.?]*\btoken\b(?!\s*[!=]==?\s*null)/gi),
      ].map((m) => m[0])
      expect(plain, file).toEqual([])
    }
  })
})

describe('isLoopbackHost', () => {
  it('knows loopback addresses and nothing else', () => {
    for (const host of ['127.0.0.1', '127.1.2.3', 'localhost', '::1', '[::1]'])
      expect(isLoopbackHost(host), host).toBe(true)
    for (const host of ['0.0.0.0', '::', '192.168.1.20', '10.0.0.1', 'example.com', '127.0.0.1.example.com'])
      expect(isLoopbackHost(host), host).toBe(false)
  })
})

describe('checkUpgrade', () => {
  const port = 4380
  const request = (headers: Record<string, string>, url = '/api') =>
    ({ headers, url }) as unknown as IncomingMessage
  const ours = { host: `127.0.0.1:${port}`, origin: `http://127.0.0.1:${port}` }

  it('refuses a foreign or missing Origin and a Host it does not answer to', () => {
    const policy = accessPolicy('127.0.0.1', port, null)
    expect(checkUpgrade(request(ours), policy, false)).toBeNull()
    expect(checkUpgrade(request({ ...ours, origin: 'http://evil.example' }), policy, false)).toMatch(
      /foreign Origin/,
    )
    expect(checkUpgrade(request({ host: ours.host }), policy, false)).toMatch(/missing Origin/)
    expect(
      checkUpgrade(
        request({ host: `evil.example:${port}`, origin: `http://evil.example:${port}` }),
        policy,
        false,
      ),
    ).toMatch(/unexpected Host/)
  })

  it('requires the token when the policy has one: missing, wrong and right', () => {
    const policy = accessPolicy('0.0.0.0', port, 'the-token')
    expect(checkUpgrade(request(ours), policy, true)).toMatch(/missing or wrong token/)
    expect(checkUpgrade(request(ours, '/api?token=not-it'), policy, true)).toMatch(/wrong token/)
    expect(checkUpgrade(request(ours, '/api?token=the-token'), policy, true)).toBeNull()
  })
})
