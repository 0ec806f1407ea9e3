/**
 * Offset and lag arithmetic. Offsets are int64 and travel as decimal strings; the sums are done on
 * BigInt so that offsets past 2^53 stay exact, and only a lag (a difference, which fits a double)
 * becomes a number.
 */

/** A broker offset string as BigInt. */
export function toOffset(s: string): bigint {
  return BigInt(s)
}

/**
 * A committed offset as the broker reports it, or null when there is none: OffsetFetch answers -1
 * (and kafkajs passes it on as "-1") for a partition the group never committed, and an empty string
 * has been seen from older brokers. Any negative value means "no commit", never a position.
 */
export function committedOrNull(s: string | null | undefined): bigint | null {
  if (s === null || s === undefined || s === '') return null
  const n = BigInt(s)
  return n < 0n ? null : n
}

/**
 * logEnd − committed, or null without a commit ("no commit" is not 0).
 *
 * A commit below logStart (retention deleted records the group never read) still counts from the
 * commit, not from logStart: that is what `kafka-consumer-groups --describe` shows, and the gap is
 * real — those records are lost to the group, which will hit OffsetOutOfRange and jump by its
 * `auto.offset.reset`. Showing logEnd − logStart would hide that the group fell behind retention.
 *
 * A commit above logEnd (the topic was deleted and re-created, or truncated after an unclean leader
 * election) gives 0, not a negative lag: there is nothing left to read, and a negative number would
 * subtract from the group's total.
 */
export function lagOf(committed: bigint | null, logEnd: bigint): number | null {
  if (committed === null) return null
  const lag = logEnd - committed
  return lag > 0n ? Number(lag) : 0
}

/** The sum of the lags that exist; null when none does (no partition has a commit). */
export function totalLag(lags: readonly (number | null)[]): number | null {
  let total: number | null = null
  for (const lag of lags) if (lag !== null) total = (total ?? 0) + lag
  return total
}

/** `offset` moved into [logStart, logEnd], where a consumer can actually resume. */
export function clampOffset(offset: bigint, logStart: bigint, logEnd: bigint): bigint {
  if (offset < logStart) return logStart
  if (offset > logEnd) return logEnd
  return offset
}
