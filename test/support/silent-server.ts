import { createServer, type AddressInfo, type Server, type Socket } from 'node:net'

/**
 * A loopback "broker" that accepts TCP connections and never sends a byte: what a client sees
 * behind a stalled firewall, a hung broker process or a wrong port forwarded to a mute service.
 * It reads (and drops) what clients send, so their writes never block, and keeps every socket open.
 */
export class SilentServer {
  private readonly server: Server
  private readonly sockets = new Set<Socket>()
  /** Connections accepted since start, so that a test can tell the client really got through. */
  accepted = 0
  /** Bytes clients sent (a protocol header, a CONNECT…), all unanswered. */
  bytesIn = 0
  port = 0

  constructor() {
    this.server = createServer((socket) => {
      this.accepted++
      this.sockets.add(socket)
      socket.on('data', (chunk: Buffer) => (this.bytesIn += chunk.length))
      socket.on('error', () => socket.destroy())
      socket.on('close', () => this.sockets.delete(socket))
    })
  }

  async start(): Promise<number> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject)
      this.server.listen(0, '127.0.0.1', () => resolve())
    })
    this.port = (this.server.address() as AddressInfo).port
    return this.port
  }

  /** Connections still open (the client has not given up on them yet). */
  get open(): number {
    return this.sockets.size
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy()
    this.sockets.clear()
    await new Promise<void>((resolve) => this.server.close(() => resolve()))
  }
}
