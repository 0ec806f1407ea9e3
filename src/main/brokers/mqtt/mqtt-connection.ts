import type { IClientSubscribeOptions, MqttClient } from 'mqtt'
import { ApiError } from '../../../shared/api-error'
import type { PublishResult, PublishTarget } from '../../../shared/publish'
import { topicNameError } from '../../../shared/mqtt-topic'
import type { MqttConfig, Secrets } from '../../../shared/profiles'
import type { MqttSubscription, SubscriptionStatus } from '../../../shared/subscriptions'
import type { BrokerLink, LinkCallbacks, LinkFactory } from '../../connections/broker-link'
import type { Ingest } from '../../ingest/ingest'
import type { PublishingConnection } from '../../publish/publishing-connection'
import { incomingTopicError } from './incoming-topic'
import { MqttLinkFactory } from './mqtt-link'
import { fromPacketProperties, toPacketProperties } from './mqtt-properties'
import { subackReason } from './suback-reasons'

export interface MqttConnectionDeps {
  ingest: Ingest
  /** Subscriptions changed state (SUBACK, offline, added, removed). */
  onSubscriptions(list: SubscriptionStatus[]): void
}

/**
 * One MQTT profile's live connection: the link factory the ManagedSession reconnects with, the
 * subscriptions (subscribed again on every new link, each SUBACK tracked), publishing, and the
 * hand-off of every received message to the ingest.
 */
export class MqttConnection implements LinkFactory, PublishingConnection {
  private client: MqttClient | null = null
  private readonly links: MqttLinkFactory
  private readonly subs = new Map<string, SubscriptionStatus>()
  /**
   * PUBACK/PUBREC reason codes by packet id: on success mqtt.js resolves a publish with the packet
   * it sent, not the broker's answer, so "no matching subscribers" (16) would read as 0.
   */
  private readonly ackReasons = new Map<number, number>()

  constructor(
    readonly profileId: string,
    private readonly config: MqttConfig,
    secrets: Secrets,
    private readonly deps: MqttConnectionDeps,
  ) {
    this.links = new MqttLinkFactory(config, secrets)
    for (const s of config.subscriptions) this.subs.set(s.filter, offline(s))
  }

  get connected(): boolean {
    return this.client !== null
  }

  subscriptions(): SubscriptionStatus[] {
    return [...this.subs.values()]
  }

  async connect(callbacks: LinkCallbacks, signal: AbortSignal): Promise<BrokerLink> {
    const link = await this.links.connect(callbacks, signal)
    const client = link.client
    client.on('message', (topic, payload, packet) => {
      const bad = incomingTopicError(topic, packet, this.config.mqttVersion === 5)
      if (bad) {
        // Not stored: MQTT has the receiver close the connection on a malformed packet.
        link.abort(`The broker sent a PUBLISH with an invalid topic (${bad}). The connection was closed`)
        return
      }
      this.deps.ingest.receive(this.profileId, 'mqtt', {
        topic,
        payload,
        qos: packet.qos,
        retain: packet.retain,
        dup: packet.dup,
        properties: fromPacketProperties(packet.properties),
      })
    })
    client.on('packetreceive', (packet) => {
      if ((packet.cmd === 'puback' || packet.cmd === 'pubrec') && packet.messageId !== undefined)
        this.ackReasons.set(packet.messageId, packet.reasonCode ?? 0)
    })
    client.on('close', () => {
      if (this.client === client) this.goOffline()
    })
    this.client = client
    // Subscribing must not hold up "connected": a refused filter is shown on the filter itself.
    void Promise.all([...this.subs.values()].map((s) => this.sendSubscribe(client, s)))
    return {
      serverInfo: link.serverInfo,
      close: async () => {
        if (this.client === client) this.goOffline()
        await link.close()
      },
    }
  }

  /** Adds or changes a subscription; when connected, resolves with the broker's answer. */
  async subscribe(sub: MqttSubscription): Promise<SubscriptionStatus> {
    const status = this.client ? { ...offline(sub), state: 'pending' as const } : offline(sub)
    this.subs.set(sub.filter, status)
    this.changed()
    return this.client ? this.sendSubscribe(this.client, status) : status
  }

  async unsubscribe(filter: string): Promise<void> {
    if (!this.subs.delete(filter)) return
    this.changed()
    const client = this.client
    if (client) await client.unsubscribeAsync(filter).catch(() => undefined)
  }

