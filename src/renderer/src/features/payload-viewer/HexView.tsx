import { ActionIcon, Group, Select, Text, TextInput, Tooltip } from '@mantine/core'
import { IconArrowBarToDown, IconArrowBarToUp, IconCornerDownLeft } from '@tabler/icons-react'
import { useVirtualizer } from '@tanstack/react-virtual'
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react'
import { hexDumpLines, type HexDumpLine } from '../../../../shared/codecs/hex'
import { binarySize } from './byte-size'
import { formatOffset, parseOffset } from './hex-offset'
import { BYTES_PER_LINE, hexColumn, hexSections, locateOffset } from './hex-sections'

const ROW = 18
const NAVIGABLE_LINES = 24

/**
 * The whole payload as a hex dump — offset, 16 bytes, their ASCII — however large: only the lines in
 * view are built (hexDumpLines reads just their bytes), so a 10 MB payload's 655,360 lines open at
 * once and scroll smoothly. "Go to offset" scrolls to a byte and marks it.
 */
export function HexView({
  bytes,
  height,
  testId = 'payload-hex',
}: {
  bytes: Uint8Array
  /** CSS max height of the scroll box. */
  height: string
  testId?: string
}) {
  const sections = useMemo(() => hexSections(bytes.length), [bytes.length])
  const [sectionIndex, setSectionIndex] = useState(0)
  const section = sections[Math.min(sectionIndex, sections.length - 1)]!
  const [target, setTarget] = useState<number | null>(null)
  const [gotoText, setGotoText] = useState('')
  const [gotoError, setGotoError] = useState<string | null>(null)
  // a line to bring into view once its section is rendered
  const [pending, setPending] = useState<{ line: number; seq: number } | null>(null)
  const scroll = useRef<HTMLDivElement>(null)
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is read in render on purpose
  const virtualizer = useVirtualizer({
    count: section.lines,
    getScrollElement: () => scroll.current,
    estimateSize: () => ROW,
    overscan: 16,
  })

  useEffect(() => {
    if (pending) virtualizer.scrollToIndex(pending.line, { align: 'center' })
  }, [pending, virtualizer])

  // a new payload (the next message of a topic) keeps the place but drops a mark beyond its end
  const mark = target !== null && target < bytes.length ? target : null

  function goTo(offset: number) {
    const where = locateOffset(offset)
    setSectionIndex(where.section)
    setTarget(offset)
    setPending((p) => ({ line: where.line, seq: (p?.seq ?? 0) + 1 }))
  }

  function submitGoto() {
    const r = parseOffset(gotoText, bytes.length)
    if (!r.ok) {
      setGotoError(r.error)
      return
    }
    setGotoError(null)
    goTo(r.offset)
  }

  const items = virtualizer.getVirtualItems()
  const first = items[0]?.index ?? 0
  const last = items[items.length - 1]?.index ?? -1
  const lines = hexDumpLines(bytes, section.firstLine + first, last - first + 1, BYTES_PER_LINE)
  const content = section.lines * ROW + 2
  // a payload that fits in a screenful or two needs no way around it
  const navigable = sections.length > 1 || section.lines > NAVIGABLE_LINES

  return (
    <div data-testid={testId} data-lines={section.lines} data-size={bytes.length}>
      {navigable && (
        <Group gap={6} mb={6} wrap="wrap" align="flex-start">
          <TextInput
            size="xs"
            className="pv-goto"
            placeholder="Offset: 0x1f40 or 8000"
            aria-label="Go to offset"
            value={gotoText}
            error={gotoError}
            onChange={(e) => {
              setGotoText(e.currentTarget.value)
              setGotoError(null)
            }}
            onKeyDown={(e) => {
              if (e.key === 'Enter') submitGoto()
            }}
            rightSection={
              <ActionIcon size="sm" variant="subtle" aria-label="Go to the offset" onClick={submitGoto}>
                <IconCornerDownLeft size={14} />
              </ActionIcon>
            }
            data-testid="payload-hex-goto"
          />
          <Tooltip label="Start" withArrow>
            <ActionIcon
              size="md"
              variant="default"
              aria-label="Go to the start"
              onClick={() => goTo(0)}
              disabled={bytes.length === 0}
              data-testid="payload-hex-start"
            >
              <IconArrowBarToUp size={15} />
            </ActionIcon>
          </Tooltip>
          <Tooltip label="End" withArrow>
            <ActionIcon
              size="md"
              variant="default"
              aria-label="Go to the end"
              onClick={() => goTo(bytes.length - 1)}
              disabled={bytes.length === 0}
              data-testid="payload-hex-end"
            >
              <IconArrowBarToDown size={15} />
            </ActionIcon>
          </Tooltip>
          {sections.length > 1 && (
            <Select
              size="xs"
              w={250}
              allowDeselect={false}
              aria-label="Part of the payload"
              value={String(sectionIndex)}
              onChange={(v) => v !== null && setSectionIndex(Number(v))}
              data={sections.map((s, i) => ({
                value: String(i),
                label: `Bytes ${formatOffset(s.start)}–${formatOffset(s.end - 1)} (${binarySize(s.end - s.start) ?? `${s.end - s.start} B`})`,
              }))}
              data-testid="payload-hex-section"
            />
          )}
          <Text size="xs" c="dimmed" mt={6}>
            {section.lines.toLocaleString()} {section.lines === 1 ? 'line' : 'lines'}
            {mark !== null && ` · byte ${mark.toLocaleString()} (0x${mark.toString(16)}) marked`}
          </Text>
        </Group>
      )}
      <div
        ref={scroll}
        className="pv-box"
        style={{ height: `min(${height}, ${content}px)` }}
        tabIndex={0}
        role="region"
        aria-label="Hex dump"
      >
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {items.map((item) => {
            const line = lines[item.index - first]
            if (!line) return null
            return <HexRow key={item.index} line={line} start={item.start} mark={mark} />
          })}
        </div>
      </div>
    </div>
  )
}

function HexRow({ line, start, mark }: { line: HexDumpLine; start: number; mark: number | null }) {
  const k =
    mark !== null && mark >= line.offset && mark < line.offset + BYTES_PER_LINE ? mark - line.offset : -1
  return (
    <div
      className="pv-hex-row"
      style={{ transform: `translateY(${start}px)` }}
      data-testid="payload-hex-row"
      data-offset={line.offset}
      data-target={k >= 0}
    >
      <span className="pv-hex-off" title={`${line.offset.toLocaleString()} (decimal)`}>
        {formatOffset(line.offset)}
      </span>
      <span className="pv-hex-bytes">{k >= 0 ? marked(line.hex, hexColumn(k), 2) : line.hex}</span>
      <span className="pv-hex-ascii">{k >= 0 ? marked(line.ascii, k, 1) : line.ascii}</span>
    </div>
  )
}

function marked(text: string, at: number, length: number): ReactNode {
  return (
    <>
      {text.slice(0, at)}
      <mark data-testid="payload-hex-mark">{text.slice(at, at + length)}</mark>
      {text.slice(at + length)}
    </>
  )
}
