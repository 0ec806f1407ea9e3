import type { ChannelModel, Options } from 'amqplib'
import { ApiError } from '../../../shared/api-error'
import type { AmqpProperties } from '../../../shared/messages'
import type { AmqpConfig, Secrets } from '../../../shared/profiles'
import type { PublishResult, PublishTarget } from '../../../shared/publish'
import { amqpTreePath } from '../../../shared/tree-paths'
import type { BrokerLink, LinkCallbacks, LinkFactory } from '../../connections/broker-link'
import type { Ingest } from '../../ingest/ingest'
import type { PublishingConnection } from '../../publish/publishing-connection'
import { AmqpLinkFactory } from './amqp-link'
import { AmqpPublisher } from './amqp-publisher'
import { headersForPublish } from './amqp-publish-headers'

export interface AmqpConnectionDeps {
  ingest: Ingest
  /** A new connection is up (first connect or reconnect): consumers and taps are restored on it. */
  onLinkUp?(connection: ChannelModel): void
  /** The connection is gone: lost (`byUser` false, a reconnect follows) or closed on request. */
  onLinkDown?(reason: string, byUser: boolean): void
  /** connection.blocked / unblocked: a resource alarm stops (or lets go of) publishers. */
  onBlocked?(reason: string | null): void
}

/** Exchange names, routing keys and header names are AMQP short strings: 255 bytes of UTF-8. */
const SHORT_STRING_BYTES = 255

/**
 * One AMQP profile's live connection: the link factory the ManagedSession reconnects with, and
 * publishing on whichever link is current (with publisher confirms and mandatory returns).
 */
export class AmqpConnection implements LinkFactory, PublishingConnection {
  private readonly links: AmqpLinkFactory
  private publisher: AmqpPublisher | null = null

  constructor(
    readonly profileId: string,
    config: AmqpConfig,
    secrets: Secrets,
    private readonly deps: AmqpConnectionDeps,
  ) {
    this.links = new AmqpLinkFactory(config, secrets)
  }

  get connected(): boolean {
    return this.publisher !== null
  }

  /** The current amqplib connection, for the topology and consumer services to open channels on. */
  live(): ChannelModel {
    if (!this.current) throw new ApiError('unavailable', 'Not connected: connect the profile first')
    return this.current
  }

  private current: ChannelModel | null = null

  async connect(callbacks: LinkCallbacks, signal: AbortSignal): Promise<BrokerLink> {
    const link = await this.links.connect(
      {
        onLost: (reason) => {
          this.down(link.connection, reason, false)
          callbacks.onLost(reason)
        },
      },
      signal,
    )
    const publisher = new AmqpPublisher(link.connection)
    link.connection.on('close', () => {
      if (this.publisher === publisher) this.publisher = null
    })
    link.connection.on('blocked', (reason: unknown) => this.deps.onBlocked?.(String(reason ?? '')))
    link.connection.on('unblocked', () => this.deps.onBlocked?.(null))
    this.publisher = publisher
    this.current = link.connection
    this.deps.onLinkUp?.(link.connection)
    return {
      serverInfo: link.serverInfo,
      close: async () => {
        if (this.publisher === publisher) this.publisher = null
        this.down(link.connection, 'Disconnected', true)
        await link.close()
      },
    }
  }

  private down(connection: ChannelModel, reason: string, byUser: boolean): void {
    if (this.current !== connection) return
    this.current = null
    this.deps.onLinkDown?.(reason, byUser)
  }

  async publish(target: PublishTarget, payload: Uint8Array): Promise<PublishResult> {
    if (target.protocol !== 'amqp')
      throw new ApiError('invalid_input', `An AMQP connection cannot publish to ${target.protocol}`)
    const { exchange, routingKey, mandatory, properties } = target
    for (const [path, value] of [
      ['exchange', exchange],
      ['routingKey', routingKey],
    ] as const) {
      if (Buffer.byteLength(value) > SHORT_STRING_BYTES) {
        const message = `${path === 'exchange' ? 'Exchange names' : 'Routing keys'} are at most ${SHORT_STRING_BYTES} bytes of UTF-8`
        throw new ApiError('invalid_input', message, [{ path, message }])
      }
    }
    const publisher = this.publisher
    if (!publisher) throw new ApiError('unavailable', 'Not connected: connect the profile to publish')
    const content = Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength)
    const outcome = await publisher.publish(exchange, routingKey, content, {
      ...publishOptions(properties),
      mandatory,
    })
    // The broker had it in every outcome below (even one it refused), so it is history.
    const record = this.deps.ingest.sent(this.profileId, 'amqp', {
      topic: amqpTreePath(exchange, routingKey),
      payload,
      qos: null,
      retain: false,
      dup: false,
      properties: null,
      amqp: { exchange, routingKey, properties, redelivered: false, queue: null },
    })
    const result = { messageId: record.id, at: record.receivedAt, kafka: null, resolvedText: null }
    switch (outcome.kind) {
      case 'confirmed': {
        const returned = outcome.returned
        return {
          ...result,
          ok: returned === null,
          reasonCode: returned?.replyCode ?? null,
          reason: returned ? `${returned.replyText}: ${noRouteReason(exchange, routingKey)}` : null,
          amqp: { confirmed: true, returned },
        }
      }
      case 'nacked':
        return {
          ...result,
          ok: false,
          reasonCode: null,
          reason: 'The broker nacked the message: it could not take responsibility for it',
          amqp: { confirmed: false, returned: null },
        }
      case 'refused':
        return {
          ...result,
          ok: false,
          reasonCode: outcome.replyCode,
          reason: outcome.replyText,
          amqp: { confirmed: false, returned: null },
        }
    }
  }
}

function noRouteReason(exchange: string, routingKey: string): string {
  return exchange === ''
    ? `no queue is named "${routingKey}", so the broker returned the message`
    : `no queue is bound to exchange "${exchange}" for routing key "${routingKey}", so the broker returned the message`
}

/** Every basic property the user set, as amqplib takes it (all optional, as on the wire). */
export function publishOptions(p: AmqpProperties): Options.Publish {
  const options: Options.Publish = {}
  if (p.contentType !== undefined) options.contentType = p.contentType
  if (p.contentEncoding !== undefined) options.contentEncoding = p.contentEncoding
  if (p.deliveryMode !== undefined) options.deliveryMode = p.deliveryMode
  if (p.priority !== undefined) options.priority = p.priority
  if (p.correlationId !== undefined) options.correlationId = p.correlationId
  if (p.replyTo !== undefined) options.replyTo = p.replyTo
  if (p.expiration !== undefined) options.expiration = p.expiration
  if (p.messageId !== undefined) options.messageId = p.messageId
  if (p.timestamp !== undefined) options.timestamp = p.timestamp
  if (p.type !== undefined) options.type = p.type
  if (p.userId !== undefined) options.userId = p.userId
  if (p.appId !== undefined) options.appId = p.appId
  if (p.headers !== undefined) options.headers = headersForPublish(p.headers)
  return options
}
