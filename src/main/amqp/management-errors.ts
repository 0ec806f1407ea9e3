import { describeError } from '../connections/broker-link'

/**
 * Why the management API could not be used, in plain words with the server's or socket's own text.
 * The message goes to the user as is (`management.error`), so it never holds the password.
 */
export class ManagementError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'ManagementError'
  }
}

/** What was asked, for the texts: the base URL, the request path and, for vhost lists, the vhost. */
export interface ManagementRequest {
  url: string
  path: string
  username: string
  vhost: string | null
}

/** fetch's rejection: a timeout, or a socket failure hidden in `cause` behind "fetch failed". */
export function unreachable(req: ManagementRequest, err: unknown, timeoutMs: number): ManagementError {
  const name = (err as { name?: unknown } | null)?.name
  if (name === 'TimeoutError' || name === 'AbortError') {
    return new ManagementError(`Management API at ${req.url} did not answer in ${seconds(timeoutMs)}`)
  }
  const cause = (err as { cause?: unknown } | null)?.cause
  return new ManagementError(
    `Management API at ${req.url} could not be reached: ${describeError(cause ?? err)}`,
  )
}

const seconds = (ms: number) => `${Math.round(ms / 100) / 10} s`

/** An HTTP answer other than 200, with the reason the body gives. */
export function refusedStatus(
  req: ManagementRequest,
  status: number,
  statusText: string,
  body: string,
  contentType: string,
): ManagementError {
  const reason = bodyReason(body, contentType)
  const because = reason ? `: ${reason}` : ''
  if (status === 401) {
    return new ManagementError(
      `Management API at ${req.url}: user "${req.username}" was refused (401)${because}`,
    )
  }
  if (status === 404 && req.vhost !== null) {
    return new ManagementError(
      `Management API at ${req.url}: virtual host "${req.vhost}" was not found (404)${because}`,
    )
  }
  if (status === 404) {
    return new ManagementError(
      `${req.url} is not the RabbitMQ management API: ${req.path} was not found (404)${because}`,
    )
  }
  const code = statusText ? `${status} ${statusText}` : String(status)
  return new ManagementError(`Management API at ${req.url} answered ${req.path} with ${code}${because}`)
}

/** A 200 whose body is not JSON: a web page, a proxy's login form, another service on that port. */
export function notJson(req: ManagementRequest, body: string, contentType: string): ManagementError {
  const title = htmlTitle(body)
  const what = title !== null ? `a page titled "${title}"` : contentType || 'no content type'
  return new ManagementError(
    `${req.url} is not the RabbitMQ management API: ${req.path} answered with ${what}, not JSON`,
  )
}

/** JSON, but not shaped as the management API answers (`detail`: where and what, from zod). */
export function unexpectedJson(req: ManagementRequest, detail: string): ManagementError {
  return new ManagementError(
    `${req.url} does not answer as the RabbitMQ management API does: ${req.path} sent ${detail}`,
  )
}

const MAX_REASON = 300

/**
 * The reason in an error body: RabbitMQ sends `{"error": "not_authorized", "reason": "Login failed"}`;
 * a proxy in front of it sends a page, whose title says it; plain text is taken as it is.
 */
export function bodyReason(body: string, contentType: string): string {
  const text = body.trim()
  if (text === '') return ''
  if (/json/i.test(contentType) || /^[{[]/.test(text)) {
    try {
      const parsed = JSON.parse(text) as { error?: unknown; reason?: unknown } | null
      const reason = parsed?.reason ?? parsed?.error
      if (typeof reason === 'string' && reason !== '') return clip(reason)
    } catch {
      // Not JSON after all: fall through to the page and text rules.
    }
  }
  const title = htmlTitle(text)
  if (title !== null) return title
  if (/^<!doctype|^<html/i.test(text)) return ''
  return clip(text.replace(/\s+/g, ' '))
}

function htmlTitle(body: string): string | null {
  const title = /<title[^>]*>([^<]*)<\/title>/i.exec(body)?.[1]?.replace(/\s+/g, ' ').trim()
  return title ? clip(title) : null
}

const clip = (text: string) => (text.length > MAX_REASON ? `${text.slice(0, MAX_REASON)}…` : text)

/**
 * Belt and braces: the texts above never include credentials, but a server could echo what it was
 * sent. Passwords shorter than 4 characters are left alone: they would match ordinary words.
 */
export function withoutSecret(text: string, secret: string): string {
  return secret.length >= 4 ? text.split(secret).join('***') : text
}
