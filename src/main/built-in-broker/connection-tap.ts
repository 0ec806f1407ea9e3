import type { Duplex } from 'node:stream'
import type { Packet } from 'mqtt-packet'
import { PacketDecoder } from './packet-decoder'
import { PacketFramer, type Frame } from './packet-framer'

export type Direction = 'in' | 'out'

export interface TapHandlers {
  /** Whether a packet's bytes are wanted (then it is decoded too), asked as each packet starts. */
  keep(direction: Direction, type: number): boolean
  /**
   * Every incoming packet, and every outgoing one while the outgoing side is tapped. `decoded` is
   * the packet, the reason it could not be decoded, or null when its bytes were not kept (or were
   * too many to keep whole).
   */
  packet(direction: Direction, frame: Frame, decoded: Packet | Error | null, at: number): void
  /** The incoming bytes stopped being MQTT (the framer could not find a packet boundary). */
  notMqtt(reason: string): void
}

/** First bytes of a connection kept for "this is not MQTT, it looks like TLS/HTTP" hints. */
const FIRST_BYTES = 16

type Write = Duplex['write']

/**
 * Watches one connection's bytes without taking part in it. Incoming: a `data` listener beside
 * aedes's own `readable` one (with both, `readable` keeps control of the flow and `data` sees each
 * chunk aedes reads), so the incoming side is always framed from the first byte. Outgoing: the
 * stream's `write` is wrapped only while wanted; aedes writes each packet with synchronous calls
 * (mqtt-packet's writeToStream), so installing the wrapper between two API calls always starts on
 * a packet boundary and costs nothing while it is off.
 */
export class ConnectionTap {
  bytesIn = 0
  readonly firstBytes: Buffer[] = []
  private readonly inFramer: PacketFramer
  private outFramer: PacketFramer | null = null
  private readonly inDecoder = new PacketDecoder()
  private outDecoder: PacketDecoder | null = null
  private readonly originalWrite: Write
  private readonly ownWrite: boolean
  private readonly onData = (chunk: Buffer | string) => this.incoming(chunk)
  private detached = false

  constructor(
    private readonly conn: Duplex,
    private readonly handlers: TapHandlers,
  ) {
    this.inFramer = new PacketFramer(
      (frame) => this.frame('in', frame),
      (type) => handlers.keep('in', type),
    )
    this.originalWrite = conn.write
    this.ownWrite = Object.prototype.hasOwnProperty.call(conn, 'write')
    conn.on('data', this.onData)
  }

  /** The protocol version the outgoing side is decoded with, once the CONNECT told it. */
  setVersion(protocolVersion: number): void {
    this.outDecoder = new PacketDecoder(protocolVersion)
  }

  /** Taps the outgoing side (or stops tapping it). */
  tapOutgoing(on: boolean): void {
    if (this.detached || on === (this.outFramer !== null)) return
    if (!on) {
      this.outFramer = null
      if (this.ownWrite) this.conn.write = this.originalWrite
      else delete (this.conn as Partial<Duplex>).write
      return
    }
    const framer = new PacketFramer(
      (frame) => this.frame('out', frame),
      (type) => this.handlers.keep('out', type),
    )
    this.outFramer = framer
    const original = this.originalWrite
    const conn = this.conn
    conn.write = function (this: Duplex, chunk: unknown, ...rest: unknown[]): boolean {
      if (typeof chunk === 'string') {
        framer.push(Buffer.from(chunk, typeof rest[0] === 'string' ? (rest[0] as BufferEncoding) : 'utf8'))
      } else if (chunk instanceof Uint8Array) {
        framer.push(chunk)
      }
      return (original as (...args: unknown[]) => boolean).call(this, chunk, ...rest)
    } as Write
  }

  detach(): void {
    if (this.detached) return
    this.tapOutgoing(false)
    this.detached = true
    this.conn.off('data', this.onData)
  }

  private incoming(chunk: Buffer | string): void {
    if (this.detached) return
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk
    if (this.bytesIn < FIRST_BYTES)
      this.firstBytes.push(Buffer.from(bytes.subarray(0, FIRST_BYTES - this.bytesIn)))
    this.bytesIn += bytes.length
    const wasBroken = this.inFramer.broken
    this.inFramer.push(bytes)
    if (wasBroken === null && this.inFramer.broken !== null) this.handlers.notMqtt(this.inFramer.broken)
  }

  private frame(direction: Direction, frame: Frame): void {
    let decoded: Packet | Error | null = null
    if (frame.bytes && frame.complete) {
      const decoder = direction === 'in' ? this.inDecoder : (this.outDecoder ??= new PacketDecoder())
      decoded = decoder.decode(frame.bytes)
    }
    this.handlers.packet(direction, frame, decoded, Date.now())
  }
}
