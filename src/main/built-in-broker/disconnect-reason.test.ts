import { describe, expect, it } from 'vitest'
import {
  classifyEnding,
  CLOSED_WITHOUT_DISCONNECT,
  errorKind,
  noSignals,
  notMqttHint,
  willCause,
  type DisconnectSignals,
} from './disconnect-reason'

const signals = (s: Partial<DisconnectSignals>): DisconnectSignals => ({ ...noSignals(), ...s })
const withCode = (message: string, code: string) => Object.assign(new Error(message), { code })

describe('classifyEnding', () => {
  it('reads a DISCONNECT as clean, and says when an MQTT 5 client asked for its will', () => {
    expect(classifyEnding(signals({ disconnectPacket: { withWill: false, reasonCode: 0 } }))).toEqual({
      reason: 'clean',
      detail: null,
    })
    expect(classifyEnding(signals({ disconnectPacket: { withWill: true, reasonCode: 4 } })).detail).toContain(
      '0x04',
    )
    expect(classifyEnding(signals({ disconnectPacket: { withWill: false, reasonCode: 0x8d } })).detail).toBe(
      'DISCONNECT reason 0x8d',
    )
  })

  it('names a keepalive timeout even though aedes also reports it as an error', () => {
    expect(classifyEnding(signals({ keepaliveTimeout: true, protocolError: 'keep alive timeout' }))).toEqual({
      reason: 'keepalive-timeout',
      detail: null,
    })
  })

  it('gives the socket’s own words, or says the socket closed without DISCONNECT', () => {
    expect(classifyEnding(signals({ socketError: 'read ECONNRESET' }))).toEqual({
      reason: 'socket-error',
      detail: 'read ECONNRESET',
    })
    expect(classifyEnding(noSignals())).toEqual({ reason: 'socket-error', detail: CLOSED_WITHOUT_DISCONNECT })
  })

  it('puts what the broker did first: a refusal, a takeover or a stop explain the close that followed', () => {
    expect(classifyEnding(signals({ refused: 'not authorized', socketError: 'x' }))).toEqual({
      reason: 'refused',
      detail: 'not authorized',
    })
    expect(classifyEnding(signals({ takenOver: true, socketError: 'x' })).reason).toBe('taken-over')
    expect(classifyEnding(signals({ brokerStopping: true })).reason).toBe('broker-stopped')
    expect(classifyEnding(signals({ brokerStopping: true, socketError: 'write EPIPE' })).reason).toBe(
      'broker-stopped',
    )
  })

  it('tells a protocol error from a socket error', () => {
    expect(classifyEnding(signals({ protocolError: 'Invalid header flag bits' }))).toEqual({
      reason: 'protocol-error',
      detail: 'Invalid header flag bits',
    })
  })
})

describe('errorKind', () => {
  it('sorts Node network errors and aedes’s socket failures as socket errors', () => {
    expect(errorKind(withCode('read ECONNRESET', 'ECONNRESET'))).toBe('socket')
    expect(errorKind(withCode('write EPIPE', 'EPIPE'))).toBe('socket')
    expect(errorKind(new Error('drain timeout'))).toBe('socket')
  })
  it('knows aedes’s keepalive error, and takes the rest as protocol errors', () => {
    expect(errorKind(new Error('keep alive timeout'))).toBe('keepalive')
    expect(errorKind(new Error('Invalid header flag bits, must be 0x0 for puback packet'))).toBe('protocol')
    expect(errorKind(new Error('Invalid protocol'))).toBe('protocol')
    expect(errorKind(withCode('bad', 'not-a-node-code'))).toBe('protocol')
  })
})

describe('willCause', () => {
  it('says why the broker sent the will', () => {
    expect(willCause(signals({ keepaliveTimeout: true }), 5)).toBe(
      'keepalive timeout: no packet for 1.5 × 5 s',
    )
    expect(willCause(signals({ socketError: 'read ECONNRESET' }), 5)).toBe('socket error: read ECONNRESET')
    expect(willCause(noSignals(), 60)).toBe(CLOSED_WITHOUT_DISCONNECT)
    expect(willCause(signals({ disconnectPacket: { withWill: true, reasonCode: 4 } }), 60)).toContain(
      'asked for it',
    )
    expect(willCause(signals({ takenOver: true }), 60)).toContain('taken over')
  })
})

describe('notMqttHint', () => {
  it('recognises TLS and HTTP sent to the plain port', () => {
    expect(notMqttHint(Uint8Array.from([0x16, 0x03, 0x01, 0x02, 0x00]))).toContain('TLS')
    expect(notMqttHint(Buffer.from('GET /mqtt HTTP/1.1\r\n'))).toContain('HTTP')
  })
  it('says nothing about bytes it does not know', () => {
    expect(notMqttHint(Uint8Array.from([0x10, 0x0c]))).toBeNull()
    expect(notMqttHint(new Uint8Array(0))).toBeNull()
  })
})
