import { createServer, type AddressInfo, type Server, type Socket } from 'node:net'
import { generate, parser, type Packet } from 'mqtt-packet'

/**
 * A broker that breaks the protocol on purpose, as a broken device or bridge relays it: it speaks
 * just enough MQTT 3.1.1 (CONNACK, SUBACK, PINGRESP, PUBACK, made by mqtt-packet) for a client to
 * connect and subscribe, then writes the hand-made bytes of `misbehave(n)` on the n-th connection
 * (1-based). Real brokers validate what they relay, so this is the only way to send a client what
 * Mosquitto never would. Loopback only.
 */
export class BrokenMqttBroker {
  private server: Server | null = null
  private readonly sockets = new Set<Socket>()
  port = 0
  /** Connections accepted so far (a reconnect is a new one). */
  connections = 0
  /** Connections the client closed or reset. */
  closedByClient = 0

  constructor(
    /** Bytes to send once the client has subscribed; null: behave; `close` drops the socket after. */
    private readonly misbehave: (connection: number) => { bytes: Buffer[]; close?: boolean } | null,
  ) {}

  async start(): Promise<number> {
    const server = createServer((socket) => this.serve(socket, ++this.connections))
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject)
      server.listen(0, '127.0.0.1', () => resolve())
    })
    this.server = server
    this.port = (server.address() as AddressInfo).port
    return this.port
  }

  async stop(): Promise<void> {
    for (const s of this.sockets) s.destroy()
    const server = this.server
    this.server = null
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()))
  }

  private serve(socket: Socket, n: number): void {
    this.sockets.add(socket)
    let closing = false
    socket.on('error', () => socket.destroy())
    socket.on('close', () => {
      this.sockets.delete(socket)
      if (!closing) this.closedByClient++
    })
    const send = (packet: Packet) => {
      if (!socket.destroyed) socket.write(generate(packet))
    }
    const read = parser({ protocolVersion: 4 })
    read.on('error', () => socket.destroy())
    read.on('packet', (packet: Packet) => {
      switch (packet.cmd) {
        case 'connect':
          send({ cmd: 'connack', returnCode: 0, sessionPresent: false })
          return
        case 'subscribe': {
          send({
            cmd: 'suback',
            messageId: packet.messageId!,
            granted: packet.subscriptions.map((s) => s.qos),
          })
          const script = this.misbehave(n)
          if (!script) {
            // A well-behaved connection shows that the client is back and reading again.
            send({
              cmd: 'publish',
              topic: 'healthy/after',
              payload: Buffer.from(`connection ${n}`),
              qos: 0,
              retain: false,
              dup: false,
            })
            return
          }
          for (const chunk of script.bytes) if (!socket.destroyed) socket.write(chunk)
          if (script.close) {
            closing = true
            socket.end()
          }
          return
        }
        case 'pingreq':
          send({ cmd: 'pingresp' })
          return
        case 'publish':
          if (packet.qos === 1) send({ cmd: 'puback', messageId: packet.messageId! })
          return
        case 'disconnect':
          closing = true
          socket.end()
          return
      }
    })
    socket.on('data', (data) => read.parse(data))
  }
}

/** A PUBLISH (QoS 0) written byte by byte: `topic` as raw bytes, the remaining length as given or true. */
export function rawPublish(topic: Buffer, payload: Buffer, remainingLength?: number): Buffer {
  const body = Buffer.concat([Buffer.from([topic.length >> 8, topic.length & 0xff]), topic, payload])
  return Buffer.concat([Buffer.from([0x30]), varint(remainingLength ?? body.length), body])
}

/** MQTT's variable-length integer (1 to 4 bytes, 7 bits each, least significant first). */
export function varint(n: number): Buffer {
  const out: number[] = []
  do {
    let byte = n % 128
    n = Math.floor(n / 128)
    if (n > 0) byte |= 0x80
    out.push(byte)
  } while (n > 0)
  return Buffer.from(out)
}
