import { describe, expect, it } from 'vitest'
import { keepaliveLabel, isUnplanned, mqttVersionLabel, reasonWords, willSent } from './disconnect-words'

const will = { topic: 'pico/status', preview: 'offline', size: 7, qos: 1, retain: true }

describe('disconnect reasons in words', () => {
  it('spells out the keepalive rule with the client’s own keepalive, and says whether the will went out', () => {
    expect(
      reasonWords({ keepalive: 5, will, disconnectReason: 'keepalive-timeout', disconnectDetail: null }),
    ).toBe('keepalive timeout: no packet for 1.5 × 5 s, the broker closed it and sent the will')
    expect(
      reasonWords({
        keepalive: 2,
        will: null,
        disconnectReason: 'keepalive-timeout',
        disconnectDetail: null,
      }),
    ).toBe('keepalive timeout: no packet for 1.5 × 2 s, the broker closed it (no will was set)')
  })

  it('quotes the core’s detail for socket errors and refusals', () => {
    expect(
      reasonWords({
        keepalive: 5,
        will,
        disconnectReason: 'socket-error',
        disconnectDetail: 'read ECONNRESET',
      }),
    ).toBe('socket error: read ECONNRESET, the broker sent the will')
    expect(
      reasonWords({
        keepalive: 5,
        will: null,
        disconnectReason: 'refused',
        disconnectDetail: 'bad user name or password',
      }),
    ).toBe('refused: bad user name or password')
  })

  it('falls back to a sentence of its own when there is no detail', () => {
    expect(
      reasonWords({ keepalive: 5, will: null, disconnectReason: 'socket-error', disconnectDetail: '  ' }),
    ).toBe('socket error: the connection closed without a DISCONNECT')
    expect(
      reasonWords({ keepalive: 5, will: null, disconnectReason: 'refused', disconnectDetail: null }),
    ).toBe('refused: the broker refused the CONNECT')
  })

  it('names the planned endings plainly', () => {
    const base = { keepalive: 60, will: null, disconnectDetail: null }
    expect(reasonWords({ ...base, disconnectReason: 'clean' })).toBe(
      'clean disconnect: the client sent DISCONNECT',
    )
    expect(reasonWords({ ...base, will, disconnectReason: 'clean' })).toContain('its will was not sent')
    expect(reasonWords({ ...base, disconnectReason: 'taken-over' })).toBe(
      'taken over by a new connection with the same client id',
    )
    expect(reasonWords({ ...base, will, disconnectReason: 'taken-over' })).toBe(
      'taken over by a new connection with the same client id, the broker sent the will',
    )
    expect(reasonWords({ ...base, disconnectReason: 'broker-stopped' })).toBe('broker stopped')
    // an MQTT 5 client may close cleanly and still ask for its will; the core's detail says so
    expect(
      reasonWords({
        ...base,
        will,
        disconnectReason: 'clean',
        disconnectDetail: 'DISCONNECT with will message (0x04): the will was sent',
      }),
    ).toBe('clean disconnect: DISCONNECT with will message (0x04): the will was sent')
    expect(reasonWords({ ...base, disconnectReason: null })).toBe('still connected')
  })

  it('marks only the endings a device did not choose as unplanned', () => {
    expect(isUnplanned('keepalive-timeout')).toBe(true)
    expect(isUnplanned('socket-error')).toBe(true)
    expect(isUnplanned('refused')).toBe(true)
    expect(isUnplanned('clean')).toBe(false)
    expect(isUnplanned('broker-stopped')).toBe(false)
  })

  it('labels protocol levels and keepalives', () => {
    expect([3, 4, 5, 6].map(mqttVersionLabel)).toEqual(['3.1', '3.1.1', '5', 'level 6'])
    expect(keepaliveLabel(0)).toBe('off')
    expect(keepaliveLabel(60)).toBe('60 s')
  })

  it('says the will went out only for endings that send it', () => {
    const d = { disconnectDetail: null }
    expect(willSent({ ...d, will, disconnectReason: 'keepalive-timeout' })).toBe(true)
    expect(willSent({ ...d, will, disconnectReason: 'socket-error' })).toBe(true)
    expect(willSent({ ...d, will, disconnectReason: 'taken-over' })).toBe(true)
    expect(willSent({ ...d, will, disconnectReason: 'clean' })).toBe(false)
    expect(
      willSent({
        will,
        disconnectReason: 'clean',
        disconnectDetail: 'DISCONNECT with will message (0x04): the will was sent',
      }),
    ).toBe(true)
    expect(willSent({ ...d, will, disconnectReason: 'refused' })).toBe(false)
    expect(willSent({ ...d, will: null, disconnectReason: 'socket-error' })).toBe(false)
    expect(willSent({ ...d, will, disconnectReason: null })).toBe(false)
  })
})
