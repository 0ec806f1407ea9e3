import { APP_HOST, APP_PROTOCOL } from '../../shared/app-meta'

/** Where the packaged renderer lives: served by our `app://` protocol handler, never `file://`. */
export const APP_ORIGIN = `${APP_PROTOCOL}://${APP_HOST}`
export const APP_START_URL = `${APP_ORIGIN}/index.html`

/**
 * The origins the window may show and accept IPC from. In development that is the vite dev server
 * too; everything else (a link, a redirect, an injected iframe) is foreign.
 */
export interface OriginPolicy {
  /** The URL the window loads first. */
  readonly startUrl: string
  /** The dev server's origin when there is one, else undefined. */
  readonly devServerOrigin: string | undefined
  isTrustedUrl(url: string): boolean
}

/**
 * `scheme://host[:port]`, lower-cased, or null when the URL has no host. Computed by hand rather
 * than with `URL.origin` because Node answers "null" for schemes it does not know, such as `app:`.
 */
export function originOf(url: string): string | null {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return null
  }
  if (!parsed.host) return null
  return `${parsed.protocol}//${parsed.host}`.toLowerCase()
}

/**
 * `devServerUrl` is electron-vite's `ELECTRON_RENDERER_URL`; the caller passes it only for an
 * unpackaged app, since an environment variable must never be able to point the window that holds
 * the API bridge at another server.
 */
export function createOriginPolicy(devServerUrl?: string): OriginPolicy {
  const devUrl = devServerUrl || undefined // an empty variable means "not set"
  const devServerOrigin = devUrl ? (originOf(devUrl) ?? undefined) : undefined
  if (devUrl && !devServerOrigin) throw new Error(`Invalid dev server URL: ${devUrl}`)
  const trusted = new Set([APP_ORIGIN, ...(devServerOrigin ? [devServerOrigin] : [])])
  return {
    startUrl: devUrl ?? APP_START_URL,
    devServerOrigin,
    isTrustedUrl(url) {
      const origin = originOf(url)
      return origin !== null && trusted.has(origin)
    },
  }
}
