import type { BrokerClient, DisconnectReason } from '../../shared/built-in-broker'
import type { Ending } from './disconnect-reason'

/** The lines of the built-in broker's timeline, as the user reads them. */
type BrokerWill = NonNullable<BrokerClient['will']>

export function versionName(protocolVersion: number): string {
  if (protocolVersion === 3) return 'MQTT 3.1'
  if (protocolVersion === 4) return 'MQTT 3.1.1'
  if (protocolVersion === 5) return 'MQTT 5'
  return `MQTT level ${protocolVersion}`
}

export function sizeText(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`
}

function flags(qos: number, retain: boolean): string {
  return `QoS ${qos}${retain ? ', retained' : ''}`
}

export function connectText(c: {
  protocolVersion: number
  keepalive: number
  cleanSession: boolean
  username: string | null
  will: BrokerWill | null
}): string {
  const parts = [
    versionName(c.protocolVersion),
    c.keepalive > 0 ? `keepalive ${c.keepalive} s` : 'no keepalive',
    c.protocolVersion === 5
      ? c.cleanSession
        ? 'clean start'
        : 'resumes its session'
      : c.cleanSession
        ? 'clean session'
        : 'persistent session',
  ]
  if (c.username !== null) parts.push(`user ${c.username}`)
  if (c.will)
    parts.push(`will on ${c.will.topic} (${sizeText(c.will.size)}, ${flags(c.will.qos, c.will.retain)})`)
  else parts.push('no will')
  return `connected: ${parts.join(', ')}`
}

export function refusedText(meaning: string, codeLabel: string): string {
  return `refused: ${meaning} (${codeLabel})`
}

export function publishText(topic: string, size: number, qos: number, retain: boolean): string {
  return `published ${topic} (${sizeText(size)}, ${flags(qos, retain)})`
}

/** aedes reports a refused subscription with QoS 128 (0x80), as SUBACK does on MQTT 3.1.1. */
export function subscribeText(subscriptions: { topic: string; qos: number }[]): string {
  const list = subscriptions.map((s) => `${s.topic} (${s.qos >= 0x80 ? 'refused' : `QoS ${s.qos}`})`)
  return `subscribed to ${list.join(', ')}`
}

export function unsubscribeText(topics: string[]): string {
  return `unsubscribed from ${topics.join(', ')}`
}

export function willText(
  will: { topic: string; size: number; qos: number; retain: boolean },
  cause: string,
): string {
  return `will published on ${will.topic} (${sizeText(will.size)}, ${flags(will.qos, will.retain)}): ${cause}`
}

export function keepaliveText(keepalive: number): string {
  return `keepalive timeout: no packet for 1.5 × ${keepalive} s, the broker closes the connection`
}

const REASON_TEXT: Record<DisconnectReason, string> = {
  clean: 'the client sent DISCONNECT',
  'keepalive-timeout': 'keepalive timeout',
  'socket-error': 'socket error',
  'protocol-error': 'protocol error',
  'taken-over': 'taken over',
  refused: 'refused',
  'broker-stopped': 'the broker stopped',
}

export function disconnectText(ending: Ending): string {
  return `disconnected: ${REASON_TEXT[ending.reason]}${ending.detail ? ` (${ending.detail})` : ''}`
}
