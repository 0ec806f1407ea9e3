import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { APP_SCHEME_PRIVILEGES, createAppProtocolHandler, type AppProtocolHandler } from './app-protocol'
import { CONTENT_SECURITY_POLICY } from '../../shared/content-security-policy'

const SECRET = 'outside the renderer folder'
let base: string
let handle: AppProtocolHandler

beforeAll(async () => {
  // base/secret.txt sits next to the served root, base/renderer: the target of every traversal.
  base = await mkdtemp(join(tmpdir(), 'brokerlens-app-protocol-'))
  const root = join(base, 'renderer')
  await mkdir(join(root, 'assets'), { recursive: true })
  await writeFile(join(base, 'secret.txt'), SECRET)
  await writeFile(join(root, 'index.html'), '<!doctype html><title>Brokerlens</title>')
  await writeFile(join(root, 'assets', 'index-abc.js'), 'export {}')
  await writeFile(join(root, 'assets', 'index-abc.css'), 'body{}')
  await writeFile(join(root, 'assets', 'codicon.ttf'), 'font')
  await writeFile(join(root, 'assets', 'blob.xyz'), 'opaque')
  handle = createAppProtocolHandler(root, { contentSecurityPolicy: CONTENT_SECURITY_POLICY })
})

afterAll(async () => {
  await rm(base, { recursive: true, force: true })
})

const get = (url: string, method = 'GET') => handle(new Request(url, { method }))

describe('APP_SCHEME_PRIVILEGES', () => {
  it('makes app: a standard, secure scheme without bypassing the CSP', () => {
    expect(APP_SCHEME_PRIVILEGES).toMatchObject({ standard: true, secure: true, supportFetchAPI: true })
    expect(APP_SCHEME_PRIVILEGES.bypassCSP).toBeFalsy()
    expect(APP_SCHEME_PRIVILEGES.corsEnabled).toBeFalsy()
  })
})

describe('createAppProtocolHandler', () => {
  it('serves index.html for the root and by name, as HTML with the CSP and nosniff', async () => {
    for (const url of ['app://brokerlens', 'app://brokerlens/', 'app://brokerlens/index.html']) {
      const res = await get(url)
      expect(res.status, url).toBe(200)
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8')
      expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY)
      expect(res.headers.get('x-content-type-options')).toBe('nosniff')
      expect(await res.text()).toContain('<title>Brokerlens</title>')
    }
  })

  it('serves assets with their MIME types', async () => {
    const cases: Array<[string, string]> = [
      ['assets/index-abc.js', 'text/javascript; charset=utf-8'],
      ['assets/index-abc.css', 'text/css; charset=utf-8'],
      ['assets/codicon.ttf', 'font/ttf'],
      ['assets/blob.xyz', 'application/octet-stream'],
    ]
    for (const [path, type] of cases) {
      const res = await get(`app://brokerlens/${path}`)
      expect(res.status, path).toBe(200)
      expect(res.headers.get('content-type'), path).toBe(type)
      // Workers take their CSP from their own response, so assets carry it too.
      expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY)
    }
    expect(await (await get('app://brokerlens/assets/index-abc.js')).text()).toBe('export {}')
  })

  it('refuses every spelling of a traversal and never returns the file outside the root', async () => {
    for (const url of [
      'app://brokerlens/..%2fsecret.txt',
      'app://brokerlens/..%2Fsecret.txt',
      'app://brokerlens/assets/..%2f..%2fsecret.txt',
      'app://brokerlens/%2e%2e%2fsecret.txt',
      'app://brokerlens/..%5csecret.txt',
      'app://brokerlens/assets%2f..%2f..%2fsecret.txt',
      'app://brokerlens/%2fetc%2fpasswd',
      'app://brokerlens/secret.txt%00.html',
      'app://brokerlens/C:%5cWindows%5cwin.ini',
      'app://brokerlens/%E0%A4%A',
    ]) {
      const res = await get(url)
      expect(res.status, url).toBe(403)
      expect(await res.text(), url).not.toContain(SECRET)
    }
  })

  it('resolves dot segments that the URL parser removes inside the root', async () => {
    // Chromium and WHATWG URL parsing drop `..` before we see it: this lands on /secret.txt of the root.
    const res = await get('app://brokerlens/assets/../../secret.txt')
    expect(res.status).toBe(404)
    expect(await res.text()).not.toContain(SECRET)
  })

  it('answers 404 for missing files, folders and other hosts', async () => {
    expect((await get('app://brokerlens/missing.js')).status).toBe(404)
    expect((await get('app://brokerlens/assets/')).status).toBe(404)
    expect((await get('app://elsewhere/index.html')).status).toBe(404)
  })

  it('allows only GET and HEAD; HEAD has headers and no body', async () => {
    expect((await get('app://brokerlens/index.html', 'POST')).status).toBe(405)
    expect((await get('app://brokerlens/index.html', 'PUT')).status).toBe(405)
    const head = await get('app://brokerlens/index.html', 'HEAD')
    expect(head.status).toBe(200)
    expect(head.headers.get('content-type')).toBe('text/html; charset=utf-8')
    expect(await head.text()).toBe('')
  })
})
