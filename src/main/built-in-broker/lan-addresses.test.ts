import type { NetworkInterfaceInfo } from 'node:os'
import { describe, expect, it } from 'vitest'
import { lanAddresses, peerAddress } from './lan-addresses'

const iface = (address: string, family: 'IPv4' | 'IPv6', internal = false) =>
  ({ address, family, internal, netmask: '', mac: '', cidr: null }) as unknown as NetworkInterfaceInfo

describe('lanAddresses', () => {
  it('lists non-internal addresses, IPv4 first, without link-local IPv6 or duplicates', () => {
    expect(
      lanAddresses({
        lo: [iface('127.0.0.1', 'IPv4', true), iface('::1', 'IPv6', true)],
        eth0: [
          iface('fe80::1c2:3ff:fe4:5', 'IPv6'),
          iface('2001:db8::10', 'IPv6'),
          iface('192.168.1.20', 'IPv4'),
        ],
        wlan0: [iface('10.0.0.7', 'IPv4'), iface('192.168.1.20', 'IPv4')],
        down: undefined,
      }),
    ).toEqual(['192.168.1.20', '10.0.0.7', '2001:db8::10'])
  })
})

describe('peerAddress', () => {
  it('writes host:port, IPv6 in brackets, IPv4-mapped addresses as IPv4', () => {
    expect(peerAddress('192.168.1.30', 51234)).toBe('192.168.1.30:51234')
    expect(peerAddress('::ffff:127.0.0.1', 4000)).toBe('127.0.0.1:4000')
    expect(peerAddress('2001:db8::10', 4000)).toBe('[2001:db8::10]:4000')
    expect(peerAddress(undefined, undefined)).toBe('unknown')
  })
})
