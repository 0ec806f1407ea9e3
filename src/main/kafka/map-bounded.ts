/**
 * `items.map(fn)` with at most `limit` calls in flight, results in input order. Used to ask the
 * brokers about ~100 topics or ~50 groups at once without opening 100 requests at the same instant
 * (or sending them one by one). The first failure rejects, as Promise.all does; calls already
 * running finish, and no new call starts after it.
 */
export async function mapBounded<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length)
  let next = 0
  let failed = false
  const worker = async () => {
    while (!failed && next < items.length) {
      const i = next++
      try {
        results[i] = await fn(items[i]!, i)
      } catch (error) {
        failed = true
        throw error
      }
    }
  }
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker))
  return results
}
