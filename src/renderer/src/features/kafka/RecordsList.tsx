import { Text, Tooltip } from '@mantine/core'
import { useVirtualizer } from '@tanstack/react-virtual'
import { useEffect, useMemo, useRef, type KeyboardEvent, type ReactNode } from 'react'
import type { MessageSummary } from '../../../../shared/messages'
import { useNow } from '../connection/use-now'
import { formatBytes, formatDateTime } from '../topic-detail/format-units'
import { formatOffset } from './kafka-numbers'
import { keyText, recordKey, recordTime, valueLine } from './record-rows'

const ROW = 30

/**
 * The records read, one line each — partition, offset, time (and who set it), key, headers, value
 * — in a virtual list: only the lines on screen are in the DOM however many are loaded. Arrow keys
 * move the selection; the list keeps to the bottom while a live tail appends, unless scrolled up.
 */
export function RecordsList({
  records,
  selected,
  follow,
  onSelect,
  footer,
}: {
  records: MessageSummary[]
  selected: string | null
  /** Keep the newest in view as records are appended (live tail). */
  follow: boolean
  onSelect(key: string): void
  footer: ReactNode
}) {
  const scrollRef = useRef<HTMLDivElement>(null)
  const atBottom = useRef(true)
  const now = useNow(60_000)
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is read in render on purpose
  const virtualizer = useVirtualizer({
    count: records.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW,
    overscan: 12,
    getItemKey: (i) => {
      const r = records[i]
      return r ? recordKey(r) : i
    },
  })

  useEffect(() => {
    if (follow && atBottom.current && records.length > 0)
      virtualizer.scrollToIndex(records.length - 1, { align: 'end' })
  }, [follow, records.length, virtualizer])

  function onKeyDown(e: KeyboardEvent) {
    const i = records.findIndex((r) => recordKey(r) === selected)
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 300) / ROW) - 1)
    const to =
      e.key === 'ArrowDown'
        ? i + 1
        : e.key === 'ArrowUp'
          ? i - 1
          : e.key === 'PageDown'
            ? i + page
            : e.key === 'PageUp'
              ? i - page
              : e.key === 'Home'
                ? 0
                : e.key === 'End'
                  ? records.length - 1
                  : null
    if (to === null) return
    e.preventDefault()
    const clamped = Math.max(0, Math.min(records.length - 1, to))
    const r = records[clamped]
    if (r) {
      onSelect(recordKey(r))
      virtualizer.scrollToIndex(clamped, { align: 'auto' })
    }
  }

  // times of other days carry their date: the column widens for them
  const dated = useMemo(() => {
    const today = new Date(now).toDateString()
    return records.some(
      (r) => r.kafka?.timestamp != null && new Date(r.kafka.timestamp).toDateString() !== today,
    )
  }, [records, now])

  return (
    <div
      className="kafka-records-list"
      data-testid="kafka-records"
      data-count={records.length}
      data-dated={dated}
    >
      <div className="kafka-record-row kafka-record-head" role="presentation">
        <span>Part.</span>
        <span className="num">Offset</span>
        <span>Timestamp</span>
        <span>Key</span>
        <span className="num">Hdrs</span>
        <span>Value</span>
      </div>
      <div
        ref={scrollRef}
        className="kafka-records-scroll"
        role="listbox"
        aria-label="Records"
        tabIndex={0}
        onKeyDown={onKeyDown}
        onScroll={(e) => {
          const el = e.currentTarget
          atBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < ROW * 2
        }}
      >
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((item) => {
            const r = records[item.index]
            if (!r) return null
            const k = recordKey(r)
            return (
              <RecordRow
                key={k}
                record={r}
                start={item.start}
                now={now}
                selected={k === selected}
                onClick={() => {
                  onSelect(k)
                  scrollRef.current?.focus({ preventScroll: true })
                }}
              />
            )
          })}
        </div>
        {footer}
      </div>
    </div>
  )
}

function RecordRow({
  record: r,
  start,
  now,
  selected,
  onClick,
}: {
  record: MessageSummary
  start: number
  now: number
  selected: boolean
  onClick(): void
}) {
  const k = r.kafka
  const key = keyText(k?.key ?? null)
  const value = valueLine(r)
  const ts = k?.timestamp ?? null
  return (
    <div
      className="kafka-record-row"
      role="option"
      aria-selected={selected}
      data-selected={selected}
      data-testid="kafka-record-row"
      data-partition={k?.partition}
      data-offset={k?.offset}
      style={{ transform: `translateY(${start}px)` }}
      onClick={onClick}
    >
      <span className="mono">{k?.partition ?? '—'}</span>
      <span className="mono num" data-testid="kafka-record-offset">
        {k ? formatOffset(k.offset) : '—'}
      </span>
      <span className="mono kafka-record-time" title={ts === null ? undefined : formatDateTime(ts)}>
        {ts === null ? '—' : recordTime(ts, now)}
        {k?.timestampType && (
          <Tooltip
            label={
              k.timestampType === 'create'
                ? 'Set by the producer (CreateTime)'
                : 'Set by the broker (LogAppendTime)'
            }
            withArrow
            openDelay={300}
          >
            <span className="kafka-ts-type">{k.timestampType === 'create' ? 'C' : 'L'}</span>
          </Tooltip>
        )}
      </span>
      <span className="mono kafka-cell-cut" data-key-kind={key.kind} data-testid="kafka-record-key">
        {key.kind === 'none' ? (
          <span className="kafka-dim">no key</span>
        ) : key.kind === 'hex' ? (
          <span className="kafka-hex">{key.text}</span>
        ) : (
          key.text
        )}
      </span>
      <span className="mono num">
        {k && k.headers.length > 0 ? k.headers.length : <span className="kafka-dim">—</span>}
      </span>
      <span className="mono kafka-cell-cut" data-testid="kafka-record-value">
        {value ?? (
          <Text span size="xs" c="dimmed">
            binary · {formatBytes(r.size)}
          </Text>
        )}
      </span>
    </div>
  )
}
