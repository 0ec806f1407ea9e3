/**
 * Kafka's figures as the workspace shows them: counts and offsets with thousands separators, a lag
 * that is "—" when there is no committed offset (never 0), and rates and estimates in words.
 * Offsets are int64 decimal strings: they are grouped as text, never through a double.
 */

/** Shown where a figure does not exist (no commit, no size from the brokers). */
export const NONE = '—'

function groupSeparator(locale?: string): string {
  const part = new Intl.NumberFormat(locale).formatToParts(1_000_000).find((p) => p.type === 'group')
  return part?.value ?? ','
}

/** "12,345" with the user's separators. */
export function formatCount(n: number, locale?: string): string {
  return n.toLocaleString(locale, { maximumFractionDigits: 0 })
}

/** "9,223,372,036,854,775,807" from the decimal string, exact at any size. */
export function formatOffset(offset: string, locale?: string): string {
  const m = /^(-?)(\d+)$/.exec(offset)
  if (!m) return offset
  const sign = m[1] ?? ''
  const digits = (m[2] ?? '').replace(/^0+(?=\d)/, '')
  const sep = groupSeparator(locale)
  let out = ''
  for (let i = 0; i < digits.length; i++) {
    if (i > 0 && (digits.length - i) % 3 === 0) out += sep
    out += digits[i]
  }
  return sign + out
}

/** A lag, or "—" when nothing is committed (a missing commit is not a lag of 0). */
export function formatLag(lag: number | null, locale?: string): string {
  return lag === null ? NONE : formatCount(lag, locale)
}

/** `high − low` of int64 strings, as a number (records held stay far below 2^53). */
export function offsetSpan(low: string, high: string): number {
  try {
    const d = BigInt(high) - BigInt(low)
    return d < 0n ? 0 : Number(d)
  } catch {
    return 0
  }
}

/** "0.4", "12", "1,200": messages per second, one decimal below ten. */
export function formatPerSecond(perSecond: number, locale?: string): string {
  const v = Math.abs(perSecond)
  return v < 10
    ? v.toLocaleString(locale, { maximumFractionDigits: 1, minimumFractionDigits: 0 })
    : formatCount(Math.round(v), locale)
}

/** "45 s", "3 min", "2 h 10 min", "3 d 4 h": a duration rounded as people say it. */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds))
  if (s < 60) return `${s} s`
  const m = Math.round(s / 60)
  if (m < 60) return `${m} min`
  const h = Math.floor(m / 60)
  if (h < 48) {
    const rest = m - h * 60
    return rest === 0 ? `${h} h` : `${h} h ${rest} min`
  }
  const d = Math.floor(h / 24)
  const rest = h - d * 24
  return rest === 0 ? `${d} d` : `${d} d ${rest} h`
}
