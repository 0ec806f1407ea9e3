import { Button, CloseButton, Group, Text } from '@mantine/core'
import { IconBookmarkPlus, IconPlayerPlay } from '@tabler/icons-react'
import type { HistoryHit } from '../../../../shared/history'
import { useToolsStore } from '../../stores/tools-store'
import { replaySourceOfHit } from '../replay/replay-sources'
import { MessageMeta } from '../topic-detail/MessageMeta'
import { PayloadView } from '../topic-detail/PayloadView'

/**
 * The message opened from the list: its topic, flags and properties, and the whole payload in the
 * payload viewer (fetched with `getMessagePayload` when the preview is not all of it), with "Save as
 * payload…" and "Replay…".
 */
export function HistoryMessage({
  hit,
  onSave,
  onClose,
}: {
  hit: HistoryHit
  onSave(hit: HistoryHit): void
  onClose(): void
}) {
  return (
    <section className="history-message" data-testid="history-message" data-id={hit.id}>
      <div className="history-message-head">
        <Group justify="space-between" wrap="nowrap" gap="xs">
          <Text
            className="mono"
            fw={600}
            size="sm"
            c="bright"
            style={{ minWidth: 0, overflowWrap: 'anywhere' }}
            data-testid="history-message-topic"
          >
            {hit.topic === '' ? '(empty topic)' : hit.topic}
          </Text>
          <Group gap={6} wrap="nowrap">
            <Button
              size="compact-xs"
              variant="light"
              leftSection={<IconBookmarkPlus size={14} />}
              onClick={() => onSave(hit)}
              data-testid="history-save-message"
            >
              Save as payload…
            </Button>
            <Button
              size="compact-xs"
              variant="light"
              color="grape"
              leftSection={<IconPlayerPlay size={14} />}
              onClick={() => useToolsStore.getState().openReplay(replaySourceOfHit(hit))}
              data-testid="history-replay-message"
            >
              Replay…
            </Button>
            <CloseButton
              size="sm"
              onClick={onClose}
              aria-label="Close the message"
              data-testid="history-message-close"
            />
          </Group>
        </Group>
      </div>
      <div className="history-message-body">
        <MessageMeta message={hit} />
        {/* the body scrolls as a whole: the viewer's own panes stay shorter than it */}
        <PayloadView message={hit} height="max(180px, 30vh)" />
      </div>
    </section>
  )
}
