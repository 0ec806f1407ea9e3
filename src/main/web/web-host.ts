import { randomBytes } from 'node:crypto'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { WebSocketServer } from 'ws'
import { TOKEN_PARAM, WIRE_PATH } from '../../shared/wire'
import type { Core } from '../core'
import { createStaticHandler } from './static-files'
import { accessPolicy, checkUpgrade, isLoopbackHost } from './web-access'
import { bindSocket, MAX_FRAME_BYTES } from './ws-api'

export interface WebHostOptions {
  core: Core
  /** Address to bind; loopback unless the user asks for more. */
  host: string
  /** 0 picks a free port. */
  port: number
  rendererDir: string
  /** The access token; generated when required and not given. */
  token?: string
  /** Whether the API requires the token; default: when bound beyond loopback. */
  requireToken?: boolean
  log?: (message: string) => void
}

export interface WebHost {
  /** The URL to open, with the token when one is required. */
  readonly url: string
  readonly port: number
  readonly token: string | null
  close(): Promise<void>
}

/** Serves the renderer over HTTP and the core's API over a WebSocket at /api. */
export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const log = options.log ?? ((m: string) => console.error(m))
  const loopback = isLoopbackHost(options.host)
  const token =
    (options.requireToken ?? !loopback) ? (options.token ?? randomBytes(24).toString('base64url')) : null
  const serveStatic = createStaticHandler(options.rendererDir)

  const server: Server = createServer((req, res) => {
    serveStatic(req, res).catch((err: unknown) => {
      log(`[web] ${req.url}: ${String(err)}`)
      if (!res.headersSent) res.writeHead(500)
      res.end()
    })
  })
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES })

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port, options.host, () => {
      server.off('error', reject)
      resolve()
    })
  })
  const port = (server.address() as AddressInfo).port
  const policy = accessPolicy(options.host, port, token)
  const bindAll = options.host === '0.0.0.0' || options.host === '::'

  server.on('upgrade', (req, socket, head) => {
    const path = new URL(req.url ?? '/', 'http://placeholder').pathname
    const refusal = path === WIRE_PATH ? checkUpgrade(req, policy, bindAll) : 'no such endpoint'
    if (refusal) {
      log(`[web] refused WebSocket from ${req.socket.remoteAddress}: ${refusal}`)
      socket.end(`HTTP/1.1 ${path === WIRE_PATH ? 403 : 404} Forbidden\r\nConnection: close\r\n\r\n`)
      return
    }
    wss.handleUpgrade(req, socket, head, (ws) => bindSocket(ws, options.core, log))
  })

  const shownHost = bindAll ? '127.0.0.1' : options.host.includes(':') ? `[${options.host}]` : options.host
  const url = `http://${shownHost}:${port}/${token ? `?${TOKEN_PARAM}=${token}` : ''}`

  return {
    url,
    port,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of wss.clients) client.terminate()
        wss.close()
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
}
