import { Badge, Button, CopyButton, Group, Loader, ActionIcon, Text, Tooltip } from '@mantine/core'
import { IconCheck, IconCopy } from '@tabler/icons-react'
import { useMemo, useState } from 'react'
import type { MessageSummary } from '../../../../shared/messages'
import { formatBytes } from './format-units'
import { decodePayload, SHOW_STEP, shownPart, type PayloadKind } from './payload-format'
import { useMessagePayload } from './use-message-payload'

const KIND_LABEL: Record<PayloadKind, string> = {
  empty: 'Empty',
  json: 'JSON',
  text: 'Text',
  binary: 'Binary',
}

/**
 * The payload of one message, read-only: pretty JSON, text, or a hex dump. Only the first 64 KB is
 * put into the page; "Show more" adds a step at a time, so a 10 MB payload never blocks the window.
 */
export function PayloadView({ message }: { message: MessageSummary }) {
  const state = useMessagePayload(message)
  const bytes = state.status === 'ready' ? state.bytes : null
  const decoded = useMemo(() => (bytes ? decodePayload(bytes) : null), [bytes])
  // "show more" applies to the message it was asked for; the next message starts at one step again
  const [more, setMore] = useState<{ id: number; limit: number } | null>(null)
  const limit = more && more.id === message.id ? more.limit : SHOW_STEP
  const part = useMemo(() => (decoded ? shownPart(decoded, limit) : null), [decoded, limit])
  const stale = state.status === 'ready' && state.id !== message.id

  return (
    <div className="payload-view" data-testid="detail-payload" data-kind={decoded?.kind ?? 'loading'}>
      <Group justify="space-between" gap={6} mb={4} wrap="nowrap">
        <Group gap={6} wrap="nowrap">
          {decoded && (
            <Badge
              size="xs"
              variant="light"
              color={decoded.kind === 'binary' ? 'orange' : 'indigo'}
              data-testid="detail-payload-kind"
            >
              {KIND_LABEL[decoded.kind]}
            </Badge>
          )}
          <Text size="xs" c="dimmed">
            {formatBytes(message.size)}
          </Text>
          {(state.status === 'loading' || stale) && <Loader size={10} />}
          {decoded?.note && (
            <Text size="xs" c="orange">
              {decoded.note}
            </Text>
          )}
        </Group>
        {decoded && decoded.kind !== 'binary' && decoded.kind !== 'empty' && (
          <CopyButton value={decoded.text}>
            {({ copied, copy }) => (
              <Tooltip label={copied ? 'Copied' : 'Copy the payload'} withArrow>
                <ActionIcon
                  size="sm"
                  variant="subtle"
                  color={copied ? 'teal' : 'gray'}
                  onClick={copy}
                  aria-label="Copy the payload"
                >
                  {copied ? <IconCheck size={14} /> : <IconCopy size={14} />}
                </ActionIcon>
              </Tooltip>
            )}
          </CopyButton>
        )}
      </Group>
      {state.status === 'error' && (
        <Text size="sm" c="red" className="reason-text">
          Could not load the payload: {state.error}
        </Text>
      )}
      {decoded?.kind === 'empty' && (
        <Text size="sm" c="dimmed" fs="italic">
          Empty payload (0 bytes){message.retain ? ' — a retained message being cleared looks like this' : ''}
        </Text>
      )}
      {part && decoded?.kind !== 'empty' && (
        <pre className="payload-pre" data-testid="detail-payload-text">
          {part.text}
        </pre>
      )}
      {part && part.shown < part.total && (
        <Group gap="sm" mt={6} data-testid="detail-payload-more">
          <Text size="xs" c="dimmed">
            Showing {formatBytes(part.shown)} of {formatBytes(part.total)}
          </Text>
          <Button
            size="compact-xs"
            variant="light"
            onClick={() => setMore({ id: message.id, limit: limit * 4 })}
          >
            Show more
          </Button>
        </Group>
      )}
    </div>
  )
}
