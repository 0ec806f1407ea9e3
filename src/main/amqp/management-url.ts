import type { AmqpConfig, Secrets } from '../../shared/profiles'

/** Where the management plugin listens by default: 15672 over HTTP, 15671 over HTTPS. */
const DEFAULT_PORTS = { http: 15672, https: 15671 } as const

/** Where and as whom to ask the management API. `url` is safe to show: it never holds credentials. */
export interface ManagementTarget {
  /** Base URL without credentials, query or fragment, and without a trailing slash. */
  url: string
  username: string
  password: string
}

/** A management URL that cannot be used, with the URL as safe to show (credentials cut out). */
export class ManagementUrlError extends Error {
  constructor(readonly url: string) {
    super(`The management URL "${url}" in the profile is not a valid URL`)
    this.name = 'ManagementUrlError'
  }
}

/**
 * The management API's base URL and credentials for an AMQP profile.
 *
 * The URL is the profile's `managementUrl`, else derived from the AMQP host (`http://host:15672`,
 * or `https://host:15671` when AMQP runs over TLS). What users paste is tidied: the UI's `#/` and a
 * trailing `/api` are dropped, so both the page URL and the API URL work. Credentials in the URL
 * are taken out (fetch refuses such URLs, and the URL is shown to the user) and count only where
 * the profile names none: the management user is `managementUsername`, else the URL's, else the
 * AMQP user; the password is the `managementPassword` secret, else the URL's, else the AMQP one.
 */
export function managementTarget(config: AmqpConfig, secrets: Secrets): ManagementTarget {
  const given = config.managementUrl.trim()
  const raw = given === '' ? derivedUrl(config) : given
  let parsed: URL
  try {
    parsed = new URL(raw)
  } catch {
    throw new ManagementUrlError(withoutCredentials(raw))
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new ManagementUrlError(withoutCredentials(raw))
  }
  const urlUser = decoded(parsed.username)
  const urlPassword = decoded(parsed.password)
  const path = parsed.pathname.replace(/\/+$/, '').replace(/\/api$/, '')
  return {
    url: `${parsed.origin}${path}`,
    username: config.managementUsername || urlUser || config.username,
    password: secrets.managementPassword ?? (urlPassword || (secrets.password ?? '')),
  }
}

function derivedUrl(config: AmqpConfig): string {
  const scheme = config.scheme === 'amqps' ? 'https' : 'http'
  return `${scheme}://${urlHost(config.host)}:${DEFAULT_PORTS[scheme]}`
}

/** An IPv6 address goes in brackets in a URL; names, IPv4 and bracketed addresses stay as they are. */
export function urlHost(host: string): string {
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host
}

/** URL user info is percent-encoded; a stray `%` that is not an escape stays as typed. */
function decoded(part: string): string {
  try {
    return decodeURIComponent(part)
  } catch {
    return part
  }
}

/** `scheme://user:password@host` → `scheme://host`, for text that could not be parsed as a URL. */
function withoutCredentials(raw: string): string {
  return raw.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/@]*@/i, '$1')
}
