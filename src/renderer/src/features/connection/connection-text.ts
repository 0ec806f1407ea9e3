import type { ConnectionStatus } from '../../../../shared/connection-status'

/** The headline of a connection's state, as the panel and the list show it. */
export function stateHeadline(status: Pick<ConnectionStatus, 'state' | 'attempt'>): string {
  switch (status.state) {
    case 'disconnected':
      return 'Disconnected'
    case 'connecting':
      return 'Connecting…'
    case 'connected':
      return 'Connected'
    case 'reconnecting':
      return status.attempt > 0 ? `Reconnecting (attempt ${status.attempt})` : 'Reconnecting…'
    case 'failed':
      return 'Failed'
  }
}

/** One line with the reason, e.g. "Failed: connect ECONNREFUSED 127.0.0.1:1883". */
export function stateLine(status: Pick<ConnectionStatus, 'state' | 'attempt' | 'reason'>): string {
  const head = stateHeadline(status)
  if (status.state === 'failed') return `Failed: ${status.reason ?? 'no reason given'}`
  if (status.state === 'reconnecting' && status.reason) return `${head}: ${status.reason}`
  return head
}

/**
 * "14:03:22" today, "12 Mar 14:03" otherwise: 24-hour, like every message time in the app
 * (`formatTime`), so that a status line and the list beside it read the same clock.
 */
export function formatClock(ms: number, now: number): string {
  const d = new Date(ms)
  const pad = (n: number) => String(n).padStart(2, '0')
  const hm = `${pad(d.getHours())}:${pad(d.getMinutes())}`
  if (new Date(now).toDateString() === d.toDateString()) return `${hm}:${pad(d.getSeconds())}`
  return `${d.getDate()} ${d.toLocaleString(undefined, { month: 'short' })} ${hm}`
}

/** "just now", "42 s ago", "5 min ago", "3 h ago", "2 d ago". */
export function formatAgo(ms: number, now: number): string {
  const s = Math.max(0, Math.floor((now - ms) / 1000))
  if (s < 5) return 'just now'
  if (s < 60) return `${s} s ago`
  const m = Math.floor(s / 60)
  if (m < 60) return `${m} min ago`
  const h = Math.floor(m / 60)
  if (h < 48) return `${h} h ago`
  return `${Math.floor(h / 24)} d ago`
}
