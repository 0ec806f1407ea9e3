import { createRequire } from 'node:module'
import kafkajs, { type Kafka } from 'kafkajs'
import { ApiError } from '../../../shared/api-error'
import {
  CODEC_NAMES,
  decodeRecordSet,
  gzipOnly,
  type AbortedTransaction,
  type Decompress,
  type KafkaRecord,
} from './kafka-fetcher-records'

export type { KafkaRecord } from './kafka-fetcher-records'

/**
 * Reads records without a consumer group: Fetch requests straight to each partition's leader, as a
 * replica-less "standalone" consumer does, so nothing joins, nothing is assigned, nothing is
 * committed. kafkajs's consumer always joins a group, so this uses the parts below it — the
 * cluster (metadata, connections per broker, ListOffsets) and each broker's connection — and
 * decodes the record sets itself (`kafka-fetcher-records.ts`). kafkajs 2.2.4 is its last release;
 * these internals are pinned with it. Nothing of kafkajs leaks past this file.
 *
 * Reads are read_committed, as a default consumer reads: records of aborted transactions and
 * control records are skipped, and a partition's end is its last stable offset.
 *
 * One fetcher holds its own connections: a broker answers one request per connection at a time,
 * so a tail's long-poll must not sit in front of a browse's fetch. Make one per tail.
 */

// Not named `require`: the main bundle is CommonJS and has its own.
const requireInternal = createRequire(import.meta.url)
// Through the default export: Node's ESM loader cannot see this CommonJS export by name.
const { CompressionCodecs } = kafkajs
const { requests } = requireInternal('kafkajs/src/protocol/requests') as { requests: { Fetch: unknown } }
const { createErrorFromCode } = requireInternal('kafkajs/src/protocol/error') as {
  createErrorFromCode: (code: number) => Error
}

const FETCH_API_KEY = 1
const READ_COMMITTED = 1
const OFFSET_OUT_OF_RANGE = 1
/** Errors that mean "ask the cluster again who leads this partition". */
const STALE_METADATA = new Set([3, 5, 6, 74, 75])
const METADATA_ATTEMPTS = 4
/** A Fetch's byte limits are int32. */
const MAX_FETCH_BYTES = 0x7fffffff

export interface Watermarks {
  /** The log start offset: records below it are deleted (retention) or never were. */
  low: bigint
  /** read_committed end: the last stable offset (the high watermark without open transactions). */
  high: bigint
}

export interface PartitionRead {
  partition: number
  /** At or after the fetch offset, in offset order. */
  records: KafkaRecord[]
  /** Where this partition's next fetch starts (unchanged when nothing came). */
  next: bigint
  /** The partition's end as this fetch saw it (last stable offset). */
  end: bigint
  /** The fetch offset was not in the log (deleted below, or past the end); nothing was read. */
  outOfRange: boolean
  /** Bytes of record set that came (to size the next fetch). */
  bytes: number
}

export interface FetchOptions {
  maxWaitMs: number
  /** Bytes asked per partition; a record bigger than that is still fetched whole. */
  partitionMaxBytes: number
}

interface ProtocolRequest {
  request: { apiKey: number; apiVersion: number }
  response: { decode(payload: Buffer): Promise<unknown>; parse(decoded: unknown): Promise<unknown> }
  requestTimeout?: number
}

interface InternalBroker {
  lookupRequest(apiKey: number, definition: unknown): (options: object) => ProtocolRequest
  connectionPool: { send(request: ProtocolRequest): Promise<unknown> }
}

interface InternalCluster {
  targetTopics: Set<string>
  connect(): Promise<void>
  disconnect(): Promise<void>
  refreshMetadata(): Promise<void>
  addTargetTopic(topic: string): Promise<void>
  findTopicPartitionMetadata(topic: string): { partitionId: number; leader: number | null }[]
  findBroker(options: { nodeId: number }): Promise<InternalBroker>
  fetchTopicsOffset(
    topics: {
      topic: string
      partitions: { partition: number }[]
      fromBeginning?: boolean
      fromTimestamp?: number
    }[],
  ): Promise<{ topic: string; partitions: { partition: number; offset: string }[] }[]>
}

export interface RawPartition {
  partition: number
  errorCode: number
  highWatermark: bigint
  lastStableOffset: bigint
  aborted: AbortedTransaction[]
  records: Buffer | null
}

