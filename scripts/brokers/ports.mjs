// Port choice. The defaults sit far from every standard broker port (1883, 8883, 5672, 15672,
// 25672, 4369, 9092, ...) and from the 35672-35682 range rabbitmqctl uses by default, so that the
// test brokers never collide with a broker the developer already runs. A busy default is replaced
// by the next free port, and the state file records what was chosen.
import net from 'node:net'
import tls from 'node:tls'

export const HOST = '127.0.0.1'

export const DEFAULT_PORTS = {
  mosquitto: { plain: 21883, tls: 28883, mtls: 28884, ws: 29001, password: 21884, acl: 21885 },
  rabbitmq: { amqp: 36672, management: 36673, dist: 36674, epmd: 36675, ctlDist: 36676 },
  kafka: { plaintext: 39092, controller: 39093, sasl: 39094 },
}

/** True if nothing listens on host:port (binding 127.0.0.1 also fails if 0.0.0.0 is taken). */
export function isPortFree(port, host = HOST) {
  return new Promise((resolve) => {
    const server = net.createServer()
    server.once('error', () => resolve(false))
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve(true)))
  })
}

async function ephemeralPort(host = HOST) {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.once('error', reject)
    server.listen({ port: 0, host, exclusive: true }, () => {
      const { port } = server.address()
      server.close(() => resolve(port))
    })
  })
}

/**
 * Picks a free port for each name of `wanted` ({ name: preferredPort }), skipping ports in
 * `reserved` (a Set that is updated, so several brokers started together never pick the same
 * fallback).
 */
export async function pickPorts(wanted, reserved) {
  const picked = {}
  for (const [name, preferred] of Object.entries(wanted)) {
    let port = null
    for (let candidate = preferred; candidate < preferred + 100 && candidate < 65536; candidate++) {
      if (!reserved.has(candidate) && (await isPortFree(candidate))) {
        port = candidate
        break
      }
    }
    while (port === null) {
      const candidate = await ephemeralPort()
      if (!reserved.has(candidate)) port = candidate
    }
    reserved.add(port)
    picked[name] = port
  }
  return picked
}

/** Resolves once host:port accepts a TCP connection; rejects on error or after `timeoutMs`. */
export function canConnect(port, host = HOST, timeoutMs = 1_000) {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ port, host })
    socket.setTimeout(timeoutMs, () => {
      socket.destroy()
      reject(new Error(`connect to ${host}:${port} timed out`))
    })
    socket.once('connect', () => {
      socket.destroy()
      resolve(true)
    })
    socket.once('error', reject)
  })
}

/**
 * Sends `request` bytes to host:port and resolves with the reply once `isComplete(buffer)` says
 * it has all it needs. Used by the readiness probes, which speak just enough of each protocol.
 * With `tlsOptions` (ca, cert, key) the exchange runs over TLS, verifying the server certificate.
 */
export function exchange(port, request, isComplete, { host = HOST, timeoutMs = 3_000, tlsOptions } = {}) {
  return new Promise((resolve, reject) => {
    let reply = Buffer.alloc(0)
    const socket = tlsOptions
      ? tls.connect({ port, host, ...tlsOptions }, () => socket.write(request))
      : net.connect({ port, host }, () => socket.write(request))
    socket.setTimeout(timeoutMs, () => {
      socket.destroy()
      reject(new Error(`no complete answer from ${host}:${port} within ${timeoutMs} ms`))
    })
    socket.on('data', (chunk) => {
      reply = Buffer.concat([reply, chunk])
      if (isComplete(reply)) {
        // end(), not destroy(): over TLS it sends close_notify, so brokers log no protocol error.
        socket.end()
        resolve(reply)
      }
    })
    socket.once('error', reject)
    socket.once('close', () => reject(new Error(`${host}:${port} closed the connection`)))
  })
}
