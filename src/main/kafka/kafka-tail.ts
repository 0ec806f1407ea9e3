import type { Kafka } from 'kafkajs'
import type { KafkaTailStatus } from '../../shared/kafka'
import { KafkaReconnecting } from '../brokers/kafka/kafka-connection'
import { KafkaFetcher, NoLeaderError } from '../brokers/kafka/kafka-fetcher'
import { kafkaReason } from '../brokers/kafka/kafka-link'
import type { KafkaRecordIntake } from './kafka-record-intake'
import { compareRecords } from './partition-merge'

/** A tail's fetch waits this long for new records before it asks again (and sees a stop). */
export const TAIL_MAX_WAIT_MS = 500
/** Status events of a running tail at most this often (four a second). */
const REPORT_INTERVAL_MS = 250
/** With every partition followed, new partitions of the topic are looked for this often. */
const PARTITIONS_REFRESH_MS = 30_000
const TAIL_PARTITION_BYTES = 1024 * 1024
/** After a fetch failed over the connection, the link is looked at again this often. */
const LINK_CHECK_MS = 250
/**
 * How long fetches may keep failing over the connection while the session still calls the same
 * link connected (its probe runs every 5 s, so it is often the last to know) before the tail
 * gives up and fails with the fetch's error.
 */
export const SAME_LINK_GRACE_MS = 20_000

/** kafkajs errors (at any depth of its wrapping) and socket codes that mean "the broker is not there". */
const LINK_ERRORS = new Set([
  'KafkaJSConnectionError',
  'KafkaJSConnectionClosedError',
  'KafkaJSRequestTimeoutError',
  'KafkaJSBrokerNotFound',
  NoLeaderError.name,
])
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH'])

function isLinkTrouble(err: unknown): boolean {
  let e: unknown = err
  for (let depth = 0; depth < 6 && e; depth++) {
    const { name, code } = e as { name?: unknown; code?: unknown }
    if (typeof name === 'string' && LINK_ERRORS.has(name)) return true
    if (typeof code === 'string' && SOCKET_CODES.has(code)) return true
    e = (e as { originalError?: unknown; cause?: unknown }).originalError ?? (e as { cause?: unknown }).cause
  }
  return false
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref())

/**
 * Follows a topic's new records (from each partition's end at the start) into the history and the
 * tree, fetching in a loop with a long poll on a fetcher (so connections) of its own.
 *
 * When the connection is lost it keeps running and keeps its positions: `error` says what
 * happened while it waits, and once the profile's session has a new link the tail goes on from
 * where it was on a fetcher of that link, so what was produced meanwhile is read, not skipped
 * (and a record read twice is stored once: KafkaRecordIntake). It fails, with the reason, when
 * the profile is disconnected or its session fails, on errors that are not the connection's, and
 * when fetches keep failing on a link the session still calls connected. `stop()` ends it within
 * one poll, and what that last poll brings is dropped.
 */
export class KafkaTail {
  readonly status: KafkaTailStatus
  private stopping = false
  private lastReport = 0
  private reportTimer: NodeJS.Timeout | null = null
  private fetcher: KafkaFetcher
  /** The link the fetcher belongs to. */
  private kafka: Kafka
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
    /**
     * The profile's current kafkajs client (a new one after each reconnect). Throws ApiError
     * 'unavailable' when there is none: `KafkaReconnecting` while one may still come.
     */
    private readonly linkOf: () => Kafka,
    private readonly intake: KafkaRecordIntake,
    private readonly onStatus: (status: KafkaTailStatus) => void,
  ) {
    this.status = { id, profileId, topic, state: 'running', received: 0, error: null }
    this.kafka = linkOf()
    this.fetcher = new KafkaFetcher(this.kafka)
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
      /** When fetches started failing over the connection; null while they work. */
      let troubleSince: number | null = null
      while (!this.stopping) {
        try {
          // On a new link, the grace for failing fetches starts again.
          if (this.followLink()) troubleSince = null
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
          if (troubleSince !== null || this.status.error !== null) {
            troubleSince = null
            this.status.error = null
            this.report(true)
          }
          if (records.length > 0) {
            this.intake.take(this.profileId, this.topic, records)
            this.status.received += records.length
            this.report(false)
          }
        } catch (err) {
          if (this.stopping) break
          if (!isLinkTrouble(err) && !this.linkChanged()) throw err
          troubleSince ??= Date.now()
          await this.awaitLink(err, troubleSince)
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

  /**
   * Moves to the profile's current link if it is a new one (the session reconnected), keeping
   * the positions; says whether it moved. Throws what `linkOf` throws when there is no link.
   */
  private followLink(): boolean {
    const kafka = this.linkOf()
    if (kafka === this.kafka) return false
    const old = this.fetcher
    this.kafka = kafka
    this.fetcher = new KafkaFetcher(kafka)
    void old.close()
    return true
  }

  /** Is the session reconnecting, or on another link than the fetcher's? */
  private linkChanged(): boolean {
    try {
      return this.linkOf() !== this.kafka
    } catch (err) {
      return err instanceof KafkaReconnecting
    }
  }

  /**
   * After a fetch failed over the connection: says so in `error`, and returns once there is a
   * link to try again on (a new one, or the same one a moment later). Throws when the session
   * has ended, and `cause` when the same link has kept failing for SAME_LINK_GRACE_MS.
   */
  private async awaitLink(cause: unknown, since: number): Promise<void> {
    const reason = cause instanceof KafkaReconnecting ? cause.lostReason : kafkaReason(cause)
    const error = `Connection lost (${reason}): the tail goes on when the profile is connected again`
    if (this.status.error !== error) {
      this.status.error = error
      this.report(true)
    }
    for (;;) {
      await sleep(LINK_CHECK_MS)
      if (this.stopping) return
      let kafka: Kafka
      try {
        kafka = this.linkOf()
      } catch (err) {
        if (err instanceof KafkaReconnecting) continue
        throw err
      }
      if (kafka === this.kafka && Date.now() - since > SAME_LINK_GRACE_MS) throw cause
      return
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
