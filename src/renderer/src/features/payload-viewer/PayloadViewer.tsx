import { Anchor, Badge, Button, Group, Loader, Menu, SegmentedControl, Text, Tooltip } from '@mantine/core'
import { IconChevronDown, IconCopy, IconDownload } from '@tabler/icons-react'
import { useCallback, useMemo, useState } from 'react'
import { detectPayload, type PayloadKind } from '../../../../shared/codecs/detect'
import { formatJson } from '../../../../shared/codecs/json-text'
import { decodeCbor, decodeMsgpack, type DecodeResult } from '../../../../shared/codecs/structured'
import { downloadBlob } from '../import-export/download-file'
import { binarySize, exactBytes } from './byte-size'
import { writeClipboard } from './clipboard'
import { COPY_LABEL, copyFormats, copyText, type CopyFormat, type CopySource } from './copy-formats'
import { DecodeFailure } from './DecodeFailure'
import { HexView } from './HexView'
import { JsonTreeView } from './JsonTreeView'
import { browserStorage } from './proto-memory'
import { ProtobufPane } from './ProtobufPane'
import { payloadFileName } from './save-name'
import { sniffStructured } from './structured-sniff'
import { base64Source, payloadTextSource, PRETTY_JSON_MAX } from './text-sources'
import { TextPane } from './TextPane'
import { rememberedView, rememberView } from './view-memory'
import { KIND_LABEL, pickView, VIEW_LABEL, viewsFor, type ViewMode } from './view-modes'
import './payload-viewer.css'

export interface PayloadViewerProps {
  /** The whole payload; null while it loads (the header shows `size` meanwhile). */
  bytes: Uint8Array | null
  /** The full size in bytes, known before the bytes are. */
  size: number
  loading?: boolean
  /** Why the bytes could not be loaded. */
  error?: string | null
  /** Names the file "Save bytes…" writes (the topic, routing key, …). */
  name?: string | null
  /** Said under "Empty payload" (a retained message being cleared looks like this). */
  emptyNote?: string | null
  /** CSS max height of the pane's scroll box. */
  height?: string
}

const KIND_COLOR: Record<PayloadKind, string> = {
  empty: 'gray',
  json: 'indigo',
  number: 'cyan',
  text: 'teal',
  binary: 'orange',
}

type CopyStatus = { tone: 'ok' | 'error'; text: string } | null

/**
 * One payload, read-only, however it is encoded: detected as JSON, a number, UTF-8 text or bytes
 * and opened in the view that suits it (JSON as a tree, bytes as hex), with every other view a click
 * away — text, hex, base64, MessagePack, CBOR, Protobuf. A header says the exact size and what the
 * payload is, copies it in any form and saves its bytes. Used wherever a message is shown.
 */
