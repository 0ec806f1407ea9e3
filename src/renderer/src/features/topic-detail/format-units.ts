/** "0 B", "812 B", "1.4 KB", "9.5 MB": sizes as people read them (1 KB = 1024 B). */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`
  const units = ['KB', 'MB', 'GB']
  let v = n / 1024
  let u = 0
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024
    u++
  }
  return `${v >= 100 ? Math.round(v) : v.toFixed(1).replace(/\.0$/, '')} ${units[u]}`
}

/** "12,345" with the user's separators. */
/**
 * One formatter for every count: `toLocaleString()` builds a new one per call, which under a busy
 * stream was the page's largest script cost (every tree row's tooltip and counter, every render).
 */
const COUNT = new Intl.NumberFormat()

export function formatCount(n: number): string {
  return COUNT.format(n)
}

/** "0", "0.2/s", "14/s", "1.2k/s". */
export function formatRate(perSecond: number): string {
  if (perSecond <= 0) return '0/s'
  if (perSecond < 10) return `${perSecond.toFixed(1).replace(/\.0$/, '')}/s`
  if (perSecond < 1000) return `${Math.round(perSecond)}/s`
  return `${(perSecond / 1000).toFixed(1).replace(/\.0$/, '')}k/s`
}

/** "14:03:22.481": the time of a message, to the millisecond, in local time. */
export function formatTime(ms: number): string {
  const d = new Date(ms)
  const pad = (n: number, w = 2) => String(n).padStart(w, '0')
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`
}

/** "2024-03-12 14:03:22.481". */
export function formatDateTime(ms: number): string {
  const d = new Date(ms)
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${formatTime(ms)}`
}

/** Bytes as "0a 1b ff" for correlation data. */
export function toHex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join(' ')
}
