import type { AmqpMeta, KafkaMeta, MqttPublishProperties, Qos } from '../../shared/messages'
import type { Protocol } from '../../shared/profiles'
import type { HistoryStore } from '../history/history-store'
import type { MessageRecord } from '../history/message-record'
import type { TopicViews } from '../topics/topic-views'

export interface IncomingMessage {
  topic: string
  payload: Uint8Array
  qos: Qos | null
  retain: boolean
  dup: boolean
  properties: MqttPublishProperties | null
  /** AMQP and Kafka metadata; leave out (or null) for MQTT. */
  amqp?: AmqpMeta | null
  kafka?: KafkaMeta | null
}

/**
 * Where every message from every broker goes, once: it gets its id, updates the topic tree
 * (O(depth)), joins the history writer's next batch and, only if a view has its topic selected,
 * that view's next delta. Nothing here is per-message I/O or per-message IPC.
 */
export class Ingest {
  constructor(
    private readonly history: HistoryStore,
    private readonly views: TopicViews,
    /** History paused for a profile: the tree still updates, nothing is stored. */
    private readonly paused: (profileId: string) => boolean = () => false,
  ) {}

  receive(profileId: string, protocol: Protocol, m: IncomingMessage): MessageRecord {
    const record: MessageRecord = {
      id: this.history.nextId(),
      profileId,
      protocol,
      direction: 'in',
      receivedAt: Date.now(),
      ...m,
      amqp: m.amqp ?? null,
      kafka: m.kafka ?? null,
    }
    const paused = this.paused(profileId)
    const node = this.views.tree(profileId).record(m.topic, {
      id: record.id,
      receivedAt: record.receivedAt,
      payload: m.payload,
      retain: m.retain,
      live: true,
      keepPreview: paused,
    })
    if (!paused) this.history.append(record, node)
    this.views.onMessage(record)
    return record
  }

  /** Messages from an imported file: stored, and put in the tree as known from history. */
  imported(
    profileId: string,
    protocol: Protocol,
    m: IncomingMessage & { receivedAt: number; direction: 'in' | 'out' },
  ): void {
    const record: MessageRecord = {
      id: this.history.nextId(),
      profileId,
      protocol,
      ...m,
      amqp: m.amqp ?? null,
      kafka: m.kafka ?? null,
    }
    const node =
      m.direction === 'in'
        ? this.views.tree(profileId).record(m.topic, {
            id: record.id,
            receivedAt: m.receivedAt,
            payload: m.payload,
            retain: m.retain,
            live: false,
          })
        : undefined
    this.history.append(record, node)
  }

  /** What the app itself published: history only (the tree shows what the broker delivers). */
  sent(profileId: string, protocol: Protocol, m: IncomingMessage): MessageRecord {
    const record: MessageRecord = {
      id: this.history.nextId(),
      profileId,
      protocol,
      direction: 'out',
      receivedAt: Date.now(),
      ...m,
      amqp: m.amqp ?? null,
      kafka: m.kafka ?? null,
    }
    if (!this.paused(profileId)) this.history.append(record)
    return record
  }
}
