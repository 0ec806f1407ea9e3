/** MQTT control packet types (the high nibble of the first byte), as mqtt-packet names them. */
export const PACKET_TYPES = [
  'reserved',
  'connect',
  'connack',
  'publish',
  'puback',
  'pubrec',
  'pubrel',
  'pubcomp',
  'subscribe',
  'suback',
  'unsubscribe',
  'unsuback',
  'pingreq',
  'pingresp',
  'disconnect',
  'auth',
] as const

export const CONNECT = 1
export const CONNACK = 2
export const DISCONNECT = 14

export interface Frame {
  /** 1 (CONNECT) … 15 (AUTH). */
  type: number
  /** The whole packet's size on the wire: fixed header and remaining length. */
  size: number
  /**
   * The packet's bytes when it was kept (see `keep`), else null. Packets over `maxKeep` bytes keep
   * their first `maxKeep` bytes only and are `complete: false`.
   */
  bytes: Buffer | null
  complete: boolean
}

/**
 * Splits a byte stream into MQTT packets by their fixed header (type byte and a remaining length of
 * one to four bytes), without decoding them. It runs on every connection of the built-in broker,
 * so a packet nobody asked for costs a few arithmetic operations: its bytes are skipped, not copied.
 * `keep(type)` is asked at the start of each packet whether its bytes are wanted.
 *
 * A remaining length longer than four bytes is not MQTT: the framer stops and says so in `broken`.
 */
export class PacketFramer {
  broken: string | null = null
  private header: number[] = []
  private inBody = false
  private remaining = 0
  private type = 0
  private size = 0
  private parts: Buffer[] | null = null
  private kept = 0

  constructor(
    private readonly onFrame: (frame: Frame) => void,
    private readonly keep: (type: number) => boolean,
    private readonly maxKeep = 1024 * 1024,
  ) {}

  push(chunk: Uint8Array): void {
    let i = 0
    while (i < chunk.length && this.broken === null) {
      if (!this.inBody) {
        const byte = chunk[i++]!
        this.header.push(byte)
        if (this.header.length === 1 || byte & 0x80) {
          if (this.header.length === 5) this.broken = 'the remaining length is longer than 4 bytes'
          continue
        }
        this.startBody()
        if (this.remaining === 0) this.finish()
        continue
      }
      const take = Math.min(this.remaining, chunk.length - i)
      if (this.parts && this.kept < this.maxKeep) {
        const n = Math.min(take, this.maxKeep - this.kept)
        // A copy: socket chunks are slices of larger buffers that a reference would keep alive.
        this.parts.push(Buffer.from(chunk.subarray(i, i + n)))
        this.kept += n
      }
      this.remaining -= take
      i += take
      if (this.remaining === 0) this.finish()
    }
  }

  private startBody(): void {
    let length = 0
    for (let k = this.header.length - 1; k >= 1; k--) length = length * 128 + (this.header[k]! & 0x7f)
    this.type = this.header[0]! >> 4
    this.remaining = length
    this.size = this.header.length + length
    this.inBody = true
    if (this.keep(this.type)) {
      const head = Buffer.from(this.header)
      this.parts = [head]
      this.kept = head.length
    } else {
      this.parts = null
    }
  }

  private finish(): void {
    const parts = this.parts
    this.onFrame({
      type: this.type,
      size: this.size,
      bytes: parts ? Buffer.concat(parts) : null,
      complete: parts !== null && this.kept === this.size,
    })
    this.header = []
    this.inBody = false
    this.parts = null
    this.kept = 0
  }
}
