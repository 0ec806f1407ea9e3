import type { KafkaMeta } from '../../shared/messages'
import { kafkaTreePath } from '../../shared/tree-paths'
import type { KafkaRecord } from '../brokers/kafka/kafka-fetcher'
import type { HistoryStore } from '../history/history-store'
import type { MessageRecord } from '../history/message-record'
import type { Ingest } from '../ingest/ingest'
import type { KafkaStoredOffsets } from './kafka-stored-offsets'
import { compareOffsets } from './partition-merge'

const EMPTY = new Uint8Array(0)

/**
 * Where records read by a browse or a tail enter the app: through Ingest (tree, history, views),
 * under `topic/partition`, unless the history already holds that offset of that partition: then
 * the stored row stands for it (same id), and nothing is stored or counted twice.
 */
export class KafkaRecordIntake {
  constructor(
    private readonly ingest: Ingest,
    private readonly history: HistoryStore,
    private readonly stored: KafkaStoredOffsets,
  ) {}

  /** The records as history records, in the order given. Synchronous: no other intake interleaves. */
  take(profileId: string, topic: string, records: KafkaRecord[]): MessageRecord[] {
    if (records.length === 0) return []
    // Rows still queued in the writer must be visible to the lookup.
    this.history.flush()
    const known = new Map<number, Map<string, { id: number; receivedAt: number }>>()
    const ranges = new Map<number, { min: string; max: string }>()
    for (const r of records) {
      const range = ranges.get(r.partition)
      if (!range) ranges.set(r.partition, { min: r.offset, max: r.offset })
      else if (compareOffsets(r.offset, range.min) < 0) range.min = r.offset
      else if (compareOffsets(r.offset, range.max) > 0) range.max = r.offset
    }
    for (const [partition, { min, max }] of ranges) {
      const path = kafkaTreePath(topic, partition)
      known.set(partition, this.stored.stored(profileId, path, BigInt(min), BigInt(max)))
    }

    return records.map((r) => {
      const path = kafkaTreePath(topic, r.partition)
      const meta: KafkaMeta = {
        topic,
        partition: r.partition,
        offset: r.offset,
        key: r.key,
        headers: r.headers,
        timestamp: r.timestamp,
        timestampType: r.timestampType,
      }
      const payload = r.value ?? EMPTY
      const seen = known.get(r.partition)?.get(r.offset)
      if (seen) {
        return {
          id: seen.id,
          profileId,
          protocol: 'kafka',
          direction: 'in',
          topic: path,
          receivedAt: seen.receivedAt,
          qos: null,
          retain: false,
          dup: false,
          properties: null,
          amqp: null,
          kafka: meta,
          payload,
        }
      }
      return this.ingest.receive(profileId, 'kafka', {
        topic: path,
        payload,
        qos: null,
        retain: false,
        dup: false,
        properties: null,
        kafka: meta,
      })
    })
  }
}
