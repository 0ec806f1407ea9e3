import { parser, type Packet, type Parser } from 'mqtt-packet'

/**
 * Decodes whole MQTT packets, one at a time, with mqtt-packet (the parser aedes and mqtt.js use).
 * A packet's layout depends on the protocol version (MQTT 5 adds properties): the decoder of a
 * connection's incoming side learns it from the CONNECT it decodes; the outgoing side is told.
 */
export class PacketDecoder {
  private parser: Parser
  private result: Packet | Error | null = null

  constructor(private protocolVersion?: number) {
    this.parser = this.newParser()
  }

  /** `bytes` must hold exactly one packet (the framer's output); mqtt-packet parses synchronously. */
  decode(bytes: Buffer): Packet | Error {
    this.result = null
    const left = this.parser.parse(bytes)
    let result = this.result as Packet | Error | null
    if (result === null) result = new Error('the packet is cut short')
    else if (left > 0 && !(result instanceof Error)) result = new Error(`${left} bytes after the packet`)
    if (result instanceof Error) {
      // Whatever the parser kept of a bad packet must not prefix the next one.
      this.parser = this.newParser()
    } else if (result.cmd === 'connect' && result.protocolVersion) {
      this.protocolVersion = result.protocolVersion
    }
    return result
  }

  private newParser(): Parser {
    const p = parser(this.protocolVersion ? { protocolVersion: this.protocolVersion } : {})
    p.on('packet', (packet: Packet) => (this.result = packet))
    p.on('error', (err: unknown) => (this.result = err instanceof Error ? err : new Error(String(err))))
    return p
  }
}
