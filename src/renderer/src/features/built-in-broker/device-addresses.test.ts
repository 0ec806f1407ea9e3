import { describe, expect, it } from 'vitest'
import { deviceAddresses, deviceHost, isLoopback, usableLanAddresses } from './device-addresses'

const running = {
  state: 'running' as const,
  bindAddress: '0.0.0.0',
  port: 1884,
  websocketPort: null,
  lanAddresses: ['fe80::1c2:3ff:fe4:5', '2001:db8::7', '192.168.1.20', '10.0.0.5', '192.168.1.20'],
}

describe('the addresses a device connects to', () => {
  it('lists each LAN address when the broker listens beyond loopback, IPv4 first, then this computer', () => {
    const a = deviceAddresses(running)
    expect(a.localOnly).toBe(false)
    expect(a.mqtt.map((x) => x.url)).toEqual([
      'mqtt://192.168.1.20:1884',
      'mqtt://10.0.0.5:1884',
      'mqtt://[2001:db8::7]:1884',
      'mqtt://127.0.0.1:1884',
    ])
    expect(a.mqtt.map((x) => x.scope)).toEqual(['lan', 'lan', 'lan', 'local'])
    expect(a.websocket).toEqual([])
  })

  it('offers only this computer when bound to loopback, whatever LAN addresses the machine has', () => {
    const a = deviceAddresses({ ...running, bindAddress: '127.0.0.1', websocketPort: 9001 })
    expect(a.localOnly).toBe(true)
    expect(a.mqtt.map((x) => x.url)).toEqual(['mqtt://127.0.0.1:1884'])
    expect(a.websocket.map((x) => x.url)).toEqual(['ws://127.0.0.1:9001/mqtt'])
  })

  it('adds WebSocket URLs with the /mqtt path when that listener is on', () => {
    const a = deviceAddresses({ ...running, lanAddresses: ['192.168.1.20'], websocketPort: 9002 })
    expect(a.websocket.map((x) => x.url)).toEqual(['ws://192.168.1.20:9002/mqtt', 'ws://127.0.0.1:9002/mqtt'])
  })

  it('has nothing to offer while the broker is not running', () => {
    expect(deviceAddresses({ ...running, state: 'stopped', port: null, bindAddress: null }).mqtt).toEqual([])
    expect(deviceAddresses({ ...running, state: 'failed' }).mqtt).toEqual([])
  })

  it('drops link-local IPv6, loopback and repeats from the LAN list', () => {
    expect(usableLanAddresses(['127.0.0.1', '::1', 'FE80::1', '192.168.0.2', '192.168.0.2'])).toEqual([
      '192.168.0.2',
    ])
    expect(isLoopback('127.0.1.1')).toBe(true)
    expect(isLoopback('0.0.0.0')).toBe(false)
  })

  it('gives the guide a LAN IPv4 host, or this computer when the machine has none', () => {
    expect(deviceHost(running.lanAddresses)).toEqual({ host: '192.168.1.20', lan: true })
    expect(deviceHost(['2001:db8::7'])).toEqual({ host: '2001:db8::7', lan: true })
    expect(deviceHost([])).toEqual({ host: '127.0.0.1', lan: false })
  })
})
