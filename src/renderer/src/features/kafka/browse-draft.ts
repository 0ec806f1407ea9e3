import type { KafkaBrowseFrom, KafkaBrowseRequest } from '../../../../shared/kafka'

/**
 * The records browser's form: where to start (beginning, newest, an offset per partition, a point in
 * time), which partitions, how many, and the filters; turned into a `browseKafka` request or the
 * reason it cannot be one.
 */

export type FromKind = KafkaBrowseFrom['kind']

export interface BrowseDraft {
  from: FromKind
  /** Offsets typed per partition (for `offset`); an empty one leaves that partition out. */
  offsets: Record<number, string>
  /** A `datetime-local` value ("2024-03-12T14:03" or with seconds), local time. */
  at: string
  /** null: every partition. */
  partitions: number[] | null
  limit: number
  key: string
  header: string
  text: string
}

export const PAGE_SIZES = [20, 50, 100, 500, 1000] as const

export function newBrowseDraft(): BrowseDraft {
  return {
    from: 'end',
    offsets: {},
    at: '',
    partitions: null,
    limit: 50,
    key: '',
    header: '',
    text: '',
  }
}

/** A `datetime-local` value as ms since the epoch, in the user's time zone; null if incomplete. */
export function parseLocalDateTime(value: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?$/.exec(value.trim())
  if (!m) return null
  const [y, mo, d, h, mi, s] = m.slice(1, 7).map((x) => (x === undefined ? 0 : Number(x)))
  const ms = m[7] === undefined ? 0 : Number(m[7].padEnd(3, '0'))
  const date = new Date(y ?? 0, (mo ?? 1) - 1, d ?? 1, h ?? 0, mi ?? 0, s ?? 0, ms)
  // 2024-02-31 rolls over to March: not what was meant
  if (date.getMonth() !== (mo ?? 1) - 1 || date.getDate() !== d || (h ?? 0) > 23) return null
  return date.getTime()
}

/** ms as a `datetime-local` value with seconds, local time (to prefill the input). */
export function toLocalDateTime(ms: number): string {
  const d = new Date(ms)
  const p = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`
}

const OFFSET = /^\d{1,19}$/

function optional(text: string): string | null {
  return text.trim() === '' ? null : text
}

/**
 * The request the form describes over the topic's `partitionCount` partitions, or what is wrong.
 * With "offset", the partitions read are those given an offset (within the chosen ones).
 */
export function browseRequest(
  draft: BrowseDraft,
  target: { profileId: string; topic: string; partitionCount: number },
): { ok: true; request: KafkaBrowseRequest } | { ok: false; error: string } {
  const chosen = draft.partitions ?? Array.from({ length: target.partitionCount }, (_, i) => i)
  if (chosen.length === 0) return { ok: false, error: 'Pick at least one partition' }
  let from: KafkaBrowseFrom
  let partitions: number[] | null = draft.partitions === null ? null : [...chosen].sort((a, b) => a - b)
  switch (draft.from) {
    case 'beginning':
    case 'end':
      from = { kind: draft.from }
      break
    case 'timestamp': {
      const at = parseLocalDateTime(draft.at)
      if (at === null) return { ok: false, error: 'Enter a date and time to start from' }
      from = { kind: 'timestamp', at }
      break
    }
    case 'offset': {
      const offsets: { partition: number; offset: string }[] = []
      for (const p of [...chosen].sort((a, b) => a - b)) {
        const text = (draft.offsets[p] ?? '').trim()
        if (text === '') continue
        if (!OFFSET.test(text)) return { ok: false, error: `Partition ${p}: an offset is a whole number ≥ 0` }
        offsets.push({ partition: p, offset: text.replace(/^0+(?=\d)/, '') })
      }
      if (offsets.length === 0) return { ok: false, error: 'Enter an offset for at least one partition' }
      from = { kind: 'offset', offsets }
      partitions = offsets.map((o) => o.partition)
      break
    }
  }
  return {
    ok: true,
    request: {
      profileId: target.profileId,
      topic: target.topic,
      from,
      partitions,
      limit: draft.limit,
      filter: { key: optional(draft.key), header: optional(draft.header), text: optional(draft.text) },
    },
  }
}

/** The same request, continued where the last page stopped (`next` of that page). */
export function continueRequest(
  request: KafkaBrowseRequest,
  next: { partition: number; offset: string }[],
): KafkaBrowseRequest | null {
  if (next.length === 0) return null
  return { ...request, from: { kind: 'offset', offsets: next }, partitions: next.map((n) => n.partition) }
}
