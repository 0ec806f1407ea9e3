import type { BuiltInBrokerStatus } from '../../../../shared/built-in-broker'

/** One way to reach the broker, as a device's settings want it. */
export interface DeviceAddress {
  url: string
  host: string
  /** lan: another device on the network can use it; local: only this computer. */
  scope: 'lan' | 'local'
}

export interface DeviceAddresses {
  /** Bound to loopback: no other device can connect, whatever address it tries. */
  localOnly: boolean
  mqtt: DeviceAddress[]
  websocket: DeviceAddress[]
}

const LOOPBACK = /^(127\.|::1$|localhost$|::ffff:127\.)/i

export function isLoopback(address: string): boolean {
  return LOOPBACK.test(address)
}

function isIpv6(address: string): boolean {
  return address.includes(':')
}

/**
 * Link-local IPv6 (fe80::/10) needs the zone of the interface (`%eth0`) that a device cannot know,
 * so such an address would only mislead; every other address is offered.
 */
function isLinkLocalV6(address: string): boolean {
  return /^fe[89ab][0-9a-f]:/i.test(address)
}

/** The host part of a URL: IPv6 in brackets. */
export function urlHost(address: string): string {
  return isIpv6(address) ? `[${address}]` : address
}

/**
 * The LAN addresses a device can use, IPv4 first (a Pico W or an ESP32 speaks IPv4 only), then
 * global IPv6, each once and in the order the core gave them.
 */
export function usableLanAddresses(lanAddresses: readonly string[]): string[] {
  const seen = new Set<string>()
  const v4: string[] = []
  const v6: string[] = []
  for (const a of lanAddresses) {
    if (seen.has(a) || isLoopback(a) || isLinkLocalV6(a)) continue
    seen.add(a)
    ;(isIpv6(a) ? v6 : v4).push(a)
  }
  return [...v4, ...v6]
}

/**
 * Where a device connects to the running broker: `mqtt://<lan address>:<port>` for each LAN address
 * when it listens beyond loopback, and this computer's own address in every case (a script or a
 * second app here). WebSocket URLs follow the same rule with the `/mqtt` path. Empty while stopped.
 */
export function deviceAddresses(
  status: Pick<BuiltInBrokerStatus, 'state' | 'bindAddress' | 'port' | 'websocketPort' | 'lanAddresses'>,
): DeviceAddresses {
  if (status.state !== 'running' || status.port === null || status.bindAddress === null) {
    return { localOnly: true, mqtt: [], websocket: [] }
  }
  const localOnly = isLoopback(status.bindAddress)
  const hosts: { host: string; scope: DeviceAddress['scope'] }[] = [
    ...(localOnly
      ? []
      : usableLanAddresses(status.lanAddresses).map((host) => ({ host, scope: 'lan' as const }))),
    { host: '127.0.0.1', scope: 'local' },
  ]
  const at = (scheme: string, port: number, path: string) =>
    hosts.map(({ host, scope }) => ({ url: `${scheme}://${urlHost(host)}:${port}${path}`, host, scope }))
  return {
    localOnly,
    mqtt: at('mqtt', status.port, ''),
    websocket: status.websocketPort === null ? [] : at('ws', status.websocketPort, '/mqtt'),
  }
}

/**
 * The host a device on the network should be given (the guide's snippet): the first LAN IPv4
 * address, else any LAN address, else this computer (which only a program here can use).
 */
export function deviceHost(lanAddresses: readonly string[]): { host: string; lan: boolean } {
  const first = usableLanAddresses(lanAddresses)[0]
  return first ? { host: first, lan: true } : { host: '127.0.0.1', lan: false }
}
