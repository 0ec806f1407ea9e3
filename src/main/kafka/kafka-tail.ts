import type { KafkaTailStatus } from '../../shared/kafka'
import { KafkaFetcher } from '../brokers/kafka/kafka-fetcher'
import { kafkaReason } from '../brokers/kafka/kafka-link'
import type { Kafka } from 'kafkajs'
import type { KafkaRecordIntake } from './kafka-record-intake'
import { compareRecords } from './partition-merge'

/** A tail's fetch waits this long for new records before it asks again (and sees a stop). */
export const TAIL_MAX_WAIT_MS = 500
/** Status events of a running tail at most this often (four a second). */
const REPORT_INTERVAL_MS = 250
/** With every partition followed, new partitions of the topic are looked for this often. */
const PARTITIONS_REFRESH_MS = 30_000
const TAIL_PARTITION_BYTES = 1024 * 1024

/**
 * Follows a topic's new records (from each partition's end at the start) into the history and the
 * tree, fetching in a loop with a long poll on a fetcher (so connections) of its own. It fails with
 * the reason when the connection is lost or the profile disconnected; `stop()` ends it within one
 * poll, and what that last poll brings is dropped.
 */
export class KafkaTail {
  readonly status: KafkaTailStatus
  private stopping = false
  private lastReport = 0
  private reportTimer: NodeJS.Timeout | null = null
  private readonly fetcher: KafkaFetcher
  /** Resolves once the start positions are known (records produced after it are followed). */
  readonly started: Promise<void>
  private readonly markStarted: () => void
  /** Settles when the loop has ended and the fetcher is closed. */
  readonly done: Promise<void>

  constructor(
    id: string,
    private readonly profileId: string,
    private readonly topic: string,
    private readonly partitions: number[] | null,
    kafka: Kafka,
    /** Throws (ApiError 'unavailable') when the profile is no longer connected. */
    private readonly stillConnected: () => void,
    private readonly intake: KafkaRecordIntake,
    private readonly onStatus: (status: KafkaTailStatus) => void,
  ) {
    this.status = { id, profileId, topic, state: 'running', received: 0, error: null }
    this.fetcher = new KafkaFetcher(kafka)
    let markStarted = () => undefined as void
    this.started = new Promise((resolve) => (markStarted = resolve))
    this.markStarted = markStarted
    this.done = this.run().finally(() => this.fetcher.close())
  }

  stop(): KafkaTailStatus {
    if (this.status.state === 'running') {
      this.stopping = true
      this.status.state = 'stopped'
      this.report(true)
    }
    return { ...this.status }
  }

  private async run(): Promise<void> {
    const positions = new Map<number, bigint>()
    try {
      const all = await this.fetcher.partitions(this.topic)
      const followed = this.partitions ?? all
      const missing = followed.filter((p) => !all.includes(p))
      if (missing.length > 0)
        throw new Error(`${this.topic} has no partition ${missing.join(', ')} (it has ${all.length})`)
      const marks = await this.fetcher.watermarks(this.topic, followed)
      for (const p of followed) positions.set(p, marks.get(p)!.high)
      this.markStarted()
      let refreshedAt = Date.now()
      while (!this.stopping) {
        this.stillConnected()
        if (this.partitions === null && Date.now() - refreshedAt > PARTITIONS_REFRESH_MS) {
          refreshedAt = Date.now()
          // Partitions added since: everything in them is new.
          for (const p of await this.fetcher.partitions(this.topic, true))
            if (!positions.has(p)) positions.set(p, 0n)
        }
        const reads = await this.fetcher.fetch(
          this.topic,
          [...positions].map(([partition, offset]) => ({ partition, offset })),
          { maxWaitMs: TAIL_MAX_WAIT_MS, partitionMaxBytes: TAIL_PARTITION_BYTES },
        )
        if (this.stopping) break
        const records = reads.flatMap((r) => r.records).sort(compareRecords)
        for (const read of reads) {
          if (!read.outOfRange) positions.set(read.partition, read.next)
          else {
            // Truncated or deleted under us: go on from wherever the log now is.
            const marks = await this.fetcher.watermarks(this.topic, [read.partition])
            const { low, high } = marks.get(read.partition)!
            const at = positions.get(read.partition)!
            positions.set(read.partition, at < low ? low : high)
          }
        }
        if (records.length > 0) {
          this.intake.take(this.profileId, this.topic, records)
          this.status.received += records.length
          this.report(false)
        }
      }
    } catch (err) {
      if (!this.stopping) {
        this.status.state = 'failed'
        this.status.error = kafkaReason(err)
        this.report(true)
      }
    } finally {
      this.markStarted()
      if (this.reportTimer) clearTimeout(this.reportTimer)
      this.reportTimer = null
    }
  }

  /** Now if forced (state changes) or due; else once, at the next slot. */
  private report(force: boolean): void {
    const now = Date.now()
    if (force || now - this.lastReport >= REPORT_INTERVAL_MS) {
      if (this.reportTimer) clearTimeout(this.reportTimer)
      this.reportTimer = null
      this.lastReport = now
      this.onStatus({ ...this.status })
      return
    }
    this.reportTimer ??= setTimeout(
      () => {
        this.reportTimer = null
        this.report(true)
      },
      this.lastReport + REPORT_INTERVAL_MS - now,
    )
    this.reportTimer.unref()
  }
}
