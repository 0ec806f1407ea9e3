import { WEB_DEFAULT_PORT } from '../../shared/app-meta'

export interface WebArgs {
  host: string
  port: number
  dataDir: string | null
  token: string | null
}

export const WEB_USAGE = `Usage: npm run web -- [--port P] [--host H] [--data-dir D] [--token T]
  --port      port to listen on (default ${WEB_DEFAULT_PORT}; 0 picks a free one)
  --host      address to bind (default 127.0.0.1; anything else requires the printed token)
  --data-dir  folder for profiles and history (default: the desktop app's data folder)
  --token     access token to require beyond loopback (default: a random one, printed)`

/** Parses the web host's command line; throws with the usage text on anything unknown. */
export function parseWebArgs(argv: string[], env: NodeJS.ProcessEnv = process.env): WebArgs {
  const args: WebArgs = {
    host: '127.0.0.1',
    port: WEB_DEFAULT_PORT,
    dataDir: null,
    token: env.BROKERLENS_TOKEN ?? null,
  }
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? ''
    const [flag, inline] =
      arg.startsWith('--') && arg.includes('=')
        ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
        : [arg, undefined]
    const value = (): string => {
      const v = inline ?? argv[++i]
      if (v === undefined || v === '') throw new Error(`${flag} needs a value\n${WEB_USAGE}`)
      return v
    }
    switch (flag) {
      case '--port': {
        const port = Number(value())
        if (!Number.isInteger(port) || port < 0 || port > 65535)
          throw new Error(`--port must be 0..65535\n${WEB_USAGE}`)
        args.port = port
        break
      }
      case '--host':
        args.host = value()
        break
      case '--data-dir':
        args.dataDir = value()
        break
      case '--token':
        args.token = value()
        break
      case '--help':
      case '-h':
        throw new Error(WEB_USAGE)
      default:
        throw new Error(`Unknown argument ${JSON.stringify(arg)}\n${WEB_USAGE}`)
    }
  }
  return args
}
