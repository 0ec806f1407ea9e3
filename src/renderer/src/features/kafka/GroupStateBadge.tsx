import { Badge, Tooltip } from '@mantine/core'
import { groupStateColor } from './group-list'

const MEANING: Record<string, string> = {
  stable: 'Members are consuming with their partitions assigned',
  empty: 'No members: offsets can be reset',
  preparingrebalance: 'Members are joining or leaving: partitions are being reassigned',
  completingrebalance: 'The new assignment is being handed out',
  dead: 'The group has no members and no offsets left',
}

/** A group's state as the broker names it, coloured, with what it means. */
export function GroupStateBadge({ state, size = 'sm' }: { state: string; size?: 'xs' | 'sm' | 'md' | 'lg' }) {
  const meaning = MEANING[state.toLowerCase()]
  return (
    <Tooltip label={meaning ?? state} withArrow disabled={!meaning} openDelay={300}>
      <Badge
        size={size}
        variant="light"
        radius="sm"
        color={groupStateColor(state)}
        data-testid="kafka-group-state"
        data-state={state}
      >
        {state}
      </Badge>
    </Tooltip>
  )
}
