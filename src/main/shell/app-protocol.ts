import { readFile } from 'node:fs/promises'
import { isAbsolute, join, relative } from 'node:path'
import type { Privileges } from 'electron'
import { APP_HOST } from '../../shared/app-meta'
import { mimeTypeOf } from './mime-types'

/**
 * `standard` gives `app://brokerlens` a real origin (relative URLs, localStorage, 'self' in the
 * CSP); `secure` makes it a secure context like https; `supportFetchAPI` lets the renderer fetch
 * its own assets; `codeCache` keeps start-up fast. Nothing else: no CSP bypass, no service
 * workers, and no `corsEnabled`, which Electron reads as "any origin may read this scheme". vite's
 * `<script type="module" crossorigin>` needs none of it, since those requests are same-origin.
 */
export const APP_SCHEME_PRIVILEGES: Privileges = {
  standard: true,
  secure: true,
  supportFetchAPI: true,
  codeCache: true,
}

export type AppProtocolHandler = (request: Request) => Promise<Response>

export interface AppProtocolOptions {
  /** Sent with every response: Electron's webRequest header hooks never see custom protocols. */
  contentSecurityPolicy: string
  log?: (message: string) => void
}

/**
 * Serves the built renderer (`rootDir`, i.e. out/renderer) to `app://brokerlens/…`. Only GET and
 * HEAD, only our host, only files inside `rootDir`: a path segment that decodes to `..`, `.`, or
 * anything holding a separator is refused, and the joined path is checked to stay under the root.
 */
export function createAppProtocolHandler(rootDir: string, options: AppProtocolOptions): AppProtocolHandler {
  const log = options.log ?? (() => {})
  const headersFor = (contentType: string): Record<string, string> => ({
    'Content-Type': contentType,
    'Content-Security-Policy': options.contentSecurityPolicy,
    'X-Content-Type-Options': 'nosniff',
    // The files change with every build while the origin stays the same.
    'Cache-Control': 'no-cache',
  })
  const fail = (status: number, text: string) =>
    new Response(text, { status, headers: headersFor('text/plain; charset=utf-8') })

  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return fail(405, 'Method Not Allowed')
    let url: URL
    try {
      url = new URL(request.url)
    } catch {
      return fail(400, 'Bad Request')
    }
    if (url.host.toLowerCase() !== APP_HOST) return fail(404, 'Not Found')

    const segments = decodeSegments(url.pathname)
    if (!segments) {
      log(`[app protocol] refused ${request.url}`)
      return fail(403, 'Forbidden')
    }
    const filePath = join(rootDir, ...(segments.length > 0 ? segments : ['index.html']))
    const inside = relative(rootDir, filePath)
    if (inside === '' || inside.startsWith('..') || isAbsolute(inside)) return fail(403, 'Forbidden')

    let body: Buffer
    try {
      body = await readFile(filePath)
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code
      if (code === 'ENOENT' || code === 'EISDIR' || code === 'ENOTDIR') return fail(404, 'Not Found')
      log(`[app protocol] cannot read ${filePath}: ${String(err)}`)
      return fail(500, 'Internal Server Error')
    }
    const headers = headersFor(mimeTypeOf(filePath))
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), { status: 200, headers })
  }
}

/**
 * The path's segments, percent-decoded, or null when one of them could step outside the root.
 * Checked after decoding: `%2e%2e%2f` or `..%5c` arrive as text and only become a traversal once
 * decoded. Empty segments (`//`, the trailing slash) are dropped.
 */
function decodeSegments(pathname: string): string[] | null {
  const segments: string[] = []
  for (const raw of pathname.split('/')) {
    if (raw === '') continue
    let segment: string
    try {
      segment = decodeURIComponent(raw)
    } catch {
      return null
    }
    if (segment === '.' || segment === '..' || /[/\\:\0]/.test(segment)) return null
    segments.push(segment)
  }
  return segments
}
