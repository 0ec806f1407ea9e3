/** SUBACK reason codes (MQTT 5 §3.9.3; 3.1.1 knows only 0x80 "Failure"). */
const REASONS: Record<number, string> = {
  0x80: 'Unspecified error',
  0x83: 'Implementation specific error',
  0x87: 'Not authorized',
  0x8f: 'Topic Filter invalid',
  0x91: 'Packet Identifier in use',
  0x97: 'Quota exceeded',
  0x9e: 'Shared Subscriptions not supported',
  0xa1: 'Subscription Identifiers not supported',
  0xa2: 'Wildcard Subscriptions not supported',
}

export function subackReason(code: number, mqttVersion: 4 | 5): string {
  if (mqttVersion === 4) return 'The broker refused the subscription (SUBACK 0x80 Failure)'
  return `${REASONS[code] ?? 'Refused'} (SUBACK 0x${code.toString(16).padStart(2, '0')})`
}
