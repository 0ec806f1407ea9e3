import { describe, expect, it } from 'vitest'
import { CONTENT_SECURITY_POLICY } from '../../shared/content-security-policy'
import { contentSecurityPolicy } from './content-security-policy'

const directives = (policy: string) =>
  Object.fromEntries(
    policy
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .map(([name, ...values]) => [name, values]),
  )

describe('contentSecurityPolicy', () => {
  it('gives the packaged window the strict policy, directive by directive', () => {
    expect(directives(contentSecurityPolicy())).toEqual({
      'default-src': ["'self'"],
      'script-src': ["'self'"],
      'style-src': ["'self'", "'unsafe-inline'"],
      'img-src': ["'self'", 'data:', 'blob:'],
      'font-src': ["'self'", 'data:'],
      'worker-src': ["'self'", 'blob:'],
      'connect-src': ["'self'"],
      'object-src': ["'none'"],
      'base-uri': ["'none'"],
      'frame-ancestors': ["'none'"],
      'form-action': ["'none'"],
    })
  })

  it('never allows eval', () => {
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval')
    expect(contentSecurityPolicy('http://localhost:5173')).not.toContain('unsafe-eval')
  })

  it('is the shared policy (the web host sends it too) when there is no dev server', () => {
    expect(contentSecurityPolicy()).toBe(CONTENT_SECURITY_POLICY)
    expect(contentSecurityPolicy(undefined)).toBe(CONTENT_SECURITY_POLICY)
  })

  it('lets the dev server in for scripts, HMR socket and fetches, and nothing else', () => {
    const dev = directives(contentSecurityPolicy('http://localhost:5173'))
    expect(dev['script-src']).toEqual(["'self'", 'http://localhost:5173', "'unsafe-inline'"])
    expect(dev['connect-src']).toEqual(["'self'", 'http://localhost:5173', 'ws://localhost:5173'])
    expect(dev['object-src']).toEqual(["'none'"])
    expect(dev['default-src']).toEqual(["'self'"])
  })
})
