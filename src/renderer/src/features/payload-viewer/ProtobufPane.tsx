import { Button, Group, Loader, Select, Text, Textarea } from '@mantine/core'
import { IconFileCode, IconPencil } from '@tabler/icons-react'
import { useEffect, useMemo, useRef, useState } from 'react'
import { api } from '../../api/client'
import { DecodeFailure, RawBytes } from './DecodeFailure'
import { JsonTreeView } from './JsonTreeView'
import { browserStorage, loadProto, MAX_PROTO_CHARS, saveProto } from './proto-memory'

/** Typing in the .proto box parses it this long after the last key, not on every key. */
const PARSE_DELAY_MS = 300

type Parsed = { proto: string; types: string[]; error: null } | { proto: string; types: null; error: string }
type Decoded = {
  proto: string
  messageType: string
  bytes: Uint8Array
  json: string | null
  error: string | null
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err)
}

/**
 * Protobuf needs the schema: the user opens a `.proto` file or pastes it, picks a message type from
 * what the core's parser found, and the core decodes (protobufjs generates code, which the renderer's
 * CSP forbids). The last schema and type are remembered for the next payload.
 */
export function ProtobufPane({
  bytes,
  height,
  onDecoded,
}: {
  bytes: Uint8Array
  height: string
  /** The decoded JSON, for "Copy as JSON"; null while there is none. */
  onDecoded(json: string | null): void
}) {
  const remembered = useMemo(() => loadProto(browserStorage()), [])
  const [proto, setProto] = useState(remembered.proto)
  const [messageType, setMessageType] = useState<string | null>(remembered.messageType)
  const [editing, setEditing] = useState(remembered.proto === '')
  const [fileError, setFileError] = useState<string | null>(null)
  const [parsed, setParsed] = useState<Parsed | null>(null)
  const [decoded, setDecoded] = useState<Decoded | null>(null)
  const fileInput = useRef<HTMLInputElement>(null)

  const hasProto = proto.trim() !== ''
  const current = parsed && parsed.proto === proto ? parsed : null
  const types = current?.types ?? []
  const type = messageType !== null && types.includes(messageType) ? messageType : null
  const result =
    decoded && decoded.proto === proto && decoded.messageType === type && decoded.bytes === bytes
      ? decoded
      : null

  useEffect(() => {
    if (!hasProto) return
    let live = true
    const timer = setTimeout(() => {
      api()
        .parseProto({ proto })
        .then(
          (r) => live && setParsed({ proto, types: r.types, error: null }),
          (err: unknown) => live && setParsed({ proto, types: null, error: message(err) }),
        )
    }, PARSE_DELAY_MS)
    return () => {
      live = false
      clearTimeout(timer)
    }
  }, [proto, hasProto])

  useEffect(() => {
    if (!type) return
    let live = true
    api()
      .decodeProtobuf({ proto, messageType: type, payload: bytes })
      .then(
        (r) => live && setDecoded({ proto, messageType: type, bytes, json: r.json, error: null }),
        (err: unknown) =>
          live && setDecoded({ proto, messageType: type, bytes, json: null, error: message(err) }),
      )
    return () => {
      live = false
    }
  }, [proto, type, bytes])

  // Only a .proto that parses replaces the remembered one: a half-typed file must not lose it.
  const parsesNow = current !== null && current.error === null
  useEffect(() => {
    if (parsesNow) saveProto(browserStorage(), { proto, messageType })
  }, [proto, messageType, parsesNow])

  const json = result?.json ?? null
  useEffect(() => {
    onDecoded(json)
    return () => onDecoded(null)
  }, [json, onDecoded])

  async function openFile(file: File) {
    if (file.size > MAX_PROTO_CHARS) {
      setFileError(`${file.name} is larger than 1 MB: is it a .proto file?`)
      return
    }
    try {
      setProto(await file.text())
      setFileError(null)
      setEditing(false)
    } catch (err) {
      setFileError(`Could not read ${file.name}: ${message(err)}`)
    }
  }

  return (
    <div data-testid="payload-protobuf">
      <Group gap={6} mb={6} wrap="wrap" align="center">
        <Button
          size="compact-xs"
          variant="default"
          leftSection={<IconFileCode size={14} />}
          onClick={() => fileInput.current?.click()}
          data-testid="payload-proto-open"
        >
          Open .proto…
        </Button>
        <Button
          size="compact-xs"
          variant={editing ? 'light' : 'subtle'}
          leftSection={<IconPencil size={14} />}
          onClick={() => setEditing(!editing)}
          aria-pressed={editing}
          data-testid="payload-proto-edit"
        >
          {hasProto ? 'Edit .proto' : 'Paste .proto'}
        </Button>
        <Select
          size="xs"
          w={220}
          searchable
          placeholder={
            current?.error ? 'The .proto has errors' : hasProto ? 'Message type' : 'Open a .proto first'
          }
          aria-label="Message type"
          data={types}
          value={type}
          onChange={setMessageType}
          disabled={types.length === 0}
          nothingFoundMessage="No such message type"
          data-testid="payload-proto-type"
        />
        {hasProto && !current && <Loader size={14} />}
        <input
          ref={fileInput}
          type="file"
          accept=".proto,text/plain"
          style={{ display: 'none' }}
          data-testid="payload-proto-file"
          onChange={(e) => {
            const file = e.currentTarget.files?.[0]
            e.currentTarget.value = ''
            if (file) void openFile(file)
          }}
        />
      </Group>
      {fileError && (
        <Text size="xs" c="red" mb={6} data-testid="payload-proto-file-error">
          {fileError}
        </Text>
      )}
      {editing && (
        <Textarea
          className="pv-proto-text"
          mb={8}
          autosize
          minRows={4}
          maxRows={12}
          spellCheck={false}
          aria-label=".proto text"
          placeholder={'syntax = "proto3";\n\nmessage Reading {\n  double temperature = 1;\n}'}
          value={proto}
          onChange={(e) => setProto(e.currentTarget.value.slice(0, MAX_PROTO_CHARS))}
          data-testid="payload-proto-text"
        />
      )}
      {!hasProto ? (
        <>
          <Text size="sm" c="dimmed">
            Open a .proto file or paste its text, then pick the message type.
          </Text>
          <RawBytes bytes={bytes} height={height} />
        </>
      ) : current?.error ? (
        <DecodeFailure
          title="The .proto does not parse"
          error={current.error}
          bytes={bytes}
          height={height}
        />
      ) : !current ? (
        <RawBytes bytes={bytes} height={height} />
      ) : !type ? (
        <>
          <Text size="sm" c="dimmed">
            {types.length === 0
              ? 'The .proto defines no message type.'
              : `Pick one of the ${types.length} message types to decode with.`}
          </Text>
          <RawBytes bytes={bytes} height={height} />
        </>
      ) : !result ? (
        <Group gap={6}>
          <Loader size={14} />
          <Text size="sm" c="dimmed">
            Decoding as {type}…
          </Text>
        </Group>
      ) : result.error !== null || result.json === null ? (
        <DecodeFailure
          title={`Not a ${type}`}
          error={result.error ?? 'No result'}
          bytes={bytes}
          height={height}
        />
      ) : (
        <JsonTreeView text={result.json} bytes={bytes} height={height} testId="payload-decoded" />
      )}
    </div>
  )
}
