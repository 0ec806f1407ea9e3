import { randomBytes } from 'node:crypto'
import mqtt, { type IClientOptions, type MqttClient } from 'mqtt'
import type { MqttConfig, Secrets } from '../../../shared/profiles'
import {
  describeError,
  LinkError,
  type BrokerLink,
  type LinkCallbacks,
  type LinkFactory,
} from '../../connections/broker-link'

/** CONNACK codes that retrying cannot fix (3.1.1: 4, 5; MQTT 5: bad credentials, not authorized, banned, bad auth method). */
const FATAL_CONNACK = new Set([4, 5, 134, 135, 138, 140])
/** mqtt.js errors without a code that are not the broker breaking the protocol (it closes on these itself). */
const NOT_PROTOCOL_ERRORS = new Set(['Keepalive timeout', 'client disconnecting'])

export function mqttClientOptions(config: MqttConfig, secrets: Secrets, clientId: string): IClientOptions {
  const secure = config.transport === 'mqtts' || config.transport === 'wss'
  const options: IClientOptions = {
    protocol: config.transport,
    host: config.host,
    port: config.port,
    path: config.transport === 'ws' || config.transport === 'wss' ? config.path : undefined,
    clientId,
    protocolVersion: config.mqttVersion,
    clean: config.cleanStart,
    keepalive: config.keepalive,
    connectTimeout: config.connectTimeoutMs,
    // The ManagedSession owns reconnecting (with backoff and a visible attempt count).
    reconnectPeriod: 0,
    // Subscriptions are the MqttConnection's: it subscribes on every new link and tracks each SUBACK.
    resubscribe: false,
    username: config.username || undefined,
    password: secrets.password,
  }
  if (config.mqttVersion === 5 && config.sessionExpiry > 0) {
    options.properties = { sessionExpiryInterval: config.sessionExpiry }
  }
  if (config.will) {
    options.will = {
      topic: config.will.topic,
      payload: Buffer.from(config.will.payload, 'utf8'),
      qos: config.will.qos,
      retain: config.will.retain,
    }
  }
  if (secure) {
    Object.assign(options, {
      ca: config.tls.ca || undefined,
      cert: config.tls.cert || undefined,
      key: secrets.tlsKey,
      passphrase: secrets.tlsPassphrase,
      rejectUnauthorized: config.tls.verify,
      servername: isIpAddress(config.host) ? undefined : config.host,
    })
  }
  return options
}

export function generatedClientId(): string {
  return `brokerlens_${randomBytes(4).toString('hex')}`
}

/** A connected mqtt.js client, for the MqttConnection to subscribe, publish and listen with. */
export interface MqttLink extends BrokerLink {
  readonly client: MqttClient
  /** Drops the connection for a protocol error of the broker's; the session reports `reason` and reconnects. */
  abort(reason: string): void
}

export class MqttLinkFactory implements LinkFactory {
  /** One client id for the life of the session, so that a persistent session resumes on reconnect. */
  private readonly clientId: string

  constructor(
    private readonly config: MqttConfig,
    private readonly secrets: Secrets,
  ) {
    this.clientId = config.clientId || generatedClientId()
  }

  connect(callbacks: LinkCallbacks, signal: AbortSignal): Promise<MqttLink> {
    const options = mqttClientOptions(this.config, this.secrets, this.clientId)
    return new Promise((resolve, reject) => {
      const client: MqttClient = mqtt.connect(options)
      let lastError: Error | null = null
      let settled = false
      const started = Date.now()
      const fail = (err: Error) => {
        if (settled) return
        settled = true
        signal.removeEventListener('abort', onAbort)
        client.end(true)
        reject(err)
      }
      const onAbort = () => fail(new Error('Cancelled'))
      signal.addEventListener('abort', onAbort, { once: true })

      let closing = false
      const abort = (reason: Error) => {
        lastError = reason
        if (!closing) client.end(true)
      }
      client.on('error', (err) => {
        // mqtt.js names its own connect timeout "connack timeout": say what the user waited for.
        lastError =
          err.message === 'connack timeout'
            ? new Error(`No answer from the broker within ${this.config.connectTimeoutMs} ms`)
            : err
        const code = (err as { code?: unknown }).code
        if (!settled && typeof code === 'number') fail(new LinkError(err.message, FATAL_CONNACK.has(code)))
        // Once connected, an error without a code is mqtt-packet failing to parse what the broker
        // sent: the stream is no longer at a packet boundary, and mqtt.js would read on from the
        // middle of one. MQTT says to close the connection; the session then says why and reconnects.
        else if (settled && code === undefined && !NOT_PROTOCOL_ERRORS.has(err.message))
          abort(new Error(`Protocol error from the broker: ${err.message}. The connection was closed`))
      })
      client.on('close', () => {
        if (!settled) {
          const waited = Date.now() - started
          fail(
            lastError ??
              new Error(
                waited >= this.config.connectTimeoutMs - 50
                  ? `No answer from the broker within ${this.config.connectTimeoutMs} ms`
                  : 'The broker closed the connection before accepting it',
              ),
          )
          return
        }
        if (closing) return
        callbacks.onLost(lastError ? describeError(lastError) : 'The broker closed the connection')
      })
      client.once('connect', (connack) => {
        if (settled) return
        settled = true
        signal.removeEventListener('abort', onAbort)
        const assigned = connack.properties?.assignedClientIdentifier
        resolve({
          client,
          abort: (reason) => abort(new Error(reason)),
          serverInfo: `MQTT ${this.config.mqttVersion === 5 ? '5.0' : '3.1.1'}, client id ${assigned ?? this.clientId}${connack.sessionPresent ? ', session resumed' : ''}`,
          close: () =>
            new Promise<void>((done) => {
              closing = true
              // A graceful DISCONNECT, unless the socket is stuck: then force it after 2 s.
              const force = setTimeout(() => client.end(true, {}, () => done()), 2000)
              client.end(false, {}, () => {
                clearTimeout(force)
                done()
              })
            }),
        })
      })
    })
  }
}

function isIpAddress(host: string): boolean {
  return /^[\d.]+$/.test(host) || host.includes(':')
}
