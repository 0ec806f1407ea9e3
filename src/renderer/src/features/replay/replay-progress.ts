import type { ReplayStatus } from '../../../../shared/replay'

/**
 * Where a replay is, for its progress bar and figures. `sent` counts every pass; with a loop the bar
 * shows the current pass. `percent` is null while the total is still being counted. A finished
 * replay is judged by what it sent: the core counts `pass` up once more after the last pass.
 */
export function replayProgress(s: Pick<ReplayStatus, 'sent' | 'total' | 'pass' | 'state'>): {
  percent: number | null
  text: string
} {
  const n = (x: number) => x.toLocaleString()
  if (s.total === null) return { percent: null, text: `${n(s.sent)} sent · counting…` }
  if (s.total === 0) return { percent: 100, text: 'nothing to send' }
  if (s.state === 'done') {
    const passes = Math.round(s.sent / s.total)
    return {
      percent: 100,
      text: passes > 1 ? `${n(s.sent)} sent in ${passes} passes` : `${n(s.sent)} / ${n(s.total)} sent`,
    }
  }
  const inPass = Math.max(0, Math.min(s.total, s.sent - (s.pass - 1) * s.total))
  return {
    percent: (inPass / s.total) * 100,
    text:
      s.pass > 1
        ? `pass ${s.pass} · ${n(inPass)} / ${n(s.total)} · ${n(s.sent)} sent in all`
        : `${n(s.sent)} / ${n(s.total)} sent`,
  }
}
