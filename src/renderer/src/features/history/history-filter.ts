import type { HistoryFilterInput } from '../../../../shared/history'
import type { Qos } from '../../../../shared/messages'
import { topicFilterError } from '../../../../shared/mqtt-topic'

/**
 * What the history panel shows, as the user set it, and the API filter made of it. The form keeps
 * the user's text as typed (sizes like "2 KB", a local date and time); `buildHistoryFilter` turns it
 * into the core's `HistoryFilter`, or says which field is wrong so nothing half-parsed is sent.
 */

/** Which messages of the profile: the selected topic, its subtree (`<path>/#`), or all of them. */
export type HistoryScope = 'topic' | 'subtree' | 'all'

export interface HistoryForm {
  scope: HistoryScope
  /** Payload words (each a prefix, all of them); '' for none. */
  text: string
  direction: 'any' | 'in' | 'out'
  retain: 'any' | 'yes' | 'no'
  qos: 'any' | '0' | '1' | '2'
  /** Sizes as typed: "512", "2 KB", "1.5mb"; '' for no bound. */
  minSize: string
  maxSize: string
  /** A `datetime-local` value ("2024-06-01T03:00" or with seconds): the list starts at that time. */
  until: string
}

export const EMPTY_FORM: HistoryForm = {
  scope: 'all',
  text: '',
  direction: 'any',
  retain: 'any',
  qos: 'any',
  minSize: '',
  maxSize: '',
  until: '',
}

export type FormErrors = Partial<Record<'minSize' | 'maxSize' | 'until' | 'scope', string>>

const UNITS: Record<string, number> = {
  '': 1,
  b: 1,
  k: 1024,
  kb: 1024,
  m: 1024 ** 2,
  mb: 1024 ** 2,
  g: 1024 ** 3,
  gb: 1024 ** 3,
}

/** "2 KB" → 2048 (1 KB = 1024 B, as `formatBytes` shows them); null when it is not a size. */
export function parseSize(text: string): number | null {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(text)
  if (!m) return null
  const unit = UNITS[(m[2] ?? '').toLowerCase()]
  if (unit === undefined) return null
  const n = Math.round(Number(m[1]) * unit)
  return Number.isSafeInteger(n) ? n : null
}

/** A `datetime-local` value as ms since the epoch in local time; null when empty or malformed. */
export function parseLocalDateTime(value: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?$/.exec(value.trim())
  if (!m) return null
  const [, y, mo, d, h, mi, s, ms] = m
  const date = new Date(
    Number(y),
    Number(mo) - 1,
    Number(d),
    Number(h),
    Number(mi),
    Number(s ?? 0),
    Number((ms ?? '0').padEnd(3, '0')),
  )
  const t = date.getTime()
  return Number.isFinite(t) ? t : null
}

/** The other way: ms → "YYYY-MM-DDTHH:MM:SS" in local time, for the input's value. */
export function toLocalDateTime(ms: number): string {
  const d = new Date(ms)
  const p = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`
}

/** The topic (or MQTT filter) a scope stands for; null is the whole connection. */
export function scopeTopic(scope: HistoryScope, path: string | null): string | null {
  if (scope === 'all' || path === null) return null
  return scope === 'topic' ? path : `${path}/#`
}

export type BuiltFilter =
  { ok: true; filter: HistoryFilterInput & { profileId: string } } | { ok: false; errors: FormErrors }

/**
 * The API filter for the form, for one profile and the topic selected in the tree (if any). The
 * time bound is inclusive: "jump to 03:00" lists what arrived at 03:00:00.000 and before.
 */
export function buildHistoryFilter(profileId: string, path: string | null, form: HistoryForm): BuiltFilter {
  const errors: FormErrors = {}
  const size = (field: 'minSize' | 'maxSize') => {
    const raw = form[field].trim()
    if (raw === '') return null
    const n = parseSize(raw)
    if (n === null) errors[field] = 'A size like 512, 2 KB or 1.5 MB'
    return n
  }
  const minSize = size('minSize')
  const maxSize = size('maxSize')
  if (minSize !== null && maxSize !== null && minSize > maxSize) errors.maxSize = 'Smaller than the minimum'
  let to: number | null = null
  if (form.until.trim() !== '') {
    to = parseLocalDateTime(form.until)
    if (to === null) errors.until = 'Not a date and time'
  }
  if (form.scope !== 'all' && path === null) errors.scope = 'Pick a topic in the tree first'
  const topic = scopeTopic(form.scope, path)
  if (topic !== null && topic.includes('+')) {
    // a level literally named "+" cannot be asked for: the core would read it as a wildcard
    errors.scope = 'This topic name holds a wildcard character'
  } else if (topic !== null && form.scope === 'subtree' && topicFilterError(topic)) {
    errors.scope = topicFilterError(topic) ?? undefined
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors }
  const text = form.text.trim()
  return {
    ok: true,
    filter: {
      profileId,
      topic,
      from: null,
      to,
      text: text === '' ? null : text,
      direction: form.direction === 'any' ? null : form.direction,
      retain: form.retain === 'any' ? null : form.retain === 'yes',
      qos: form.qos === 'any' ? null : (Number(form.qos) as Qos),
      minSize,
      maxSize,
    },
  }
}

/** How many of the narrowing fields (beyond scope and text) are set: the "Filters (2)" badge. */
export function activeFilterCount(form: HistoryForm): number {
  let n = 0
  if (form.direction !== 'any') n++
  if (form.retain !== 'any') n++
  if (form.qos !== 'any') n++
  if (form.minSize.trim() !== '') n++
  if (form.maxSize.trim() !== '') n++
  if (form.until.trim() !== '') n++
  return n
}

/** The filter in words, for dialogs: "home/# · containing "alarm" · in · QoS 1 · until 03:00". */
export function describeFilter(filter: HistoryFilterInput, profileName: string): string {
  const parts: string[] = [filter.topic ?? `all of ${profileName}`]
  if (filter.text) parts.push(`containing “${filter.text}”`)
  if (filter.direction) parts.push(filter.direction === 'in' ? 'received' : 'sent')
  if (filter.retain !== null && filter.retain !== undefined)
    parts.push(filter.retain ? 'retained' : 'not retained')
  if (filter.qos !== null && filter.qos !== undefined) parts.push(`QoS ${filter.qos}`)
  if (filter.minSize != null) parts.push(`≥ ${filter.minSize} B`)
  if (filter.maxSize != null) parts.push(`≤ ${filter.maxSize} B`)
  if (filter.from != null) parts.push(`from ${new Date(filter.from).toLocaleString()}`)
  if (filter.to != null) parts.push(`until ${new Date(filter.to).toLocaleString()}`)
  return parts.join(' · ')
}
