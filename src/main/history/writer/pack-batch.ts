import type { MessageRecord } from '../message-record'
import { encodeStoredMeta, metaColumns } from '../stored-properties'
import {
  NUMS,
  N_BROKER_TS,
  N_DIRECTION,
  N_DUP,
  N_ID,
  N_KEY_LENGTH,
  N_PARTITION,
  N_PAYLOAD_LENGTH,
  N_QOS,
  N_RECEIVED_AT,
  N_RETAIN,
  N_TOPIC_ID,
  TEXTS,
  T_META,
  T_OFFSET,
  T_PROFILE,
  T_ROUTING_KEY,
  T_TOPIC,
  type PackedBatch,
} from './batch-layout'

/** Packs `records`; `topicIds[i]` is the topic's row id when the caller knows it, else 0. */
export function packBatch(
  seq: number,
  records: readonly MessageRecord[],
  topicIds: ArrayLike<number>,
): PackedBatch {
  const count = records.length
  const nums = new Float64Array(count * NUMS)
  const texts = new Array<string | null>(count * TEXTS)
  const keys = new Array<Uint8Array | null>(count)
  let total = 0
  for (let i = 0; i < count; i++) {
    const r = records[i]!
    const [routingKey, partition, offset, key, brokerTs] = metaColumns(r)
    keys[i] = key
    total += r.payload.length + (key?.length ?? 0)
    const n = i * NUMS
    nums[n + N_ID] = r.id
    nums[n + N_TOPIC_ID] = topicIds[i] ?? 0
    nums[n + N_DIRECTION] = r.direction === 'in' ? 0 : 1
    nums[n + N_RECEIVED_AT] = r.receivedAt
    nums[n + N_QOS] = r.qos ?? -1
    nums[n + N_RETAIN] = r.retain ? 1 : 0
    nums[n + N_DUP] = r.dup ? 1 : 0
    nums[n + N_PARTITION] = partition ?? NaN
    nums[n + N_BROKER_TS] = brokerTs ?? NaN
    nums[n + N_KEY_LENGTH] = key ? key.length : -1
    nums[n + N_PAYLOAD_LENGTH] = r.payload.length
    const t = i * TEXTS
    texts[t + T_PROFILE] = r.profileId
    texts[t + T_TOPIC] = r.topic
    texts[t + T_META] = encodeStoredMeta(r)
    texts[t + T_ROUTING_KEY] = routingKey
    texts[t + T_OFFSET] = offset === null ? null : offset.toString()
  }
  const bytes = new Uint8Array(total)
  let at = 0
  for (let i = 0; i < count; i++) {
    const payload = records[i]!.payload
    bytes.set(payload, at)
    at += payload.length
    const key = keys[i]
    if (key) {
      bytes.set(key, at)
      at += key.length
    }
  }
  return { seq, count, nums, texts, bytes: bytes.buffer }
}
