import { networkInterfaces, type NetworkInterfaceInfo } from 'node:os'

/**
 * The addresses a device on the LAN can reach this machine at: every non-internal address, IPv4
 * first. IPv6 link-local addresses (fe80::/10) are left out: they only work with an interface
 * name attached, which no device's MQTT settings take.
 */
export function lanAddresses(
  interfaces: NodeJS.Dict<NetworkInterfaceInfo[]> = networkInterfaces(),
): string[] {
  const v4: string[] = []
  const v6: string[] = []
  for (const list of Object.values(interfaces)) {
    for (const info of list ?? []) {
      if (info.internal) continue
      if (info.family === 'IPv4') v4.push(info.address)
      else if (!/^fe[89ab]/i.test(info.address)) v6.push(info.address)
    }
  }
  return [...new Set([...v4, ...v6])]
}

/** host:port as a socket's peer is written; IPv4-mapped IPv6 addresses shown as the IPv4 they are. */
export function peerAddress(address: string | undefined, port: number | undefined): string {
  if (!address) return 'unknown'
  const host = address.startsWith('::ffff:') && address.includes('.') ? address.slice(7) : address
  const shown = host.includes(':') ? `[${host}]` : host
  return port === undefined ? shown : `${shown}:${port}`
}
