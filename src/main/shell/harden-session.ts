/**
 * The slice of Electron's `Session` this module touches, so that tests can hand in a fake.
 * Electron's own `Session` satisfies it.
 */
export interface HardenableSession {
  setPermissionRequestHandler(
    handler: (webContents: unknown, permission: string, callback: (granted: boolean) => void) => void,
  ): void
  setPermissionCheckHandler(
    handler: (webContents: unknown, permission: string, requestingOrigin: string) => boolean,
  ): void
  readonly webRequest: {
    onHeadersReceived(
      listener: (
        details: { url: string; responseHeaders?: Record<string, string[]> },
        callback: (response: { responseHeaders?: Record<string, string | string[]> }) => void,
      ) => void,
    ): void
  }
}

/**
 * Locks down the session the window lives in:
 * - every permission (camera, notifications, geolocation, clipboard-read, …) is refused, both when
 *   a page asks and when it merely checks; the app needs none of them;
 * - every HTTP(S) response gets our Content-Security-Policy, replacing whatever the server sent.
 *   That covers the dev server; the `app://` handler sets the same header itself because
 *   Electron's header hooks never fire for custom protocols.
 */
export function hardenSession(
  session: HardenableSession,
  contentSecurityPolicy: string,
  log: (message: string) => void,
): void {
  session.setPermissionRequestHandler((_webContents, permission, callback) => {
    log(`[security] denied permission request: ${permission}`)
    callback(false)
  })
  session.setPermissionCheckHandler(() => false)
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: withContentSecurityPolicy(details.responseHeaders ?? {}, contentSecurityPolicy),
    })
  })
}

/** Header names are case-insensitive: drop every spelling of the CSP headers before adding ours. */
function withContentSecurityPolicy(
  headers: Record<string, string[]>,
  policy: string,
): Record<string, string[]> {
  const kept = Object.entries(headers).filter(([name]) => {
    const lower = name.toLowerCase()
    return lower !== 'content-security-policy' && lower !== 'content-security-policy-report-only'
  })
  return { ...Object.fromEntries(kept), 'Content-Security-Policy': [policy] }
}
