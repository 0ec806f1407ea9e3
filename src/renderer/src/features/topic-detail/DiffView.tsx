import { CloseButton, Group, Loader, Text } from '@mantine/core'
import { useEffect, useMemo, useState } from 'react'
import type { MessageSummary } from '../../../../shared/messages'
import { prepareDiff } from './diff-prep'
import { formatTime } from './format-units'
import { loadPayload } from './payload-cache'
import { comparableText } from './payload-format'

/** Each side is compared up to this size; jsdiff on megabytes of text would stall. */
const DIFF_MAX_BYTES = 512 * 1024
/** Lines put on the page at most. */
const MAX_LINES = 5000

type Loaded = { older: Uint8Array; newer: Uint8Array } | { error: string } | null

/** A line diff of two messages of the topic (older on the left of the story, newer on the right). */
export function DiffView({ a, b, onClose }: { a: MessageSummary; b: MessageSummary; onClose(): void }) {
  const [older, newer] = a.id < b.id ? [a, b] : [b, a]
  const [loaded, setLoaded] = useState<{ key: string; value: Loaded }>({ key: '', value: null })
  const key = `${older.id}:${newer.id}`

  useEffect(() => {
    let live = true
    Promise.all([loadPayload(older), loadPayload(newer)])
      .then(([o, n]) => live && setLoaded({ key, value: { older: o, newer: n } }))
      .catch(
        (err: unknown) =>
          live && setLoaded({ key, value: { error: err instanceof Error ? err.message : String(err) } }),
      )
    return () => {
      live = false
    }
    // the summaries are re-created by deltas; their ids are the key
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key])

  const value = loaded.key === key ? loaded.value : null
  const diff = useMemo(() => {
    if (!value || 'error' in value) return null
    const o = comparableText(value.older, DIFF_MAX_BYTES)
    const n = comparableText(value.newer, DIFF_MAX_BYTES)
    return { ...prepareDiff(o.text, n.text), cut: o.cut || n.cut }
  }, [value])

  return (
    <div
      className="diff-view"
      data-testid="detail-diff"
      data-added={diff?.added ?? ''}
      data-removed={diff?.removed ?? ''}
    >
      <Group justify="space-between" gap={6} mb={4} wrap="nowrap">
        <Text size="xs" c="dimmed">
          <span className="diff-legend-removed">{formatTime(older.receivedAt)}</span> →{' '}
          <span className="diff-legend-added">{formatTime(newer.receivedAt)}</span>
          {diff &&
            !diff.gaveUp &&
            ` · ${diff.removed} line${diff.removed === 1 ? '' : 's'} removed, ${diff.added} added`}
          {diff?.cut && ' · compared the first 512 KB'}
        </Text>
        <CloseButton
          size="sm"
          onClick={onClose}
          aria-label="Close the comparison"
          data-testid="detail-diff-close"
        />
      </Group>
      {!value && <Loader size="xs" />}
      {value && 'error' in value && (
        <Text size="sm" c="red" className="reason-text">
          {value.error}
        </Text>
      )}
      {diff?.gaveUp && (
        <Text size="sm" c="orange">
          The two payloads differ too much to compare quickly.
        </Text>
      )}
      {diff && !diff.gaveUp && diff.added + diff.removed === 0 && (
        <Text size="sm" c="dimmed" data-testid="detail-diff-same">
          The payloads are identical.
        </Text>
      )}
      {diff && !diff.gaveUp && diff.added + diff.removed > 0 && (
        <pre className="diff-pre">
          {diff.lines.slice(0, MAX_LINES).map((l, i) => (
            <div key={i} className="diff-line" data-kind={l.kind}>
              <span className="diff-sign">
                {l.kind === 'added' ? '+' : l.kind === 'removed' ? '−' : l.kind === 'fold' ? '⋯' : ' '}
              </span>
              {l.text}
            </div>
          ))}
          {diff.lines.length > MAX_LINES && (
            <div className="diff-line" data-kind="fold">
              … {diff.lines.length - MAX_LINES} more lines not shown
            </div>
          )}
        </pre>
      )}
    </div>
  )
}
