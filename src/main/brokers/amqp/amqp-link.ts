import amqp, { type ChannelModel, type Options, type SocketOptions } from 'amqplib'
import { APP_NAME } from '../../../shared/app-meta'
import type { AmqpConfig, Secrets } from '../../../shared/profiles'
import { describeError, LinkError, type BrokerLink, type LinkCallbacks, type LinkFactory } from '../../connections/broker-link'

export function amqpConnectOptions(config: AmqpConfig, secrets: Secrets): [Options.Connect, SocketOptions] {
  const url: Options.Connect = {
    protocol: config.scheme,
    hostname: config.host,
    port: config.port,
    username: config.username,
    password: secrets.password ?? '',
    vhost: config.vhost,
    heartbeat: config.heartbeat,
  }
  const socket: SocketOptions = {
    timeout: config.connectTimeoutMs,
    clientProperties: { connection_name: `${APP_NAME} – ${config.name}` },
  }
  if (config.scheme === 'amqps') {
    Object.assign(socket, {
      ca: config.tls.ca ? [config.tls.ca] : undefined,
      cert: config.tls.cert || undefined,
      key: secrets.tlsKey,
      passphrase: secrets.tlsPassphrase,
      rejectUnauthorized: config.tls.verify,
      servername: /^[\d.]+$|:/.test(config.host) ? undefined : config.host,
    })
  }
  return [url, socket]
}

export class AmqpLinkFactory implements LinkFactory {
  constructor(
    private readonly config: AmqpConfig,
    private readonly secrets: Secrets,
  ) {}

  async connect(callbacks: LinkCallbacks, signal: AbortSignal): Promise<BrokerLink> {
    const [url, socket] = amqpConnectOptions(this.config, this.secrets)
    let conn: ChannelModel
    try {
      conn = await amqp.connect(url, socket)
    } catch (err) {
      const message = describeError(err)
      // 403 ACCESS_REFUSED (bad credentials) and 530 NOT_ALLOWED (no such vhost or no access) will
      // not fix themselves by retrying.
      throw new LinkError(message, /ACCESS.REFUSED|NOT.ALLOWED|\b403\b|\b530\b/.test(message))
    }
    if (signal.aborted) {
      await conn.close().catch(() => undefined)
      throw new Error('Cancelled')
    }
    let closing = false
    let lastError: Error | null = null
    conn.on('error', (err: Error) => {
      lastError = err
    })
    conn.on('close', (err?: Error) => {
      if (closing) return
      callbacks.onLost(describeError(err ?? lastError ?? new Error('The broker closed the connection')))
    })
    const props = conn.connection.serverProperties
    return {
      serverInfo: [props.product, props.version, props.cluster_name ? `cluster ${props.cluster_name}` : '']
        .filter(Boolean)
        .join(' '),
      close: async () => {
        closing = true
        await conn.close().catch(() => undefined)
      },
    }
  }
}
