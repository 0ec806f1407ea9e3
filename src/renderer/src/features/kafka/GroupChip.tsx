import { Tooltip, UnstyledButton } from '@mantine/core'
import { formatLag } from './kafka-numbers'

/** A consumer group with its lag on a topic, as a button that opens the group. */
export function GroupChip({
  groupId,
  lag,
  onClick,
  prefix = '',
}: {
  groupId: string
  lag: number | null
  onClick(): void
  /** Said before the lag ("lag "). */
  prefix?: string
}) {
  const tone = lag === null ? 'none' : lag > 0 ? 'behind' : 'caught-up'
  return (
    <Tooltip
      withArrow
      label={lag === null ? `${groupId}: no committed offset on this topic` : `${groupId}: lag on this topic`}
    >
      <UnstyledButton
        className="kafka-chip"
        data-tone={tone}
        onClick={onClick}
        data-testid="kafka-topic-group"
        data-group={groupId}
      >
        <span className="kafka-chip-name">{groupId}</span>
        <span className="kafka-chip-lag">
          {prefix}
          {formatLag(lag)}
        </span>
      </UnstyledButton>
    </Tooltip>
  )
}
