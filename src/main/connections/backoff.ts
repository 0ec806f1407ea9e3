/**
 * Reconnect delay for attempt n (1-based): exponential from 1 s, capped at 30 s, with ±20 % jitter so
 * that many clients of one restarted broker do not all come back in the same instant.
 */
export function backoffDelay(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(30_000, 1000 * 2 ** Math.max(0, attempt - 1))
  return Math.round(base * (0.8 + 0.4 * random()))
}
