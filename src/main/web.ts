import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createCore } from './core'
import { defaultDataDir } from './data-dir'
import { FileKeyCipher } from './secrets/file-key-cipher'
import { parseWebArgs } from './web/web-args'
import { startWebHost } from './web/web-host'
import { version } from '../../package.json'

/**
 * The web host's entry (`npm run web`): the same core as the desktop app, its API over a WebSocket,
 * the built renderer over HTTP. Built to out/main/web.js beside the Electron shell.
 */
async function main(): Promise<void> {
  let args
  try {
    args = parseWebArgs(process.argv.slice(2))
  } catch (err) {
    console.error((err as Error).message)
    process.exit(2)
  }
  const dataDir = resolve(args.dataDir ?? defaultDataDir())
  const core = createCore({
    dataDir,
    secrets: new FileKeyCipher(join(dataDir, 'secret.key')),
    host: 'web',
    version,
  })
  const rendererDir = fileURLToPath(new URL('../renderer/', import.meta.url))
  const host = await startWebHost({
    core,
    host: args.host,
    port: args.port,
    rendererDir,
    token: args.token ?? undefined,
  })
  console.log(`Brokerlens is running at ${host.url}`)
  console.log(`Data folder: ${dataDir}`)
  if (host.token)
    console.log('Bound beyond loopback: the link above carries the access token; keep it private.')

  let stopping = false
  const stop = (signal: string) => {
    if (stopping) return
    stopping = true
    console.log(`${signal}: stopping`)
    const force = setTimeout(() => process.exit(1), 10_000)
    force.unref()
    void host
      .close()
      .then(() => core.close())
      .then(() => process.exit(0))
  }
  process.on('SIGINT', () => stop('SIGINT'))
  process.on('SIGTERM', () => stop('SIGTERM'))
}

main().catch((err: unknown) => {
  console.error(`Brokerlens web host failed to start: ${err instanceof Error ? err.message : String(err)}`)
  process.exit(1)
})
