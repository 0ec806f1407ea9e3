import { describe, expect, it } from 'vitest'
import { clientCount, listenLine } from './broker-state-text'

describe('the broker’s state in words', () => {
  it('says where it listens and who can reach it', () => {
    expect(listenLine({ bindAddress: '127.0.0.1', port: 1883, websocketPort: null })).toBe(
      'port 1883 on this computer only (127.0.0.1)',
    )
    expect(listenLine({ bindAddress: '0.0.0.0', port: 1884, websocketPort: 9001 })).toBe(
      'port 1884, WebSocket on 9001 on every network interface (0.0.0.0)',
    )
    expect(listenLine({ bindAddress: null, port: null, websocketPort: null })).toBe('not listening')
  })

  it('counts clients', () => {
    expect([0, 1, 2].map(clientCount)).toEqual(['no clients', '1 client', '2 clients'])
  })
})
