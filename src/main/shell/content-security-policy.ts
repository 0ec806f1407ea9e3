import { CONTENT_SECURITY_POLICY } from '../../shared/content-security-policy'

/**
 * The window's Content-Security-Policy: the shared one (also sent by the web host), unchanged
 * unless there is a dev server.
 *
 * Development only: vite's HMR client opens a WebSocket to the dev server, and
 * @vitejs/plugin-react injects its Fast Refresh preamble as an inline module script, which needs
 * `'unsafe-inline'` in script-src. A production build has neither and never gets this policy; no
 * variant ever allows eval.
 */
export function contentSecurityPolicy(devServerOrigin?: string): string {
  if (!devServerOrigin) return CONTENT_SECURITY_POLICY
  const socketOrigin = devServerOrigin.replace(/^http/, 'ws')
  return CONTENT_SECURITY_POLICY.replace(
    "script-src 'self'",
    `script-src 'self' ${devServerOrigin} 'unsafe-inline'`,
  ).replace("connect-src 'self'", `connect-src 'self' ${devServerOrigin} ${socketOrigin}`)
}