/** No broker led these partitions after a few metadata refreshes (an election, a broker starting). */
export class NoLeaderError extends Error {
  constructor(partitions: number[]) {
    super(`no leader answers for partitions ${partitions.join(', ')}`)
    this.name = 'NoLeaderError'
  }
}

export class KafkaFetcher {
  private readonly cluster: InternalCluster
  private connected: Promise<void> | null = null
  private closed = false

  constructor(kafka: Kafka) {
    // The client's own factory, so that the cluster gets the profile's brokers, TLS and SASL.
    const symbol = Object.getOwnPropertySymbols(kafka).find(
      (s) => s.description === 'private:Kafka:createCluster',
    )
    const create = symbol && (kafka as unknown as Record<symbol, unknown>)[symbol]
    if (typeof create !== 'function') throw new Error('this kafkajs version cannot fetch without a group')
    this.cluster = (create as (options: object) => InternalCluster)({
      allowAutoTopicCreation: false,
      isolationLevel: READ_COMMITTED,
      maxInFlightRequests: null,
    })
  }

  /** The topic's partition numbers, sorted; not_found when the cluster does not have the topic. */
  async partitions(topic: string, refresh = false): Promise<number[]> {
    await this.ready(topic)
    if (refresh) await this.cluster.refreshMetadata()
    const list = this.cluster.findTopicPartitionMetadata(topic).map((p) => p.partitionId)
    if (list.length === 0) throw new ApiError('not_found', `The cluster has no topic ${topic}`)
    return list.sort((a, b) => a - b)
  }

  async watermarks(topic: string, partitions: number[]): Promise<Map<number, Watermarks>> {
    const [low, high] = await Promise.all([
      this.listOffsets(topic, partitions, { fromBeginning: true }),
      this.listOffsets(topic, partitions, { fromBeginning: false }),
    ])
    const out = new Map<number, Watermarks>()
    for (const p of partitions) out.set(p, { low: low.get(p) ?? 0n, high: high.get(p) ?? 0n })
    return out
  }

  /** Per partition, the first offset whose timestamp is at or after `at`; null where there is none. */
  async offsetsAt(topic: string, partitions: number[], at: number): Promise<Map<number, bigint | null>> {
    const found = await this.listOffsets(topic, partitions, { fromTimestamp: Math.max(0, Math.floor(at)) })
    const out = new Map<number, bigint | null>()
    for (const p of partitions) {
      const offset = found.get(p)
      out.set(p, offset === undefined || offset < 0n ? null : offset)
    }
    return out
  }

  /**
   * One Fetch per leader, in parallel, for the given positions. A record larger than the bytes
   * asked is fetched again alone with room for it, so every record arrives whole.
   */
  async fetch(
    topic: string,
    positions: { partition: number; offset: bigint }[],
    options: FetchOptions,
  ): Promise<PartitionRead[]> {
    await this.ready(topic)
    const out: PartitionRead[] = []
    let todo = positions
    for (let attempt = 1; todo.length > 0; attempt++) {
      const stale: { partition: number; offset: bigint }[] = []
      const reads = await this.fetchFromLeaders(topic, todo, options, stale)
      out.push(...reads)
      todo = stale
      if (todo.length === 0) break
      if (attempt >= METADATA_ATTEMPTS) throw new NoLeaderError(todo.map((p) => p.partition))
      await delay(100 * attempt)
      await this.cluster.refreshMetadata()
    }
    return out.sort((a, b) => a.partition - b.partition)
  }

  async close(): Promise<void> {
    this.closed = true
    await this.cluster.disconnect().catch(() => undefined)
  }

  private async ready(topic: string): Promise<void> {
    if (this.closed) throw new ApiError('unavailable', 'The connection was closed')
    this.connected ??= this.cluster.connect().catch((err: unknown) => {
      this.connected = null
      throw err
    })
    await this.connected
    try {
      await this.cluster.addTargetTopic(topic)
    } catch (err) {
      if (!unknownTopic(err)) throw err
      // kafkajs asks for the metadata of every topic this cluster followed, and fails them all when
      // one of them was deleted since: follow this topic alone and ask again.
      this.cluster.targetTopics.clear()
      try {
        await this.cluster.addTargetTopic(topic)
      } catch (again) {
        if (unknownTopic(again)) throw new ApiError('not_found', `The cluster has no topic ${topic}`)
        throw again
      }
    }
  }

