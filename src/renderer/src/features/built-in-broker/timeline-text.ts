import type { BrokerEvent } from '../../../../shared/built-in-broker'
import { isUnplanned } from './disconnect-words'

type Kind = BrokerEvent['kind']

export const KIND_LABEL: Record<Kind, string> = {
  connect: 'connected',
  'connect-refused': 'refused',
  disconnect: 'disconnected',
  subscribe: 'subscribed',
  unsubscribe: 'unsubscribed',
  publish: 'published',
  will: 'will sent',
  'keepalive-timeout': 'keepalive timeout',
  error: 'error',
}

/** The colour of a line's mark: endings the device did not choose stand out in red. */
export function kindColor(event: Pick<BrokerEvent, 'kind' | 'reason'>): string {
  switch (event.kind) {
    case 'connect':
      return 'green'
    case 'subscribe':
    case 'unsubscribe':
      return 'blue'
    case 'publish':
      return 'gray'
    case 'will':
      return 'orange'
    case 'disconnect':
      return event.reason && isUnplanned(event.reason) ? 'red' : 'gray'
    case 'connect-refused':
    case 'keepalive-timeout':
    case 'error':
      return 'red'
  }
}

/** "14:03:22.041": a timeline's lines are often within the same second. */
export function clockMs(ms: number): string {
  const d = new Date(ms)
  const pad = (n: number, w = 2) => String(n).padStart(w, '0')
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`
}

/** "3.2 s", "48 s", "12 min": how long a connection lasted or a device has been silent. */
export function duration(ms: number): string {
  const s = Math.max(0, ms) / 1000
  if (s < 10) return `${s.toFixed(1)} s`
  if (s < 120) return `${Math.round(s)} s`
  const m = s / 60
  if (m < 120) return `${Math.round(m)} min`
  return `${(m / 60).toFixed(1)} h`
}
