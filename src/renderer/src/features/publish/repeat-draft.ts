import type { PublishJobStatus } from '../../../../shared/publish'

/** Limits of "Send N times", the contract's own. */
export const MAX_COUNT = 10_000_000
export const MAX_INTERVAL_MS = 3_600_000

export type RepeatResult =
  | { ok: true; count: number; intervalMs: number }
  | { ok: false; errors: Partial<Record<'count' | 'intervalMs', string>> }

/** The count and interval as typed, checked. */
export function repeatOf(count: number | string, intervalMs: number | string): RepeatResult {
  const errors: Partial<Record<'count' | 'intervalMs', string>> = {}
  const c = typeof count === 'number' ? count : count.trim() === '' ? NaN : Number(count)
  const i = typeof intervalMs === 'number' ? intervalMs : intervalMs.trim() === '' ? NaN : Number(intervalMs)
  if (!Number.isInteger(c) || c < 1 || c > MAX_COUNT)
    errors.count = `1 to ${MAX_COUNT.toLocaleString('en-US')}`
  if (!Number.isInteger(i) || i < 0 || i > MAX_INTERVAL_MS)
    errors.intervalMs = `0 to ${MAX_INTERVAL_MS.toLocaleString('en-US')} ms`
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, count: c, intervalMs: i }
}

export interface JobProgress {
  /** Of the count, sent and failed together (0–100). */
  percent: number
  /** Sent and failed as parts of the bar. */
  sentPercent: number
  failedPercent: number
  text: string
  tone: 'running' | 'ok' | 'warn' | 'error'
}

const fmt = (n: number) => n.toLocaleString('en-US')

/** A job's progress bar and its words: "37 of 100 sent · 2 failed · running". */
export function jobProgress(s: PublishJobStatus): JobProgress {
  const done = s.sent + s.failed
  const pct = (n: number) => (s.count > 0 ? Math.min(100, (n / s.count) * 100) : 0)
  const failed = s.failed ? ` · ${fmt(s.failed)} failed` : ''
  const state =
    s.state === 'running'
      ? 'sending'
      : s.state === 'done'
        ? 'done'
        : s.state === 'stopped'
          ? 'stopped'
          : `failed${s.lastError ? `: ${s.lastError}` : ''}`
  const tone: JobProgress['tone'] =
    s.state === 'running'
      ? 'running'
      : s.state === 'failed'
        ? 'error'
        : s.failed > 0 || s.state === 'stopped'
          ? 'warn'
          : 'ok'
  return {
    percent: pct(done),
    sentPercent: pct(s.sent),
    failedPercent: pct(s.failed),
    text: `${fmt(s.sent)} of ${fmt(s.count)} sent${failed} · ${state}`,
    tone,
  }
}
