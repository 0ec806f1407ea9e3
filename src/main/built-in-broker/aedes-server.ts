import { createHash, timingSafeEqual } from 'node:crypto'
import type { EventEmitter } from 'node:events'
import { createServer as createHttpServer, type IncomingMessage, type Server as HttpServer } from 'node:http'
import { createServer, type Server, type Socket } from 'node:net'
import type { Duplex } from 'node:stream'
import { Aedes, type AuthenticateError, type Client, type PublishPacket } from 'aedes'
import { createWebSocketStream, WebSocketServer } from 'ws'
import { ForwardDedupe } from './forward-dedupe'
import { peerAddress } from './lan-addresses'
import { listenOnPort, tryListen } from './port-picking'

export const DEFAULT_PORT = 1883
export const DEFAULT_WEBSOCKET_PORT = 9001
export const WEBSOCKET_PATH = '/mqtt'

export interface AedesServerOptions {
  host: string
  port: number | null
  websocket: boolean
  websocketPort: number | null
  /** null: anyone may connect. Else the user name and password every client must give. */
  credentials: { username: string; password: string } | null
  /** A new connection: `client` is aedes's, before it has read a byte. */
  onConnection(conn: Duplex, client: Client, address: string): void
  /** A CONNECT passed authentication (aedes is about to accept it). */
  onAccepted(client: Client): void
  /** aedes is about to publish the will of a client whose connection has closed. */
  onWill(client: Client, will: PublishPacket): void
  onBrokerCreated(broker: Aedes): void
  /** A listener failed after it was bound (an accept that ran out of file descriptors…). */
  log(message: string): void
}

/**
 * aedes in the app's process: the broker, its TCP listener and, when asked, a WebSocket listener
 * (MQTT over WebSocket on /mqtt, `ws` streams handed to aedes like sockets).
 */
export class AedesServer {
  private constructor(
    readonly broker: Aedes,
    private readonly open: Set<Duplex>,
    private readonly tcp: Server,
    private readonly http: HttpServer | null,
    private readonly wss: WebSocketServer | null,
    readonly host: string,
    readonly port: number,
    readonly websocketPort: number | null,
  ) {}

  static async start(options: AedesServerOptions): Promise<AedesServer> {
    const dedupe = new ForwardDedupe()
    const broker = await Aedes.createBroker({
      // A device debugging broker: 10 s to send a CONNECT is plenty, and a stalled reader is cut
      // after 10 s rather than a minute, so that one hung device cannot hold up the others long.
      connectTimeout: 10_000,
      drainTimeout: 10_000,
      authenticate: (client, username, password, done) => {
        const refusal = refuse(options.credentials, username, password)
        if (refusal) {
          done(refusal, false)
          return
        }
        options.onAccepted(client)
        done(null, true)
      },
      // aedes asks before it publishes anything, a will included: the one place where a will is
      // seen at the moment it is decided (its 'publish' event comes later, after the retained
      // store, when the disconnect has long been recorded).
      authorizePublish: (client, packet, done) => {
        if (packet.topic.startsWith('$SYS/')) {
          done(new Error('$SYS/ topics are reserved for the broker'))
          return
        }
        if (client?.closed) options.onWill(client, packet)
        done(null)
      },
      authorizeForward: (client, packet) =>
        dedupe.first(client, packet.brokerId, packet.brokerCounter) ? packet : null,
    })
    // aedes reports persistence failures as 'error' events (its typings leave the event out):
    // logged, never fatal to the app.
    const emitter: EventEmitter = broker
    emitter.on('error', (err: Error) => options.log(`[built-in broker] ${err.message}`))
    options.onBrokerCreated(broker)
    const open = new Set<Duplex>()
    const handle = (conn: Duplex, address: string, req?: IncomingMessage) => {
      const client = broker.handle(conn, req)
      dedupe.disable(client, broker.id)
      open.add(conn)
      conn.once('close', () => open.delete(conn))
      options.onConnection(conn, client, address)
    }
    const tcp = createServer((socket: Socket) => {
      socket.setNoDelay(true)
      handle(socket, peerAddress(socket.remoteAddress, socket.remotePort))
    })
    let http: HttpServer | null = null
    let wss: WebSocketServer | null = null
    try {
      const port = await listenOnPort(options.port, DEFAULT_PORT, (p) => tryListen(tcp, options.host, p))
      let websocketPort: number | null = null
      if (options.websocket) {
        http = createHttpServer((_req, res) => {
          res.writeHead(426, { 'content-type': 'text/plain' })
          res.end(`MQTT over WebSocket: connect to ws://…${WEBSOCKET_PATH}\n`)
        })
        wss = new WebSocketServer({ server: http, path: WEBSOCKET_PATH })
        wss.on('connection', (ws, req) => {
          const stream = createWebSocketStream(ws)
          handle(stream, peerAddress(req.socket.remoteAddress, req.socket.remotePort), req)
        })
        const h = http
        websocketPort = await listenOnPort(options.websocketPort, DEFAULT_WEBSOCKET_PORT, (p) =>
          tryListen(h, options.host, p),
        )
      }
      // Once bound, an 'error' without a listener would take the app down with it.
      for (const emitter of [tcp, http, wss])
        emitter?.on('error', (err: Error) => options.log(`[built-in broker] listener: ${err.message}`))
      return new AedesServer(broker, open, tcp, http, wss, options.host, port, websocketPort)
    } catch (err) {
      await closeServer(tcp)
      if (http) await closeServer(http)
      await new Promise<void>((r) => broker.close(() => r()))
      throw err
    }
  }

  /** The address the TCP listener is bound to, as the system reports it. */
  get boundAddress(): string {
    const a = this.tcp.address()
    return a && typeof a === 'object' ? a.address : this.host
  }

  /**
   * Stops listening and closes every connection (aedes sends MQTT 5 clients DISCONNECT 0x8B,
   * "server shutting down"); resolves once every socket has closed and both ports are free.
   */
  async stop(): Promise<void> {
    const closedAll = Promise.all([...this.open].map((c) => closedPromise(c)))
    const listeners = [closeServer(this.tcp)]
    if (this.http) listeners.push(closeServer(this.http))
    this.wss?.close()
    await new Promise<void>((r) => this.broker.close(() => r()))
    // aedes destroys every socket it knows; one it has already let go of is destroyed here.
    for (const c of this.open) c.destroy()
    this.http?.closeAllConnections()
    await closedAll
    await Promise.all(listeners)
  }
}

function refuse(
  credentials: AedesServerOptions['credentials'],
  username: string | undefined,
  password: Buffer | undefined,
): AuthenticateError | null {
  if (!credentials) return null
  if (username === undefined || username === '') return authError('not authorized', 5)
  // Digests compared in constant time: how long a refusal takes says nothing about the password.
  const ok =
    username === credentials.username &&
    timingSafeEqual(digest(password ?? Buffer.alloc(0)), digest(Buffer.from(credentials.password)))
  return ok ? null : authError('bad user name or password', 4)
}

function digest(bytes: Buffer): Buffer {
  return createHash('sha256').update(bytes).digest()
}

function authError(message: string, returnCode: 4 | 5): AuthenticateError {
  return Object.assign(new Error(message), { returnCode })
}

function closeServer(server: Server | HttpServer): Promise<void> {
  return new Promise((resolve) => {
    if (!server.listening) return resolve()
    server.close(() => resolve())
  })
}

function closedPromise(stream: Duplex): Promise<void> {
  return new Promise((resolve) => {
    if (stream.closed || stream.destroyed) return resolve()
    stream.once('close', () => resolve())
  })
}
