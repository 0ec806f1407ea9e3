import { formatTime } from '../topic-detail/format-units'

/** Midnight of the local day `now` falls in. */
export function startOfDay(now: number): number {
  const d = new Date(now)
  d.setHours(0, 0, 0, 0)
  return d.getTime()
}

/**
 * "03:12:44.501" for today, "06-01 03:12:44.501" for another day of this year, with the year
 * before that: "what did it send last night" must not look like this morning.
 */
export function hitTime(ms: number, today: number): string {
  if (ms >= today && ms < today + 86_400_000) return formatTime(ms)
  const d = new Date(ms)
  const p = (n: number) => String(n).padStart(2, '0')
  const day = `${p(d.getMonth() + 1)}-${p(d.getDate())}`
  const year = new Date(today).getFullYear() === d.getFullYear() ? '' : `${d.getFullYear()}-`
  return `${year}${day} ${formatTime(ms)}`
}
