/**
 * What the AMQP workspace cannot show without the management API, and what to try, read from the
 * reason it was not used. AMQP 0-9-1 has no way to list anything: only names the user gives can be
 * checked (a passive declare answers "exists, N ready, M consumers" or 404).
 */

export const WITHOUT_MANAGEMENT = [
  'the list of exchanges and queues (only the names you watch are checked)',
  'exchange types and flags, bindings, and message rates',
  'unacknowledged counts and queue states (only the ready count is known)',
  'other virtual hosts',
] as const

/** A hint for the usual reasons; null when the reason says it all. */
export function managementHint(error: string | null): string | null {
  if (error === null) return null
  const e = error.toLowerCase()
  if (/\b401\b|unauthori[sz]ed|not_authori[sz]ed/.test(e))
    return 'The management API refused the credentials: set a management user (and its password) in the profile, or give the AMQP user the "monitoring" tag.'
  if (/econnrefused|refused/.test(e))
    return 'Nothing answers there: enable the rabbitmq_management plugin, or set the management URL in the profile (default port 15672).'
  if (/enotfound|eai_again|getaddrinfo/.test(e))
    return 'The host name does not resolve: check the management URL in the profile.'
  if (/timed? ?out|etimedout/.test(e))
    return 'No answer in time: a firewall may drop the port, or the URL points elsewhere.'
  if (/certificate|self[- ]signed|tls|ssl/.test(e))
    return 'The TLS handshake failed: check the profile’s CA, or the https:// in the management URL.'
  return null
}
