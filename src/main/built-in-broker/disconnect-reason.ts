import type { DisconnectReason } from '../../shared/built-in-broker'

/**
 * What was seen of a connection before it closed. aedes reports an ending in several pieces (a
 * `keepaliveTimeout` event, an error, a DISCONNECT packet, a takeover, a refused CONNACK), in an
 * order that depends on the cause; the connection collects them and the reason is decided once,
 * from all of them, when the socket closes (or earlier, when a will goes out and has to say why).
 */
export interface DisconnectSignals {
  /** The client sent DISCONNECT (`withWill`: MQTT 5 reason 0x04, "disconnect with will message"). */
  disconnectPacket: { withWill: boolean; reasonCode: number } | null
  keepaliveTimeout: boolean
  /** Another connection with the same client id was accepted. */
  takenOver: boolean
  /** The CONNACK refused the CONNECT: the code's meaning. */
  refused: string | null
  /** The client broke the protocol: the parser's (or aedes's) words. */
  protocolError: string | null
  /** The socket failed (reset, broken pipe, a stalled reader): Node's words. */
  socketError: string | null
  /** The broker is stopping and closes every connection. */
  brokerStopping: boolean
}

export function noSignals(): DisconnectSignals {
  return {
    disconnectPacket: null,
    keepaliveTimeout: false,
    takenOver: false,
    refused: null,
    protocolError: null,
    socketError: null,
    brokerStopping: false,
  }
}

export interface Ending {
  reason: DisconnectReason
  detail: string | null
}

/** Said of a socket that closed without an error and without a DISCONNECT (a FIN, a killed process). */
export const CLOSED_WITHOUT_DISCONNECT = 'the client closed the connection without DISCONNECT'

/**
 * Why a connection ended. The order matters: a refused client's socket is closed by the broker (no
 * DISCONNECT), a keepalive timeout comes with an error, a stopping broker or a takeover closes a
 * healthy connection; so the cause the broker itself acted on wins over what followed from it.
 */
export function classifyEnding(s: DisconnectSignals): Ending {
  if (s.refused !== null) return { reason: 'refused', detail: s.refused }
  if (s.takenOver) return { reason: 'taken-over', detail: 'a new connection came with the same client id' }
  if (s.keepaliveTimeout) return { reason: 'keepalive-timeout', detail: null }
  if (s.disconnectPacket) {
    const { withWill, reasonCode } = s.disconnectPacket
    if (withWill) return { reason: 'clean', detail: 'DISCONNECT with will message (0x04): the will was sent' }
    return { reason: 'clean', detail: reasonCode > 0 ? `DISCONNECT reason 0x${hex2(reasonCode)}` : null }
  }
  if (s.brokerStopping) return { reason: 'broker-stopped', detail: null }
  if (s.protocolError !== null) return { reason: 'protocol-error', detail: s.protocolError }
  if (s.socketError !== null) return { reason: 'socket-error', detail: s.socketError }
  return { reason: 'socket-error', detail: CLOSED_WITHOUT_DISCONNECT }
}

export type ErrorKind = 'socket' | 'keepalive' | 'protocol'

/**
 * Tells a socket's failure from a protocol violation. Node's network errors carry a `code`
 * (ECONNRESET, EPIPE, ETIMEDOUT…); aedes's own socket-level failures are "drain timeout" (a client
 * that stopped reading) and "connection closed". Everything else aedes or mqtt-packet raises is
 * about the bytes the client sent.
 */
export function errorKind(err: Error): ErrorKind {
  const code = (err as { code?: unknown }).code
  if (typeof code === 'string' && /^E[A-Z0-9_]+$/.test(code)) return 'socket'
  if (err.message === 'keep alive timeout') return 'keepalive'
  if (/^(drain timeout|connection closed)$/.test(err.message)) return 'socket'
  return 'protocol'
}

/** Why the broker published a client's will, in the words of the timeline. */
export function willCause(s: DisconnectSignals, keepalive: number): string {
  if (s.disconnectPacket?.withWill) return 'the client asked for it (DISCONNECT with will message)'
  if (s.takenOver) return 'the connection was taken over by a new one with the same client id'
  if (s.keepaliveTimeout) return `keepalive timeout: no packet for 1.5 × ${keepalive} s`
  if (s.brokerStopping) return 'the broker stopped'
  if (s.protocolError !== null) return `protocol error: ${s.protocolError}`
  if (s.socketError !== null) return `socket error: ${s.socketError}`
  return CLOSED_WITHOUT_DISCONNECT
}

/**
 * A hint for bytes that are not MQTT at all: the usual mistakes are TLS or HTTP sent to the plain
 * MQTT port (a device configured for mqtts://, a browser or a WebSocket client on the TCP port).
 */
export function notMqttHint(firstBytes: Uint8Array): string | null {
  if (firstBytes.length >= 2 && firstBytes[0] === 0x16 && firstBytes[1] === 0x03)
    return 'a TLS handshake: the client uses TLS (mqtts), this port is plain MQTT'
  const start = String.fromCharCode(...firstBytes.subarray(0, 8))
  if (/^(GET|POST|PUT|HEAD|OPTIONS) /.test(start))
    return 'an HTTP request: a browser or WebSocket client on the plain MQTT port'
  return null
}

function hex2(n: number): string {
  return n.toString(16).padStart(2, '0')
}