  async publish(target: PublishTarget, payload: Uint8Array): Promise<PublishResult> {
    if (target.protocol !== 'mqtt')
      throw new ApiError('invalid_input', `An MQTT connection cannot publish to ${target.protocol}`)
    const input = { ...target, payload }
    const error = topicNameError(input.topic)
    if (error) throw new ApiError('invalid_input', error, [{ path: 'topic', message: error }])
    const client = this.client
    if (!client) throw new ApiError('unavailable', 'Not connected: connect the profile to publish')
    const v5 = this.config.mqttVersion === 5
    const bytes = Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength)
    let reasonCode: number | null = null
    let reason: string | null = null
    try {
      const packet = await client.publishAsync(input.topic, bytes, {
        qos: input.qos,
        retain: input.retain,
        properties: v5 ? toPacketProperties(input.properties) : undefined,
      })
      const messageId = packet?.messageId
      const acked = messageId === undefined ? undefined : this.ackReasons.get(messageId)
      if (messageId !== undefined) this.ackReasons.delete(messageId)
      const rc = acked ?? (packet as { reasonCode?: number } | undefined)?.reasonCode
      if (v5 && input.qos > 0) reasonCode = rc ?? 0
      if (rc === 16) reason = 'No matching subscribers'
    } catch (err) {
      const code = (err as { code?: unknown }).code
      if (typeof code !== 'number')
        throw new ApiError('unavailable', `Publish failed: ${(err as Error).message}`)
      reasonCode = code
      reason = (err as Error).message
    }
    const record = this.deps.ingest.sent(this.profileId, 'mqtt', {
      topic: input.topic,
      payload: input.payload,
      qos: input.qos,
      retain: input.retain,
      dup: false,
      properties: v5 ? (input.properties ?? null) : null,
    })
    return {
      messageId: record.id,
      at: record.receivedAt,
      // 0x10 "no matching subscribers" is a success that says no one listened.
      ok: reasonCode === null || reasonCode < 0x80,
      reasonCode,
      reason,
      kafka: null,
      amqp: null,
      resolvedText: null,
    }
  }

  private async sendSubscribe(client: MqttClient, sub: SubscriptionStatus): Promise<SubscriptionStatus> {
    const v5 = this.config.mqttVersion === 5
    const options: IClientSubscribeOptions = { qos: sub.qos }
    if (v5) {
      options.nl = sub.noLocal
      options.rap = sub.retainAsPublished
      options.rh = sub.retainHandling
      if (sub.subscriptionIdentifier !== null)
        options.properties = { subscriptionIdentifier: sub.subscriptionIdentifier }
    }
    const answer = await new Promise<SubscriptionStatus>((resolve) => {
      client.subscribe(sub.filter, options, (err, granted) => {
        const packetCode = (err as { packet?: { granted?: number[] } } | null)?.packet?.granted?.[0]
        const code = err
          ? (packetCode ?? ((err as { code?: unknown }).code as number | undefined) ?? 0x80)
          : granted?.[0]?.qos
        if (err && typeof code !== 'number') {
          resolve({ ...sub, state: 'refused', grantedQos: null, reasonCode: null, reason: err.message })
        } else if (typeof code === 'number' && (code & 0x80) !== 0) {
          resolve({
            ...sub,
            state: 'refused',
            grantedQos: null,
            reasonCode: code,
            reason: subackReason(code, this.config.mqttVersion),
          })
        } else {
          resolve({
            ...sub,
            state: 'active',
            grantedQos: code ?? sub.qos,
            reasonCode: code ?? 0,
            reason: null,
          })
        }
      })
    })
    // Only record the answer if the subscription is still the one asked for and the link the same.
    if (this.subs.get(sub.filter)?.qos === sub.qos && this.client === client) {
      this.subs.set(sub.filter, answer)
      this.changed()
    }
    return answer
  }

  private goOffline(): void {
    this.client = null
    this.ackReasons.clear()
    for (const [filter, s] of this.subs)
      this.subs.set(filter, { ...s, state: 'offline', grantedQos: null, reasonCode: null, reason: null })
    this.changed()
  }

  private changed(): void {
    this.deps.onSubscriptions(this.subscriptions())
  }
}

function offline(s: MqttSubscription): SubscriptionStatus {
  return { ...s, state: 'offline', grantedQos: null, reasonCode: null, reason: null }
}
