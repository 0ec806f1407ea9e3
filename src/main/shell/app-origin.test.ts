import { describe, expect, it } from 'vitest'
import { APP_ORIGIN, APP_START_URL, createOriginPolicy, originOf } from './app-origin'

describe('originOf', () => {
  it('computes the origin of app: URLs, which Node itself reports as "null"', () => {
    expect(new URL('app://brokerlens/index.html').origin).toBe('null')
    expect(originOf('app://brokerlens/index.html')).toBe('app://brokerlens')
    expect(originOf('APP://BrokerLens/x')).toBe('app://brokerlens')
  })

  it('keeps the port and reads the real host behind user info', () => {
    expect(originOf('http://localhost:5173/src/main.tsx')).toBe('http://localhost:5173')
    expect(originOf('http://localhost:5173@evil.example/')).toBe('http://evil.example')
  })

  it('returns null for URLs without a host or that do not parse', () => {
    expect(originOf('about:blank')).toBeNull()
    expect(originOf('data:text/html,hi')).toBeNull()
    expect(originOf('not a url')).toBeNull()
  })
})

describe('createOriginPolicy', () => {
  it('trusts only app://brokerlens in production and starts at its index.html', () => {
    const policy = createOriginPolicy()
    expect(policy.startUrl).toBe(APP_START_URL)
    expect(APP_START_URL).toBe('app://brokerlens/index.html')
    expect(policy.devServerOrigin).toBeUndefined()
    expect(policy.isTrustedUrl(`${APP_ORIGIN}/assets/x.js`)).toBe(true)
    for (const url of [
      'https://example.com/',
      'http://localhost:5173/',
      'app://brokerlens.evil.example/',
      'app://other/index.html',
      'app://brokerlens:8080/index.html',
      'file:///work/main/out/renderer/index.html',
      'about:blank',
      'javascript:alert(1)',
    ]) {
      expect(policy.isTrustedUrl(url), url).toBe(false)
    }
  })

  it('adds the dev server origin, and only it, when given one', () => {
    const policy = createOriginPolicy('http://localhost:5173/')
    expect(policy.startUrl).toBe('http://localhost:5173/')
    expect(policy.devServerOrigin).toBe('http://localhost:5173')
    expect(policy.isTrustedUrl('http://localhost:5173/index.html')).toBe(true)
    expect(policy.isTrustedUrl('app://brokerlens/index.html')).toBe(true)
    expect(policy.isTrustedUrl('http://localhost:5174/')).toBe(false)
    expect(policy.isTrustedUrl('http://127.0.0.1:5173/')).toBe(false)
  })

  it('treats an empty dev server variable as unset and rejects a malformed one', () => {
    expect(createOriginPolicy('').startUrl).toBe(APP_START_URL)
    expect(() => createOriginPolicy('localhost')).toThrow(/Invalid dev server URL/)
  })
})
