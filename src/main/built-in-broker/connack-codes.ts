/** CONNACK return codes of MQTT 3.1 / 3.1.1 (§3.2.2.3). */
const RETURN_CODES: Record<number, string> = {
  1: 'unacceptable protocol version',
  2: 'identifier rejected',
  3: 'server unavailable',
  4: 'bad user name or password',
  5: 'not authorized',
  // aedes's own: a keepalive above its limit (not used by the built-in broker, which sets none).
  6: 'keep alive limit exceeded',
}

/** CONNACK reason codes of MQTT 5 (§3.2.2.2) that refuse a connection. */
const REASON_CODES: Record<number, string> = {
  0x80: 'unspecified error',
  0x81: 'malformed packet',
  0x82: 'protocol error',
  0x83: 'implementation specific error',
  0x84: 'unsupported protocol version',
  0x85: 'client identifier not valid',
  0x86: 'bad user name or password',
  0x87: 'not authorized',
  0x88: 'server unavailable',
  0x89: 'server busy',
  0x8a: 'banned',
  0x8c: 'bad authentication method',
  0x95: 'packet too large',
  0x97: 'quota exceeded',
  0x9c: 'use another server',
  0x9d: 'server moved',
  0x9f: 'connection rate exceeded',
}

/** The code of a CONNACK as aedes sends it: `returnCode` before MQTT 5, `reasonCode` on MQTT 5. */
export function connackCode(connack: { returnCode?: number; reasonCode?: number }): number {
  return connack.reasonCode ?? connack.returnCode ?? 0
}

/** What a refusing CONNACK code means, in the specification's words ("bad user name or password"). */
export function connackMeaning(code: number, protocolVersion: number): string {
  const table = protocolVersion === 5 ? REASON_CODES : RETURN_CODES
  return table[code] ?? `refused (code ${code})`
}

/** How the code is written next to its meaning: "CONNACK 4", "CONNACK 0x86". */
export function connackLabel(code: number, protocolVersion: number): string {
  return protocolVersion === 5 ? `CONNACK 0x${code.toString(16).padStart(2, '0')}` : `CONNACK ${code}`
}
