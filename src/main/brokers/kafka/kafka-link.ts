import kafkajs, {
  type Admin,
  type Kafka as KafkaClient,
  type KafkaConfig as KafkaJsConfig,
  type SASLOptions,
} from 'kafkajs'
import type { KafkaConfig, Secrets } from '../../../shared/profiles'
import {
  describeError,
  LinkError,
  type BrokerLink,
  type LinkCallbacks,
  type LinkFactory,
} from '../../connections/broker-link'

// kafkajs is CommonJS: Node's ESM loader cannot see these exports by name in the main bundle.
const { Kafka, logLevel } = kafkajs

/** How often a connected Kafka session checks that the cluster still answers (kafkajs has no push). */
const PROBE_INTERVAL_MS = 5000

export function kafkaClientConfig(config: KafkaConfig, secrets: Secrets): KafkaJsConfig {
  const out: KafkaJsConfig = {
    clientId: config.clientId,
    brokers: config.brokers,
    connectionTimeout: config.connectTimeoutMs,
    requestTimeout: Math.max(config.connectTimeoutMs, 5000),
    // Few, quick retries: the user waits on a connect, and the ManagedSession retries a lost link.
    retry: { retries: 1, initialRetryTime: 250, maxRetryTime: 2000 },
    logLevel: logLevel.NOTHING,
  }
  if (config.ssl) {
    out.ssl = {
      ca: config.tls.ca ? [config.tls.ca] : undefined,
      cert: config.tls.cert || undefined,
      key: secrets.tlsKey,
      passphrase: secrets.tlsPassphrase,
      rejectUnauthorized: config.tls.verify,
    }
  }
  if (config.sasl !== 'none') {
    out.sasl = {
      mechanism: config.sasl,
      username: config.username,
      password: secrets.password ?? '',
    } as SASLOptions
  }
  return out
}

/** kafkajs wraps the socket's error in retry errors; the innermost cause is what the user needs. */
export function kafkaReason(err: unknown): string {
  let e: unknown = err
  for (let depth = 0; depth < 5; depth++) {
    const cause =
      (e as { originalError?: unknown; cause?: unknown } | null)?.originalError ??
      (e as { cause?: unknown } | null)?.cause
    if (!cause) break
    e = cause
  }
  return describeError(e)
}

/** A connected cluster: the kafkajs client to make producers with, and the admin that probes it. */
export interface KafkaLink extends BrokerLink {
  readonly kafka: KafkaClient
  readonly admin: Admin
}

export class KafkaLinkFactory implements LinkFactory {
  constructor(
    private readonly config: KafkaConfig,
    private readonly secrets: Secrets,
  ) {}

  async connect(callbacks: LinkCallbacks, signal: AbortSignal): Promise<KafkaLink> {
    const kafka = new Kafka(kafkaClientConfig(this.config, this.secrets))
    const admin = kafka.admin()
    const handshake = (async () => {
      await admin.connect()
      return admin.describeCluster()
    })()
    let cluster: Awaited<typeof handshake>
    try {
      cluster = await settleWithin(
        handshake,
        this.config.connectTimeoutMs,
        signal,
        `No answer from ${this.config.brokers.join(', ')} within ${this.config.connectTimeoutMs} ms`,
      )
    } catch (err) {
      // A disconnect during the handshake waits for kafkajs's connect lock, after which its retry
      // connects again and that socket stays open for good: disconnect now, and again once the
      // handshake has settled. Not awaited: the first waits out the request still in flight.
      const quiet = () => undefined
      void admin.disconnect().catch(quiet)
      void handshake.catch(quiet).then(() => admin.disconnect().catch(quiet))
      const reason = kafkaReason(err)
      throw new LinkError(signal.aborted ? 'Cancelled' : reason, /SASL|[Aa]uthenticat/.test(reason))
    }
    if (signal.aborted) {
      await admin.disconnect().catch(() => undefined)
      throw new Error('Cancelled')
    }

    let closing = false
    let probing = false
    const probe = setInterval(() => {
      if (probing || closing) return
      probing = true
      admin
        .describeCluster()
        .catch((err: unknown) => {
          if (closing) return
          closing = true
          clearInterval(probe)
          void admin.disconnect().catch(() => undefined)
          callbacks.onLost(kafkaReason(err))
        })
        .finally(() => (probing = false))
    }, PROBE_INTERVAL_MS)
    probe.unref()

    return {
      kafka,
      admin,
      serverInfo: `cluster ${cluster.clusterId}, ${cluster.brokers.length} broker${cluster.brokers.length === 1 ? '' : 's'}, controller ${cluster.controller ?? 'unknown'}`,
      close: async () => {
        closing = true
        clearInterval(probe)
        await admin.disconnect().catch(() => undefined)
      },
    }
  }
}

/**
 * `work`, or a rejection after `ms` (with `timeoutMessage`) or on abort ("Cancelled"), whichever is
 * first. kafkajs has no deadline for a whole handshake: against a broker that accepts and stays
 * silent, its ApiVersions timeout and one retry ended in "Broker not connected", well past the
 * user's connect timeout.
 */
function settleWithin<T>(
  work: Promise<T>,
  ms: number,
  signal: AbortSignal,
  timeoutMessage: string,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const settle = (fn: () => void) => {
      clearTimeout(timer)
      signal.removeEventListener('abort', onAbort)
      fn()
    }
    const onAbort = () => settle(() => reject(new Error('Cancelled')))
    const timer = setTimeout(() => settle(() => reject(new Error(timeoutMessage))), ms)
    signal.addEventListener('abort', onAbort, { once: true })
    if (signal.aborted) onAbort()
    work.then(
      (value) => settle(() => resolve(value)),
      (err: unknown) => settle(() => reject(err as Error)),
    )
  })
}
