import type { BrokerClient, DisconnectReason } from '../../../../shared/built-in-broker'

/**
 * Why a connection to the built-in broker ended, in words a device owner reads without knowing the
 * MQTT specification: the reason the core recorded, the client's keepalive and whether it had a will
 * (so the sentence can say whether the broker sent it), and the core's own detail (the socket error,
 * the refusal) quoted as it came.
 */

type Ended = Pick<BrokerClient, 'keepalive' | 'will' | 'disconnectReason' | 'disconnectDetail'>

/** A few words for a table cell or a badge. */
export const REASON_SHORT: Record<DisconnectReason, string> = {
  clean: 'clean disconnect',
  'keepalive-timeout': 'keepalive timeout',
  'socket-error': 'socket error',
  'protocol-error': 'protocol error',
  'taken-over': 'taken over',
  refused: 'refused',
  'broker-stopped': 'broker stopped',
}

/** Whether the ending is one the device did not choose (worth a red mark, not a grey one). */
export function isUnplanned(reason: DisconnectReason): boolean {
  return reason !== 'clean' && reason !== 'broker-stopped'
}

/** Seconds as the keepalive field is written: "5 s", "1.5 s"; whole numbers without decimals. */
function seconds(n: number): string {
  return `${Number.isInteger(n) ? n : n.toFixed(1)} s`
}

/**
 * Whether the broker published the client's will when this connection ended. MQTT sends it for every
 * ending but a normal DISCONNECT and a refused CONNECT (which never started a session); an MQTT 5
 * client may ask for it in its DISCONNECT (reason 0x04), which the core's detail then says.
 */
export function willSent(
  client: Pick<BrokerClient, 'will' | 'disconnectReason' | 'disconnectDetail'>,
): boolean {
  const r = client.disconnectReason
  if (client.will === null || r === null || r === 'refused') return false
  if (r === 'clean') return /will was sent/i.test(client.disconnectDetail ?? '')
  return true
}

/** The full sentence, e.g. "keepalive timeout: no packet for 1.5 × 5 s, the broker closed it and sent the will". */
export function reasonWords(client: Ended): string {
  const reason = client.disconnectReason
  const detail = client.disconnectDetail?.trim() || null
  const will = willSent(client) ? ', the broker sent the will' : ''
  switch (reason) {
    case null:
      return 'still connected'
    case 'clean':
      if (detail) return `clean disconnect: ${detail}`
      return client.will
        ? 'clean disconnect: the client sent DISCONNECT, so its will was not sent'
        : 'clean disconnect: the client sent DISCONNECT'
    case 'keepalive-timeout':
      return client.will
        ? `keepalive timeout: no packet for 1.5 × ${seconds(client.keepalive)}, the broker closed it and sent the will`
        : `keepalive timeout: no packet for 1.5 × ${seconds(client.keepalive)}, the broker closed it (no will was set)`
    case 'socket-error':
      return `socket error: ${detail ?? 'the connection closed without a DISCONNECT'}${will}`
    case 'protocol-error':
      return `protocol error: ${detail ?? 'the client sent something that is not MQTT'}${will}`
    case 'taken-over':
      return `taken over by a new connection with the same client id${will}`
    case 'refused':
      return `refused: ${detail ?? 'the broker refused the CONNECT'}`
    case 'broker-stopped':
      return `broker stopped${will}`
  }
}

/** "3.1", "3.1.1", "5"; an unknown level as its number. */
export function mqttVersionLabel(protocolVersion: number): string {
  if (protocolVersion === 3) return '3.1'
  if (protocolVersion === 4) return '3.1.1'
  if (protocolVersion === 5) return '5'
  return `level ${protocolVersion}`
}

/** "5 s", or "off" for 0 (the broker never times the client out). */
export function keepaliveLabel(keepalive: number): string {
  return keepalive === 0 ? 'off' : seconds(keepalive)
}
