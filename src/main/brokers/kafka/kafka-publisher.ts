import type { Admin, Kafka, Message, Producer, RecordMetadata } from 'kafkajs'
import { kafkaHeaders, toBuffer } from './kafka-headers'

/** One record to send: bytes in, bytes out, headers in the order the user gave them. */
export interface KafkaRecordToSend {
  topic: string
  partition: number | null
  key: Uint8Array | null
  value: Uint8Array
  headers: [string, Uint8Array][]
  timestamp: number
}

export type KafkaSendOutcome =
  | {
      ok: true
      partition: number
      offset: string
      /** Set when the topic stamps records with the broker's time (LogAppendTime). */
      logAppendTime: number | null
      /** The headers in the order they went on the wire (see `kafkaHeaders`). */
      headers: [string, Uint8Array][]
    }
  | { ok: false; error: unknown }

/**
 * The producer of one Kafka link. It connects on the first publish rather than with the link: a
 * profile used to browse topics and groups never publishes, and a producer is a connection to every
 * partition leader it writes to, held for the life of the link. Once connected it is reused until
 * the link closes or is lost.
 */
export class KafkaPublisher {
  private producer: Promise<Producer> | null = null
  private closed = false

  constructor(
    private readonly kafka: Kafka,
    private readonly admin: Admin,
  ) {}

  async send(record: KafkaRecordToSend): Promise<KafkaSendOutcome> {
    const { headers, sent } = kafkaHeaders(record.headers)
    const message: Message = {
      key: record.key === null ? null : toBuffer(record.key),
      value: toBuffer(record.value),
      headers,
      timestamp: String(record.timestamp),
    }
    if (record.partition !== null) message.partition = record.partition
    let metadata: RecordMetadata[]
    const producer = this.connected()
    try {
      // acks -1: the record counts as sent once every in-sync replica has it.
      metadata = await (await producer).send({ topic: record.topic, acks: -1, messages: [message] })
    } catch (error) {
      this.discard(producer)
      return { ok: false, error }
    }
    const m = metadata.find((r) => r.topicName === record.topic)
    if (!m) return { ok: false, error: await this.unknownPartition(record.topic, record.partition) }
    const appended = Number(m.logAppendTime ?? '-1')
    return {
      ok: true,
      partition: m.partition,
      offset: m.baseOffset ?? m.offset ?? '-1',
      logAppendTime: appended >= 0 ? appended : null,
      headers: sent,
    }
  }

  async close(): Promise<void> {
    this.closed = true
    const producer = this.producer
    this.producer = null
    if (producer) await producer.then((p) => p.disconnect()).catch(() => undefined)
  }

  /**
   * A failed send leaves the producer with state that can fail the next ones too: kafkajs keeps
   * every topic it once produced to in the metadata it refreshes, so a topic deleted since fails
   * every later refresh. The next publish starts with a fresh producer instead.
   */
  private discard(producer: Promise<Producer>): void {
    if (this.producer !== producer) return
    this.producer = null
    void producer.then((p) => p.disconnect()).catch(() => undefined)
  }

  private connected(): Promise<Producer> {
    if (this.closed) return Promise.reject(new Error('The connection to the cluster was closed'))
    this.producer ??= (async () => {
      // Publishing to a topic that does not exist is a mistake to report, not a topic to make.
      const producer = this.kafka.producer({ allowAutoTopicCreation: false })
      try {
        await producer.connect()
      } catch (err) {
        this.producer = null
        throw err
      }
      return producer
    })()
    return this.producer
  }

  /**
   * kafkajs sends nothing, and says nothing, for a partition its metadata does not list: it just
   * returns no metadata for the record. Ask the cluster why, so the user reads a reason.
   */
  private async unknownPartition(topic: string, partition: number | null): Promise<Error> {
    try {
      const { topics } = await this.admin.fetchTopicMetadata({ topics: [topic] })
      const count = topics[0]?.partitions.length ?? 0
      if (partition !== null && count > 0 && partition >= count)
        return new Error(`Topic "${topic}" has no partition ${partition}: it has ${count} (0–${count - 1})`)
    } catch (err) {
      return err as Error
    }
    const which = partition === null ? 'any partition' : `partition ${partition}`
    return new Error(`The producer knows no leader for ${which} of "${topic}" yet: try again`)
  }
}
