import type {
  KafkaGroupOffset,
  KafkaResetMode,
  KafkaResetPreview,
  KafkaResetRequest,
} from '../../../../shared/kafka'
import { parseLocalDateTime } from './browse-draft'

/**
 * The "reset offsets" form: which topics (all the group has offsets for, or one), how (earliest,
 * latest, a point in time, offsets typed per partition, or a shift by ±N), turned into the request
 * the preview and apply share; and what the preview says in figures.
 */

export type ResetKind = KafkaResetMode['kind']

export interface ResetDraft {
  /** null: every topic the group has committed offsets for. */
  topic: string | null
  kind: ResetKind
  /** `datetime-local` value for `timestamp`. */
  at: string
  /** Signed whole number for `shift`: negative goes back (re-reads), positive skips ahead. */
  shift: string
  /** Per "topic:partition", for `offsets`; an empty one leaves that partition as it is. */
  offsets: Record<string, string>
}

export function partitionId(topic: string, partition: number): string {
  return `${topic}:${partition}`
}

/** The explicit-offsets table starts with the committed offsets (empty where there is none). */
export function prefilledOffsets(offsets: readonly KafkaGroupOffset[]): Record<string, string> {
  const out: Record<string, string> = {}
  for (const o of offsets) out[partitionId(o.topic, o.partition)] = o.committed ?? ''
  return out
}

export function newResetDraft(offsets: readonly KafkaGroupOffset[], topic: string | null = null): ResetDraft {
  return { topic, kind: 'earliest', at: '', shift: '-100', offsets: prefilledOffsets(offsets) }
}

/** The partitions in scope, by topic and partition. */
export function scopedOffsets(
  offsets: readonly KafkaGroupOffset[],
  topic: string | null,
): KafkaGroupOffset[] {
  return offsets
    .filter((o) => topic === null || o.topic === topic)
    .sort((a, b) => (a.topic === b.topic ? a.partition - b.partition : a.topic < b.topic ? -1 : 1))
}

export function resetRequest(
  draft: ResetDraft,
  target: { profileId: string; groupId: string; offsets: readonly KafkaGroupOffset[] },
): { ok: true; request: KafkaResetRequest } | { ok: false; error: string } {
  let mode: KafkaResetMode
  switch (draft.kind) {
    case 'earliest':
    case 'latest':
      mode = { kind: draft.kind }
      break
    case 'timestamp': {
      const at = parseLocalDateTime(draft.at)
      if (at === null) return { ok: false, error: 'Enter the date and time to reset to' }
      mode = { kind: 'timestamp', at }
      break
    }
    case 'shift': {
      const t = draft.shift.trim().replace(/^\+/, '')
      if (!/^-?\d{1,15}$/.test(t)) return { ok: false, error: 'Shift by a whole number, e.g. -1000 or 500' }
      const by = Number(t)
      if (by === 0) return { ok: false, error: 'A shift of 0 changes nothing' }
      mode = { kind: 'shift', by }
      break
    }
    case 'offsets': {
      const list: { topic: string; partition: number; offset: string }[] = []
      for (const o of scopedOffsets(target.offsets, draft.topic)) {
        const text = (draft.offsets[partitionId(o.topic, o.partition)] ?? '').trim()
        if (text === '') continue
        if (!/^\d{1,19}$/.test(text))
          return { ok: false, error: `${o.topic} [${o.partition}]: an offset is a whole number ≥ 0` }
        list.push({ topic: o.topic, partition: o.partition, offset: text.replace(/^0+(?=\d)/, '') })
      }
      if (list.length === 0) return { ok: false, error: 'Enter an offset for at least one partition' }
      mode = { kind: 'offsets', offsets: list }
      break
    }
  }
  return {
    ok: true,
    request: { profileId: target.profileId, groupId: target.groupId, topic: draft.topic, mode },
  }
}

export type PreviewRow = KafkaResetPreview['rows'][number]

/** Whether applying moves this partition's offset (a partition without a commit always moves). */
export function rowChanges(row: PreviewRow): boolean {
  return row.current !== row.next
}

export interface PreviewTotals {
  changed: number
  lagAfter: number
  /** The lag now over the same partitions; null where none has a commit. */
  lagBefore: number | null
}

export function previewTotals(rows: readonly PreviewRow[]): PreviewTotals {
  let changed = 0
  let lagAfter = 0
  let lagBefore: number | null = null
  for (const r of rows) {
    if (rowChanges(r)) changed++
    lagAfter += r.lagAfter
    if (r.current !== null) {
      const before = lagOf(r.logEnd, r.current)
      if (before !== null) lagBefore = (lagBefore ?? 0) + before
    }
  }
  return { changed, lagAfter, lagBefore }
}

function lagOf(end: string, at: string): number | null {
  try {
    const d = BigInt(end) - BigInt(at)
    return Number(d < 0n ? 0n : d)
  } catch {
    return null
  }
}

/** "+1,200" / "−300" / "±0": how far a row's offset moves, exact for int64 offsets. */
export function offsetDelta(current: string | null, next: string): bigint | null {
  if (current === null) return null
  try {
    return BigInt(next) - BigInt(current)
  } catch {
    return null
  }
}
