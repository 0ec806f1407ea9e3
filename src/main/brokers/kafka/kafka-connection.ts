import type { Admin, Kafka } from 'kafkajs'
import { ApiError } from '../../../shared/api-error'
import type { KafkaConfig, Secrets } from '../../../shared/profiles'
import type { PublishResult, PublishTarget } from '../../../shared/publish'
import { kafkaTreePath } from '../../../shared/tree-paths'
import {
  LinkError,
  type BrokerLink,
  type LinkCallbacks,
  type LinkFactory,
} from '../../connections/broker-link'
import type { Ingest } from '../../ingest/ingest'
import type { PublishingConnection } from '../../publish/publishing-connection'
import { KafkaLinkFactory, kafkaReason } from './kafka-link'
import { KafkaPublisher } from './kafka-publisher'

/**
 * What `live()` throws while the link is lost and the session is trying to get it back: unlike
 * "not connected", this may end by itself, so long-running readers (a tail) wait for the next link.
 */
export class KafkaReconnecting extends ApiError {
  constructor(readonly lostReason: string) {
    super('unavailable', `Reconnecting: the connection was lost (${lostReason})`)
    this.name = 'KafkaReconnecting'
  }
}

export interface KafkaConnectionDeps {
  ingest: Ingest
}

/**
 * One Kafka profile's live connection: the link factory the ManagedSession reconnects with, and
 * producing to whichever link is current. kafkajs stays behind this folder.
 */
export class KafkaConnection implements LinkFactory, PublishingConnection {
  private readonly links: KafkaLinkFactory
  private publisher: KafkaPublisher | null = null
  /** The current link's kafkajs client and admin, for the cluster, browse and group features. */
  private current: { kafka: Kafka; admin: Admin } | null = null
  /** Why the last link was lost, while the session tries to make a new one; else null. */
  private lost: string | null = null

  constructor(
    readonly profileId: string,
    config: KafkaConfig,
    secrets: Secrets,
    private readonly deps: KafkaConnectionDeps,
  ) {
    this.links = new KafkaLinkFactory(config, secrets)
  }

  get connected(): boolean {
    return this.publisher !== null
  }

  async connect(callbacks: LinkCallbacks, signal: AbortSignal): Promise<BrokerLink> {
    const made: { publisher?: KafkaPublisher } = {}
    let link: Awaited<ReturnType<KafkaLinkFactory['connect']>>
    try {
      link = await this.links.connect(
        {
          onLost: (reason) => {
            if (made.publisher) void this.retire(made.publisher)
            this.current = null
            this.lost = reason
            callbacks.onLost(reason)
          },
        },
        signal,
      )
    } catch (err) {
      // Retrying cannot fix this one: the session ends in `failed`, no link is coming.
      if (err instanceof LinkError && err.fatal) this.lost = null
      throw err
    }
    const publisher = new KafkaPublisher(link.kafka, link.admin)
    made.publisher = publisher
    this.publisher = publisher
    const current = { kafka: link.kafka, admin: link.admin }
    this.current = current
    this.lost = null
    return {
      serverInfo: link.serverInfo,
      close: async () => {
        if (this.current === current) this.current = null
        await this.retire(publisher)
        await link.close()
      },
    }
  }

  /**
   * The live kafkajs client and admin (a new pair after each reconnect); ApiError 'unavailable'
   * while not connected, as `KafkaReconnecting` while a lost link is being made again.
   */
  live(): { kafka: Kafka; admin: Admin } {
    if (this.current) return this.current
    if (this.lost !== null) throw new KafkaReconnecting(this.lost)
    throw new ApiError('unavailable', 'Not connected: connect the profile first')
  }

  async publish(target: PublishTarget, payload: Uint8Array): Promise<PublishResult> {
    if (target.protocol !== 'kafka')
      throw new ApiError('invalid_input', `A Kafka connection cannot publish to ${target.protocol}`)
    const publisher = this.publisher
    if (!publisher) throw new ApiError('unavailable', 'Not connected: connect the profile to publish')
    const timestamp = Date.now()
    const outcome = await publisher.send({
      topic: target.topic,
      partition: target.partition,
      key: target.key,
      value: payload,
      headers: target.headers,
      timestamp,
    })
    if (!outcome.ok) {
      // Nothing was appended anywhere (no offset to point at), so nothing goes to the history.
      return {
        messageId: null,
        at: timestamp,
        ok: false,
        reasonCode: null,
        reason: refusal(outcome.error),
        kafka: null,
        amqp: null,
        resolvedText: null,
      }
    }
    const record = this.deps.ingest.sent(this.profileId, 'kafka', {
      topic: kafkaTreePath(target.topic, outcome.partition),
      payload,
      qos: null,
      retain: false,
      dup: false,
      properties: null,
      kafka: {
        topic: target.topic,
        partition: outcome.partition,
        offset: outcome.offset,
        key: target.key,
        headers: outcome.headers,
        timestamp: outcome.logAppendTime ?? timestamp,
        timestampType: outcome.logAppendTime === null ? 'create' : 'log-append',
      },
    })
    return {
      messageId: record.id,
      at: record.receivedAt,
      ok: true,
      reasonCode: null,
      reason: null,
      kafka: { partition: outcome.partition, offset: outcome.offset },
      amqp: null,
      resolvedText: null,
    }
  }

  private retire(publisher: KafkaPublisher): Promise<void> {
    if (this.publisher === publisher) this.publisher = null
    return publisher.close()
  }
}

/** The innermost reason, with the protocol's error name when the broker gave one. */
function refusal(error: unknown): string {
  const reason = kafkaReason(error)
  let e: unknown = error
  for (let depth = 0; depth < 5 && e; depth++) {
    const type = (e as { type?: unknown }).type
    if (typeof type === 'string' && /^[A-Z_]+$/.test(type) && !reason.includes(type))
      return `${type}: ${reason}`
    e = (e as { originalError?: unknown; cause?: unknown }).originalError ?? (e as { cause?: unknown }).cause
  }
  return reason
}