  private async listOffsets(
    topic: string,
    partitions: number[],
    mode: { fromBeginning?: boolean; fromTimestamp?: number },
  ): Promise<Map<number, bigint>> {
    await this.ready(topic)
    for (let attempt = 1; ; attempt++) {
      try {
        const [result] = await this.cluster.fetchTopicsOffset([
          { topic, partitions: partitions.map((partition) => ({ partition })), ...mode },
        ])
        return new Map((result?.partitions ?? []).map((p) => [p.partition, BigInt(p.offset)]))
      } catch (err) {
        const type = (err as { type?: string }).type
        const stale = type === 'NOT_LEADER_FOR_PARTITION' || type === 'LEADER_NOT_AVAILABLE'
        if (!stale || attempt >= METADATA_ATTEMPTS) throw err
        await delay(100 * attempt)
        await this.cluster.refreshMetadata()
      }
    }
  }

  private async fetchFromLeaders(
    topic: string,
    positions: { partition: number; offset: bigint }[],
    options: FetchOptions,
    stale: { partition: number; offset: bigint }[],
  ): Promise<PartitionRead[]> {
    const leaders = new Map<number, { partition: number; offset: bigint }[]>()
    const metadata = this.cluster.findTopicPartitionMetadata(topic)
    for (const position of positions) {
      const leader = metadata.find((m) => m.partitionId === position.partition)?.leader
      if (leader === undefined || leader === null || leader < 0) {
        stale.push(position)
        continue
      }
      const list = leaders.get(leader)
      if (list) list.push(position)
      else leaders.set(leader, [position])
    }
    const perLeader = await Promise.all(
      [...leaders].map(async ([nodeId, list]) => {
        const broker = await this.cluster.findBroker({ nodeId })
        return this.fetchFromBroker(broker, topic, list, options, stale)
      }),
    )
    return perLeader.flat()
  }

  private async fetchFromBroker(
    broker: InternalBroker,
    topic: string,
    positions: { partition: number; offset: bigint }[],
    options: FetchOptions,
    stale: { partition: number; offset: bigint }[],
  ): Promise<PartitionRead[]> {
    const raw = await this.send(broker, topic, positions, options.maxWaitMs, options.partitionMaxBytes)
    const out: PartitionRead[] = []
    for (const position of positions) {
      let p = raw.get(position.partition)
      // Not in the answer (a broker that no longer leads it may do that), or not led there any more.
      if (!p || STALE_METADATA.has(p.errorCode)) {
        stale.push(position)
        continue
      }
      let read = await this.decode(p, position.offset)
      // A batch bigger than the bytes asked: alone in a fetch of its own, with room for it (a
      // broker returns an oversized first batch only in a fetch's first partition with data).
      let bytes = options.partitionMaxBytes
      let alone = positions.length === 1
      while (read.needsBytes !== null && bytes < MAX_FETCH_BYTES) {
        // Alone, an empty answer will not change with more room: the records are not there (yet).
        if (alone && read.needsBytes === 0) break
        alone = true
        bytes = Math.min(MAX_FETCH_BYTES, Math.max(read.needsBytes, bytes * 2))
        p = (await this.send(broker, topic, [position], 0, bytes)).get(position.partition)
        if (!p || STALE_METADATA.has(p.errorCode)) break
        read = await this.decode(p, position.offset)
      }
      out.push(read.read)
    }
    return out
  }

  private async decode(
    p: RawPartition,
    offset: bigint,
  ): Promise<{ read: PartitionRead; needsBytes: number | null }> {
    const end = p.lastStableOffset >= 0n ? p.lastStableOffset : p.highWatermark
    const base = { partition: p.partition, next: offset, end, records: [] as KafkaRecord[], bytes: 0 }
    if (p.errorCode === OFFSET_OUT_OF_RANGE) return { read: { ...base, outOfRange: true }, needsBytes: null }
    if (p.errorCode !== 0) throw createErrorFromCode(p.errorCode)
    if (!p.records || p.records.length === 0) {
      // Nothing although records wait: a first batch too big for a fetch's later partition.
      return { read: { ...base, outOfRange: false }, needsBytes: offset < end ? 0 : null }
    }
    const decoded = await decodeRecordSet(p.records, p.partition, offset, p.aborted, decompress)
    return {
      read: {
        ...base,
        records: decoded.records,
        next: decoded.next ?? offset,
        outOfRange: false,
        bytes: p.records.length,
      },
      needsBytes: decoded.next === null && offset < end ? (decoded.incompleteBatchBytes ?? 0) : null,
    }
  }

