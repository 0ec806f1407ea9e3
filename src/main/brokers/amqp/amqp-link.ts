import amqp, { type ChannelModel, type Options, type SocketOptions } from 'amqplib'
import { APP_NAME } from '../../../shared/app-meta'
import type { AmqpConfig, Secrets } from '../../../shared/profiles'
import {
  describeError,
  LinkError,
  type BrokerLink,
  type LinkCallbacks,
  type LinkFactory,
} from '../../connections/broker-link'

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

/** A connected amqplib connection, for the AmqpConnection to open its channels on. */
export interface AmqpLink extends BrokerLink {
  readonly connection: ChannelModel
}

export class AmqpLinkFactory implements LinkFactory {
  constructor(
    private readonly config: AmqpConfig,
    private readonly secrets: Secrets,
  ) {}

  async connect(callbacks: LinkCallbacks, signal: AbortSignal): Promise<AmqpLink> {
    const [url, socket] = amqpConnectOptions(this.config, this.secrets)
    let conn: ChannelModel
    try {
      conn = await amqp.connect(url, socket)
    } catch (err) {
      const message = explainHandshakeError(explainTimeout(describeError(err), this.config), this.config)
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
      connection: conn,
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

/**
 * amqplib's socket timeout counts silence, from the TCP connect to connection.open-ok, and reports
 * it as "connect ETIMEDOUT" even when the TCP connect went through and the broker just never
 * answered the handshake: say what the user waited for.
 */
function explainTimeout(message: string, config: AmqpConfig): string {
  return message === 'connect ETIMEDOUT'
    ? `No answer from the broker within ${config.connectTimeoutMs} ms`
    : message
}

/**
 * amqplib drops the reply text of a connection.close that answers connection.open. RabbitMQ sends
 * that only when the virtual host cannot be opened (NOT_ALLOWED: it does not exist, or the user has
 * no permission on it), so say that instead of amqplib's frame dump.
 */
function explainHandshakeError(message: string, config: AmqpConfig): string {
  if (!/Expected ConnectionOpenOk; got <ConnectionClose/.test(message)) return message
  return `NOT_ALLOWED: the broker refused to open virtual host "${config.vhost}": it does not exist or user "${config.username}" has no access to it`
}
