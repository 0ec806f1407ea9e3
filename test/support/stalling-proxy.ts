import { connect, createServer, type AddressInfo, type Server, type Socket } from 'node:net'

interface Pair {
  client: Socket
  upstream: Socket
  /** Bytes that arrived while stalled, in order, with the side they were going to. */
  held: { to: Socket; chunk: Buffer }[]
  /** One side closed while stalled: the other must not learn of it until the network flows. */
  gone: boolean
}

/**
 * A loopback TCP relay in front of a real broker that can stall: stop forwarding both ways while
 * every connection stays open, as a dead route or a hung middlebox does (no FIN, no RST, no error).
 * TcpProxy cuts connections; this one keeps them and lets them time out on their own.
 */
export class StallingProxy {
  private server: Server | null = null
  private readonly pairs = new Set<Pair>()
  private stalled = false
  /** Bytes held back during stalls, both ways: proves the client kept talking into the void. */
  heldBytes = 0
  /** Connections accepted since start (a reconnect attempt shows up here). */
  accepted = 0
  port = 0

  constructor(
    private readonly targetPort: number,
    private readonly targetHost = '127.0.0.1',
  ) {}

  async start(): Promise<number> {
    const server = createServer((client) => this.relay(client))
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject)
      server.listen(0, '127.0.0.1', () => resolve())
    })
    this.server = server
    this.port = (server.address() as AddressInfo).port
    return this.port
  }

  /** Stops forwarding: nothing reaches either side and nothing is closed. */
  stall(): void {
    this.stalled = true
  }

  /**
   * Forwards again. What was held on connections still open at both ends is delivered in order (as
   * TCP retransmission would); a connection one side gave up on during the stall is dropped, so a
   * stale handshake never reaches the broker after a newer one.
   */
  flow(): void {
    this.stalled = false
    for (const pair of [...this.pairs]) {
      if (pair.gone) {
        this.drop(pair)
        continue
      }
      for (const { to, chunk } of pair.held) to.write(chunk)
      pair.held = []
    }
  }

  async stop(): Promise<void> {
    for (const pair of [...this.pairs]) this.drop(pair)
    const server = this.server
    this.server = null
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()))
  }

  private relay(client: Socket): void {
    this.accepted++
    const upstream = connect(this.targetPort, this.targetHost)
    const pair: Pair = { client, upstream, held: [], gone: false }
    this.pairs.add(pair)
    const forward = (from: Socket, to: Socket) => {
      from.on('data', (chunk: Buffer) => {
        if (this.stalled) {
          this.heldBytes += chunk.length
          pair.held.push({ to, chunk })
        } else to.write(chunk)
      })
      from.on('error', () => from.destroy())
      from.on('close', () => {
        if (this.stalled) pair.gone = true
        else this.drop(pair)
      })
    }
    forward(client, upstream)
    forward(upstream, client)
  }

  private drop(pair: Pair): void {
    this.pairs.delete(pair)
    pair.client.destroy()
    pair.upstream.destroy()
  }
}
