import { createHash, timingSafeEqual } from 'node:crypto'
import type { IncomingMessage } from 'node:http'
import { TOKEN_PARAM } from '../../shared/wire'

export function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '::1' || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host)
}

/** Compares in constant time: hashing first makes the lengths equal, so length leaks nothing either. */
export function tokenMatches(given: string | null, expected: string): boolean {
  if (given === null) return false
  const a = createHash('sha256').update(given).digest()
  const b = createHash('sha256').update(expected).digest()
  return timingSafeEqual(a, b)
}

export interface AccessPolicy {
  /** Host:port values the page may be reached under (checked against Host and Origin). */
  allowedHosts: Set<string>
  /** Required when bound beyond loopback; null on loopback. */
  token: string | null
}

export function accessPolicy(bindHost: string, port: number, token: string | null): AccessPolicy {
  const hosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`])
  if (bindHost !== '0.0.0.0' && bindHost !== '::')
    hosts.add(`${bindHost.includes(':') ? `[${bindHost}]` : bindHost}:${port}`)
  return { allowedHosts: hosts, token }
}

/**
 * Decides whether a WebSocket upgrade may reach the API. Returns the reason for a refusal.
 * - Host must be one we serve under: a DNS-rebinding page (evil.example resolving to 127.0.0.1)
 *   sends its own name as Host and is refused.
 * - Origin must be our own page's: any other web page the user visits is refused, and so is a
 *   client that sends none (browsers always send one on WebSocket upgrades).
 * - Bound beyond loopback, the token is required as well.
 */
export function checkUpgrade(req: IncomingMessage, policy: AccessPolicy, bindAll: boolean): string | null {
  const host = req.headers.host ?? ''
  if (!bindAll && !policy.allowedHosts.has(host)) return `unexpected Host header ${JSON.stringify(host)}`
  const origin = req.headers.origin
  if (!origin) return 'missing Origin header'
  if (origin !== `http://${host}` && origin !== `https://${host}`)
    return `foreign Origin ${JSON.stringify(origin)}`
  if (policy.token !== null) {
    const url = new URL(req.url ?? '/', 'http://placeholder')
    if (!tokenMatches(url.searchParams.get(TOKEN_PARAM), policy.token)) return 'missing or wrong token'
  }
  return null
}
