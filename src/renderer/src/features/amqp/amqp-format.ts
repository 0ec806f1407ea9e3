import { AMQP_DEFAULT_EXCHANGE_LABEL } from '../../../../shared/tree-paths'
import { formatCount, NONE } from '../kafka/kafka-numbers'

/**
 * RabbitMQ's figures and names as the AMQP workspace shows them. The management API leaves a figure
 * out when it has no sample yet, and pure AMQP knows far less: a missing figure is "—", never 0.
 */

/** How the default exchange (its name is the empty string) is named: as in the topic tree. */
export const DEFAULT_EXCHANGE_LABEL = AMQP_DEFAULT_EXCHANGE_LABEL

export function exchangeLabel(name: string): string {
  return name === '' ? DEFAULT_EXCHANGE_LABEL : name
}

/** "12,345", or "—" when the figure is unknown. */
export function formatMaybeCount(n: number | null, locale?: string): string {
  return n === null ? NONE : formatCount(n, locale)
}

/**
 * Messages per second as the management API averages them: "0/s", "0.4/s", "12/s", "1,250/s";
 * "—" when unknown. Two decimals below 0.1 so a trickle does not read as nothing.
 */
export function formatAmqpRate(perSecond: number | null, locale?: string): string {
  if (perSecond === null || !Number.isFinite(perSecond)) return NONE
  const v = Math.max(0, perSecond)
  if (v === 0) return '0/s'
  const digits = v < 0.1 ? 2 : v < 10 ? 1 : 0
  return `${v.toLocaleString(locale, { maximumFractionDigits: digits, minimumFractionDigits: 0 })}/s`
}

/** "updated 3 s ago", "updated 2 min ago": how old the figures on screen are, to the second. */
export function updatedAgo(at: number, now: number): string {
  const s = Math.max(0, Math.floor((now - at) / 1000))
  if (s < 60) return `updated ${s} s ago`
  const m = Math.floor(s / 60)
  if (m < 60) return `updated ${m} min ago`
  return `updated ${Math.floor(m / 60)} h ago`
}

export interface Flag {
  /** What the table shows: RabbitMQ's own abbreviations. */
  short: string
  label: string
}

/** The flags that are set, in RabbitMQ's order: D (durable), AD (auto-delete), I / Excl. */
export function exchangeFlags(e: {
  durable: boolean | null
  autoDelete: boolean | null
  internal: boolean | null
}): Flag[] {
  const flags: Flag[] = []
  if (e.durable) flags.push({ short: 'D', label: 'durable: survives a broker restart' })
  if (e.autoDelete) flags.push({ short: 'AD', label: 'auto-delete: goes when its last binding goes' })
  if (e.internal)
    flags.push({ short: 'I', label: 'internal: publishers cannot use it, only exchange bindings' })
  return flags
}

export function queueFlags(q: {
  durable: boolean | null
  autoDelete: boolean | null
  exclusive: boolean | null
}): Flag[] {
  const flags: Flag[] = []
  if (q.durable) flags.push({ short: 'D', label: 'durable: survives a broker restart' })
  if (q.autoDelete) flags.push({ short: 'AD', label: 'auto-delete: goes when its last consumer leaves' })
  if (q.exclusive) flags.push({ short: 'Excl', label: 'exclusive: belongs to one connection' })
  return flags
}

/** An argument or header value in one line: strings as they are, anything else as JSON. */
export function argumentText(value: unknown): string {
  if (typeof value === 'string') return value
  try {
    return JSON.stringify(value) ?? String(value)
  } catch {
    return String(value)
  }
}
