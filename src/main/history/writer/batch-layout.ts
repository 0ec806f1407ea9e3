/**
 * A batch of history rows in the shape that crosses to the writer thread cheaply: numbers in one
 * Float64Array, strings in one array, every payload and Kafka key copied into one ArrayBuffer
 * that is transferred, not cloned. Cloning the records themselves would copy each payload's whole
 * backing buffer (a socket read or Node's 8 KB pool slab) and walk every metadata object.
 */
export interface PackedBatch {
  seq: number
  count: number
  /** NUMS numbers per row, at the offsets below. */
  nums: Float64Array
  /** TEXTS strings per row, at the offsets below. */
  texts: (string | null)[]
  /** Per row: its payload's bytes, then its key's. */
  bytes: ArrayBuffer
}

export const NUMS = 11
export const N_ID = 0
export const N_TOPIC_ID = 1
export const N_DIRECTION = 2
export const N_RECEIVED_AT = 3
/** -1: none */
export const N_QOS = 4
export const N_RETAIN = 5
export const N_DUP = 6
/** NaN: none */
export const N_PARTITION = 7
/** NaN: none */
export const N_BROKER_TS = 8
/** -1: no key */
export const N_KEY_LENGTH = 9
export const N_PAYLOAD_LENGTH = 10

export const TEXTS = 5
export const T_PROFILE = 0
export const T_TOPIC = 1
export const T_META = 2
export const T_ROUTING_KEY = 3
/** Kafka offsets as decimal text: they may exceed 2^53. */
export const T_OFFSET = 4
