import type { ConnectionState } from '../../../shared/connection-status'
import { STATE_COLOR } from '../theme'

export function StatusDot({
  state,
  size = 10,
  label,
}: {
  state: ConnectionState
  size?: number
  label?: string
}) {
  return (
    <span
      className="status-dot"
      role="img"
      aria-label={label ?? state}
      data-state={state}
      data-pulse={state === 'connecting' || state === 'reconnecting'}
      style={{ width: size, height: size, background: `var(--mantine-color-${STATE_COLOR[state]}-filled)` }}
    />
  )
}
