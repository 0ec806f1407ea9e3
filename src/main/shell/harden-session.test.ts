import { describe, expect, it, vi } from 'vitest'
import { CONTENT_SECURITY_POLICY } from '../../shared/content-security-policy'
import { hardenSession, type HardenableSession } from './harden-session'

type RequestHandler = Parameters<HardenableSession['setPermissionRequestHandler']>[0]
type CheckHandler = Parameters<HardenableSession['setPermissionCheckHandler']>[0]
type HeadersListener = Parameters<HardenableSession['webRequest']['onHeadersReceived']>[0]

function fakeSession() {
  const captured: { request?: RequestHandler; check?: CheckHandler; headers?: HeadersListener } = {}
  const session: HardenableSession = {
    setPermissionRequestHandler: (handler) => void (captured.request = handler),
    setPermissionCheckHandler: (handler) => void (captured.check = handler),
    webRequest: { onHeadersReceived: (listener) => void (captured.headers = listener) },
  }
  hardenSession(session, CONTENT_SECURITY_POLICY, () => {})
  if (!captured.request || !captured.check || !captured.headers)
    throw new Error('a handler was not installed')
  return { request: captured.request, check: captured.check, headers: captured.headers }
}

function headersAfter(listener: HeadersListener, responseHeaders?: Record<string, string[]>) {
  const callback = vi.fn()
  listener({ url: 'http://localhost:5173/', responseHeaders }, callback)
  expect(callback).toHaveBeenCalledTimes(1)
  return (callback.mock.calls[0]?.[0] as { responseHeaders: Record<string, string[]> }).responseHeaders
}

describe('hardenSession', () => {
  it('denies every permission request', () => {
    const { request } = fakeSession()
    for (const permission of [
      'media',
      'notifications',
      'geolocation',
      'clipboard-read',
      'openExternal',
      'fullscreen',
    ]) {
      const callback = vi.fn()
      request({}, permission, callback)
      expect(callback, permission).toHaveBeenCalledExactlyOnceWith(false)
    }
  })

  it('answers every permission check with false', () => {
    const { check } = fakeSession()
    for (const permission of ['media', 'notifications', 'clipboard-sanitized-write', 'hid']) {
      expect(check({}, permission, 'app://brokerlens'), permission).toBe(false)
    }
  })

  it('sets our CSP on every response, replacing any the server sent in any spelling', () => {
    const { headers } = fakeSession()
    const result = headersAfter(headers, {
      'content-type': ['text/html'],
      'content-security-policy': ["script-src 'unsafe-eval' *"],
      'Content-Security-Policy-Report-Only': ['default-src *'],
      'CONTENT-SECURITY-POLICY': ['default-src *'],
    })
    expect(result).toEqual({
      'content-type': ['text/html'],
      'Content-Security-Policy': [CONTENT_SECURITY_POLICY],
    })
    expect(JSON.stringify(result)).not.toContain('unsafe-eval')
  })

  it('sets the CSP when the response had no headers at all', () => {
    const { headers } = fakeSession()
    expect(headersAfter(headers, undefined)).toEqual({ 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] })
  })
})