export function PayloadViewer({
  bytes,
  size,
  loading = false,
  error = null,
  name = null,
  emptyNote = null,
  height = '42vh',
}: PayloadViewerProps) {
  const detected = useMemo(() => (bytes ? detectPayload(bytes) : null), [bytes])
  const kind = detected?.kind ?? null
  const [choice, setChoice] = useState<{ kind: PayloadKind; view: ViewMode } | null>(null)
  const preferred = useMemo(
    () =>
      kind === null ? null : choice?.kind === kind ? choice.view : rememberedView(browserStorage(), kind),
    [kind, choice],
  )
  const view = kind === null ? null : pickView(kind, preferred)
  const [protoJson, setProtoJson] = useState<string | null>(null)
  const [copyStatus, setCopyStatus] = useState<CopyStatus>(null)

  const hint = useMemo(() => (bytes && kind === 'binary' ? sniffStructured(bytes) : null), [bytes, kind])
  const structured = useMemo(
    () =>
      !bytes ? null : view === 'msgpack' ? decodeMsgpack(bytes) : view === 'cbor' ? decodeCbor(bytes) : null,
    [bytes, view],
  )
  const textSource = useMemo(
    () =>
      bytes && detected && view === 'text' ? payloadTextSource(detected.kind, detected.text, bytes) : null,
    [bytes, detected, view],
  )
  const b64Source = useMemo(() => (bytes && view === 'base64' ? base64Source(bytes) : null), [bytes, view])
  const onProtoDecoded = useCallback((json: string | null) => setProtoJson(json), [])

  function choose(next: ViewMode) {
    if (kind === null) return
    setChoice({ kind, view: next })
    rememberView(browserStorage(), kind, next)
  }

  // an empty payload has nothing to copy or save
  const copySource: CopySource | null =
    bytes && detected && detected.kind !== 'empty'
      ? {
          bytes,
          text: detected.text,
          json: jsonToCopy(view, protoJson, structured, detected.kind, detected.text),
        }
      : null

  async function copy(format: CopyFormat) {
    if (!copySource) return
    const text = copyText(format, copySource)
    if (text === null) return
    try {
      await writeClipboard(text)
      const label = format === 'json' ? 'JSON' : format
      setCopyStatus({ tone: 'ok', text: `Copied as ${label} (${text.length.toLocaleString()} characters)` })
      clearLater('ok', 4000)
    } catch (err) {
      setCopyStatus({
        tone: 'error',
        text: `${err instanceof Error ? err.message : String(err)}. "Save bytes…" writes the payload to a file instead.`,
      })
      clearLater('error', 12_000)
    }
  }

  function clearLater(tone: 'ok' | 'error', ms: number) {
    setTimeout(() => setCopyStatus((s) => (s?.tone === tone ? null : s)), ms)
  }

  function save() {
    if (!bytes || kind === null) return
    downloadBlob(payloadFileName(name, kind), new Blob([bytes.slice()], { type: 'application/octet-stream' }))
  }

  const shownSize = bytes ? bytes.length : size
  const short = binarySize(shownSize)
  const views = kind === null ? [] : viewsFor(kind)

  return (
    <div
      className="payload-viewer"
      data-testid="detail-payload"
      data-kind={kind ?? 'loading'}
      data-view={view ?? ''}
    >
      <div className="pv-header">
        {kind !== null && (
          <Badge
            size="sm"
            variant="light"
            color={KIND_COLOR[kind]}
            radius="sm"
            data-testid="detail-payload-kind"
          >
            {KIND_LABEL[kind]}
          </Badge>
        )}
        <Text size="xs" c="dimmed" className="pv-size" data-testid="payload-size" data-bytes={shownSize}>
          {exactBytes(shownSize)}
          {short && ` (${short})`}
        </Text>
        {loading && <Loader size={12} aria-label="Loading the payload" />}
        {hint && view !== hint && (
          <Text size="xs" c="dimmed" data-testid="payload-hint" data-format={hint}>
            Looks like {VIEW_LABEL[hint]} ·{' '}
            <Anchor component="button" type="button" size="xs" onClick={() => choose(hint)}>
              Show it decoded
            </Anchor>
          </Text>
        )}
        {copySource && (
          <Group gap={4} ml="auto" wrap="nowrap">
            <Menu position="bottom-end" withinPortal shadow="md">
              <Menu.Target>
                <Button
                  size="compact-xs"
                  variant="default"
                  leftSection={<IconCopy size={13} />}
                  rightSection={<IconChevronDown size={12} />}
                  data-testid="payload-copy"
                >
                  Copy
                </Button>
              </Menu.Target>
              <Menu.Dropdown>
                {copyFormats(copySource).map((f) => (
                  <Menu.Item key={f} onClick={() => void copy(f)} data-testid={`payload-copy-${f}`}>
                    {COPY_LABEL[f]}
                  </Menu.Item>
                ))}
              </Menu.Dropdown>
            </Menu>
            <Tooltip label={`Save the ${exactBytes(shownSize)} to a file`} withArrow>
              <Button
                size="compact-xs"
                variant="default"
                leftSection={<IconDownload size={13} />}
                onClick={save}
                data-testid="payload-save"
              >
                Save bytes…
              </Button>
            </Tooltip>
          </Group>
        )}
      </div>
      {views.length > 0 && view && (
        <SegmentedControl
          className="pv-switch"
          size="xs"
          mb={8}
          value={view}
          onChange={(v) => choose(v as ViewMode)}
          data={views.map((v) => ({
            value: v,
            label: <span data-testid={`payload-view-${v}`}>{VIEW_LABEL[v]}</span>,
          }))}
          aria-label="View the payload as"
          data-testid="payload-view-switch"
        />
      )}
      {copyStatus && (
        <Text
          size="xs"
          c={copyStatus.tone === 'ok' ? 'teal' : 'red'}
          mb={6}
          role={copyStatus.tone === 'error' ? 'alert' : 'status'}
          data-testid="payload-copy-status"
          data-tone={copyStatus.tone}
        >
          {copyStatus.text}
        </Text>
      )}

      {error && !bytes && (
        <Text size="sm" c="red" className="reason-text" data-testid="payload-load-error">
          Could not load the payload: {error}
        </Text>
      )}
      {!bytes && !error && (
        <Text size="sm" c="dimmed">
          Loading the payload…
        </Text>
      )}
      {kind === 'empty' && (
        <Text size="sm" c="dimmed" fs="italic" data-testid="payload-empty">
          Empty payload (0 bytes){emptyNote ? ` — ${emptyNote}` : ''}
        </Text>
      )}

      {bytes &&
        detected &&
        view === 'tree' &&
        detected.text !== null &&
        (bytes.length > PRETTY_JSON_MAX ? (
          <>
            <Text size="xs" c="orange" mb={4}>
              Too large for the tree ({exactBytes(bytes.length)}): shown as text
            </Text>
            <TextPane source={payloadTextSource('text', detected.text, bytes)} height={height} />
          </>
        ) : (
          <JsonTreeView text={detected.text} bytes={bytes} height={height} />
        ))}
      {textSource && <TextPane source={textSource} height={height} />}
      {bytes && view === 'hex' && <HexView bytes={bytes} height={height} />}
      {b64Source && <TextPane source={b64Source} height={height} testId="payload-base64" />}
      {bytes &&
        structured &&
        (structured.ok ? (
          <JsonTreeView text={structured.json} bytes={bytes} height={height} testId="payload-decoded" />
        ) : (
          <DecodeFailure
            title={`Not ${view === 'cbor' ? 'CBOR' : 'MessagePack'}`}
            error={structured.error}
            bytes={bytes}
            height={height}
          />
        ))}
      {bytes && view === 'protobuf' && (
        <ProtobufPane bytes={bytes} height={height} onDecoded={onProtoDecoded} />
      )}
    </div>
  )
}

/**
 * "Copy as JSON": what the open decoder made of the payload, or the payload itself pretty-printed
 * when it is JSON; built only when copied.
 */
function jsonToCopy(
  view: ViewMode | null,
  protoJson: string | null,
  structured: DecodeResult | null,
  kind: PayloadKind,
  text: string | null,
): (() => string) | null {
  if (view === 'protobuf' && protoJson !== null) return () => protoJson
  if (structured?.ok) return () => structured.json
  if (kind !== 'json' || text === null) return null
  return () => {
    const pretty = formatJson(text)
    return pretty.ok ? pretty.text : text
  }
}