  private async send(
    broker: InternalBroker,
    topic: string,
    positions: { partition: number; offset: bigint }[],
    maxWaitMs: number,
    partitionMaxBytes: number,
  ): Promise<Map<number, RawPartition>> {
    const fetch = broker.lookupRequest(FETCH_API_KEY, requests.Fetch)
    const protocol = fetch({
      replicaId: -1,
      isolationLevel: READ_COMMITTED,
      maxWaitTime: maxWaitMs,
      minBytes: 1,
      maxBytes: Math.min(MAX_FETCH_BYTES, partitionMaxBytes * positions.length),
      topics: [
        {
          topic,
          partitions: positions.map((p) => ({
            partition: p.partition,
            fetchOffset: p.offset.toString(),
            maxBytes: partitionMaxBytes,
          })),
        },
      ],
    })
    const version = protocol.request.apiVersion
    if (version < 4) throw new ApiError('unavailable', 'Reading records needs Kafka 0.11 or newer')
    const decoded = (await broker.connectionPool.send({
      ...protocol,
      response: { decode: async (payload) => decodeFetchResponse(payload, version), parse: async (d) => d },
    })) as ReturnType<typeof decodeFetchResponse>
    return decoded.partitions
  }
}

/** Gzip built in; snappy, lz4 and zstd only where a codec was registered with kafkajs. */
const decompress: Decompress = async (codec, bytes) => {
  if (codec === 1) return gzipOnly(codec, bytes)
  let impl: { decompress(b: Buffer): Promise<Buffer> } | null = null
  try {
    impl = (CompressionCodecs as Record<number, () => typeof impl>)[codec]?.() ?? null
  } catch {
    impl = null
  }
  if (!impl)
    throw new Error(`records compressed with ${CODEC_NAMES[codec] ?? `codec ${codec}`} cannot be read here`)
  return impl.decompress(bytes)
}

/**
 * Fetch response v4–v11 (the versions kafkajs 2.2.4 speaks with brokers of 0.11 and newer), one
 * topic's partitions; record sets are left as slices of the response for decodeRecordSet.
 */
export function decodeFetchResponse(
  payload: Buffer,
  version: number,
): { clientSideThrottleTime: number; partitions: Map<number, RawPartition> } {
  let pos = 0
  const int16 = () => ((pos += 2), payload.readInt16BE(pos - 2))
  const int32 = () => ((pos += 4), payload.readInt32BE(pos - 4))
  const int64 = () => ((pos += 8), payload.readBigInt64BE(pos - 8))
  const out = new Map<number, RawPartition>()
  const throttle = int32()
  if (version >= 7) {
    const errorCode = int16()
    int32() // session id
    if (errorCode !== 0) throw createErrorFromCode(errorCode)
  }
  const topics = int32()
  for (let t = 0; t < topics; t++) {
    const nameLength = int16()
    pos += Math.max(0, nameLength)
    const partitions = int32()
    for (let i = 0; i < partitions; i++) {
      const partition = int32()
      const errorCode = int16()
      const highWatermark = int64()
      const lastStableOffset = int64()
      if (version >= 5) int64() // log start offset
      const abortedCount = int32()
      const aborted: AbortedTransaction[] = []
      for (let a = 0; a < abortedCount; a++) aborted.push({ producerId: int64(), firstOffset: int64() })
      if (version >= 11) int32() // preferred read replica
      const size = int32()
      const records = size < 0 ? null : payload.subarray(pos, pos + size)
      pos += Math.max(0, size)
      out.set(partition, { partition, errorCode, highWatermark, lastStableOffset, aborted, records })
    }
  }
  // KIP-219 (v8+): the broker expects the client to hold back for the throttle time; kafkajs's
  // connection does that with this field.
  return { clientSideThrottleTime: version >= 8 ? throttle : 0, partitions: out }
}

/** UNKNOWN_TOPIC_OR_PARTITION, as kafkajs throws it (often inside a retry error). */
function unknownTopic(err: unknown): boolean {
  let e = err as { type?: string; originalError?: unknown } | null
  for (let depth = 0; depth < 4 && e; depth++) {
    if (e.type === 'UNKNOWN_TOPIC_OR_PARTITION') return true
    e = e.originalError as typeof e
  }
  return false
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}
