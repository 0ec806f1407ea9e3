import type { Server } from 'node:net'

/** Ports tried after the default one when none is set: 1883 … 1983, 9001 … 9101. */
export const PORT_SPAN = 100

/** Why a port could not be had, in the words the status shows. */
export class PortError extends Error {}

/**
 * Listens on `port`, or on the first free one from `fallback` to `fallback + span` when `port` is
 * null. Each port is really bound (not probed and then bound), so nothing can take it in between.
 * `tryListen` answers false when the port is in use and throws on anything else.
 */
export async function listenOnPort(
  port: number | null,
  fallback: number,
  tryListen: (port: number) => Promise<boolean>,
  span = PORT_SPAN,
): Promise<number> {
  if (port !== null) {
    if (await tryListen(port)) return port
    throw new PortError(`port ${port} is in use`)
  }
  const last = Math.min(65535, fallback + span)
  for (let p = fallback; p <= last; p++) if (await tryListen(p)) return p
  throw new PortError(`ports ${fallback} to ${last} are all in use`)
}

/** One attempt to bind a server: true once listening, false when the port is taken. */
export function tryListen(server: Server, host: string, port: number): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const onError = (err: NodeJS.ErrnoException) => {
      server.off('listening', onListening)
      if (err.code === 'EADDRINUSE') resolve(false)
      else if (err.code === 'EACCES')
        reject(new PortError(`port ${port} needs privileges the app does not have`))
      else if (err.code === 'EADDRNOTAVAIL')
        reject(new PortError(`${host} is not an address of this machine`))
      else reject(err)
    }
    const onListening = () => {
      server.off('error', onError)
      resolve(true)
    }
    server.once('error', onError)
    server.once('listening', onListening)
    server.listen({ port, host })
  })
}
