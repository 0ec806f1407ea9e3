import { IconArrowDownLeft, IconArrowUpRight } from '@tabler/icons-react'
import { memo } from 'react'
import type { HistoryHit } from '../../../../shared/history'
import { formatBytes } from '../topic-detail/format-units'
import { hitTime } from './hit-time'
import { highlightSegments, oneLine } from './snippet-highlight'

export const HIT_HEIGHT = 46

/**
 * One message of the history list on two lines: when, which way, the topic, QoS, retain and size
 * above; the payload below (the search snippet with its matches marked, when searching). Drawn
 * only while on screen.
 */
export const HistoryHitRow = memo(function HistoryHitRow({
  hit,
  start,
  opened,
  today,
  onOpen,
}: {
  hit: HistoryHit
  start: number
  opened: boolean
  /** Start of the local day: today's messages show the time only. */
  today: number
  onOpen(hit: HistoryHit): void
}) {
  return (
    <div
      className="history-hit"
      role="option"
      aria-selected={opened}
      data-opened={opened}
      data-testid="history-hit"
      data-id={hit.id}
      data-topic={hit.topic}
      style={{ transform: `translateY(${start}px)` }}
      onClick={() => onOpen(hit)}
      title={hit.topic}
    >
      <div className="history-hit-line">
        <span className="history-hit-time mono">{hitTime(hit.receivedAt, today)}</span>
        <span
          className="history-hit-dir"
          data-dir={hit.direction}
          title={hit.direction === 'in' ? 'Received' : 'Sent by Brokerlens'}
          aria-label={hit.direction === 'in' ? 'received' : 'sent'}
        >
          {hit.direction === 'in' ? <IconArrowDownLeft size={14} /> : <IconArrowUpRight size={14} />}
        </span>
        <span className="history-hit-topic mono">{hit.topic === '' ? '(empty topic)' : hit.topic}</span>
        {hit.qos !== null && (
          <span className="history-hit-flag" title={`QoS ${hit.qos}`}>
            Q{hit.qos}
          </span>
        )}
        {hit.retain && (
          <span
            className="history-hit-flag"
            data-kind="retain"
            title="Retained"
            data-testid="history-hit-retain"
          >
            R
          </span>
        )}
        <span className="history-hit-size">{formatBytes(hit.size)}</span>
      </div>
      <div className="history-hit-line">
        <HitPreview hit={hit} />
      </div>
    </div>
  )
})

function HitPreview({ hit }: { hit: HistoryHit }) {
  if (hit.snippet && hit.snippet.ranges.length > 0) {
    return (
      <span className="history-hit-preview mono" data-testid="history-hit-snippet">
        {oneLine(highlightSegments(hit.snippet.text, hit.snippet.ranges)).map((s, i) =>
          s.mark ? <mark key={i}>{s.text}</mark> : <span key={i}>{s.text}</span>,
        )}
      </span>
    )
  }
  if (hit.size === 0) return <span className="history-hit-preview">‹empty›</span>
  if (hit.preview === null) {
    return (
      <span className="history-hit-preview" data-binary="true">
        ‹binary, {formatBytes(hit.size)}›
      </span>
    )
  }
  return (
    <span className="history-hit-preview mono">
      {hit.preview.replace(/\s+/g, ' ')}
      {hit.previewTruncated && (
        <span
          className="history-hit-cut"
          title="The list shows the first 256 bytes; open the message for all of it"
        >
          {' '}
          … (cut)
        </span>
      )}
    </span>
  )
}
