import { describe, expect, it } from 'vitest'
import { hostSocketUrl, takeHostToken } from './host-token'

function memoryStorage() {
  const m = new Map<string, string>()
  return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v), m }
}

describe('takeHostToken', () => {
  it('takes the token from the URL, keeps it and strips it from the address bar', () => {
    const storage = memoryStorage()
    const replaced: (string | URL | null | undefined)[] = []
    const history = {
      state: null,
      replaceState: (_d: unknown, _u: string, url?: string | URL | null) => void replaced.push(url),
    }
    const token = takeHostToken(
      { protocol: 'http:', host: '127.0.0.1:4380', href: 'http://127.0.0.1:4380/?token=abc%2B1&x=2#h' },
      storage,
      history,
    )
    expect(token).toBe('abc+1')
    expect(storage.m.get('token')).toBe('abc+1')
    expect(replaced).toEqual(['/?x=2#h'])
  })

  it('falls back to the stored token after a reload', () => {
    const storage = memoryStorage()
    storage.setItem('token', 'kept')
    const history = { state: null, replaceState: () => {} }
    expect(takeHostToken({ protocol: 'http:', host: 'h', href: 'http://h/' }, storage, history)).toBe('kept')
    expect(takeHostToken({ protocol: 'http:', host: 'h', href: 'http://h/' }, null, history)).toBeNull()
  })
})

describe('hostSocketUrl', () => {
  it('uses the page scheme and host', () => {
    expect(hostSocketUrl({ protocol: 'http:', host: '127.0.0.1:4380' }, 'a b')).toBe(
      'ws://127.0.0.1:4380/api?token=a%20b',
    )
    expect(hostSocketUrl({ protocol: 'https:', host: 'x.local' }, null)).toBe('wss://x.local/api')
  })
})
