/**
 * The renderer's Content-Security-Policy, the same for the Electron shell (`app://`) and the web
 * host (`http://127.0.0.1`). No 'unsafe-eval' and no inline scripts; inline styles are allowed
 * because the component library sets style attributes. `connect-src 'self'` covers the web host's
 * own WebSocket (CSP 3 matches ws: to the page's host).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "worker-src 'self' blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ')
