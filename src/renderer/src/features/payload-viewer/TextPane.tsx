import { Button, Group, Text } from '@mantine/core'
import { useMemo, useState } from 'react'
import { windowOf, type TextSource } from './text-sources'
import { nextLimit, SHOW_STEP } from './text-window'

/**
 * Text in a scroll box, the first SHOW_STEP units of it at first, with "Show more" / "Show all" and
 * a line that says how much is shown: a long payload is never cut without saying so.
 */
export function TextPane({
  source,
  height,
  testId = 'detail-payload-text',
}: {
  source: TextSource
  height: string
  testId?: string
}) {
  // "show more" belongs to the text it was asked for; the next one starts at one step again
  const [more, setMore] = useState<{ of: TextSource; limit: number } | null>(null)
  const limit = more && more.of === source ? more.limit : SHOW_STEP
  const part = useMemo(() => windowOf(source, limit), [source, limit])
  const unit = source.unit
  return (
    <div>
      {source.note && (
        <Text size="xs" c="orange" mb={4} data-testid="payload-text-note">
          {source.note}
        </Text>
      )}
      <div
        className="pv-box"
        style={{ maxHeight: height }}
        tabIndex={0}
        role="region"
        aria-label="Payload text"
      >
        <pre className="pv-pre" data-testid={testId}>
          {part.text}
        </pre>
      </div>
      {part.shown < part.total && (
        <Group gap="sm" mt={6} data-testid="detail-payload-more">
          <Text size="xs" c="dimmed">
            Showing the first {part.shown.toLocaleString()} of {part.total.toLocaleString()} {unit}
          </Text>
          <Button
            size="compact-xs"
            variant="light"
            onClick={() => setMore({ of: source, limit: nextLimit(limit) })}
            data-testid="payload-show-more"
          >
            Show more
          </Button>
          <Button
            size="compact-xs"
            variant="subtle"
            onClick={() => setMore({ of: source, limit: part.total })}
            data-testid="payload-show-all"
          >
            Show all
          </Button>
        </Group>
      )}
    </div>
  )
}
