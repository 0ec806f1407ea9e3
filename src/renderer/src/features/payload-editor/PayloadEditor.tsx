import { Alert, Button, Code, Group, SegmentedControl, Stack, Switch, Text, Tooltip } from '@mantine/core'
import { IconAlertTriangle, IconArrowsMinimize, IconBraces, IconCircleCheck } from '@tabler/icons-react'
import { useMemo, useState } from 'react'
import type { EditorMode } from '../../../../shared/codecs/editor-modes'
import { formatJson, lineColumnAt, minifyJson } from '../../../../shared/codecs/json-text'
import { MonacoEditor } from '../../monaco/MonacoEditor'
import { formatBytes } from '../topic-detail/format-units'
import { MODE_LABEL, payloadStatus, switchMode, templateAllowed, type PayloadDraft } from './payload-draft'
import './payload-editor.css'

const MODES: EditorMode[] = ['json', 'text', 'hex', 'base64']

const PLACEHOLDER: Record<EditorMode, string> = {
  json: '{"state": "ON"}',
  text: 'Any text',
  hex: '7b 22 6f 6e 22 3a 74 72 75 65 7d',
  base64: 'eyJvbiI6dHJ1ZX0=',
}

/**
 * The payload editor: Monaco in one of four modes (JSON with validation as you type, plain text, hex
 * bytes, base64), Format and Minify for JSON, and templates with their errors and a preview of the
 * first message. Switching mode converts the content without loss, or stays and says why not.
 */
export function PayloadEditor({
  value,
  onChange,
  error,
  onSubmit,
}: {
  value: PayloadDraft
  onChange(next: PayloadDraft): void
  /** Ctrl+Enter in the editor. */
  onSubmit?(): void
  /** A problem the core found with the payload (e.g. a template error it refused). */
  error?: string | null
}) {
  const [modeError, setModeError] = useState<string | null>(null)
  const status = useMemo(() => payloadStatus(value), [value])
  const jsonMode = value.mode === 'json'
  // A template is checked as it resolves; Monaco's JSON service would flag every placeholder.
  const language = jsonMode && !value.template ? 'json' : 'plaintext'

  function setMode(to: EditorMode) {
    const r = switchMode(value, to)
    if (r.ok) {
      setModeError(null)
      onChange(r.draft)
    } else setModeError(r.reason)
  }

  function reshape(kind: 'format' | 'minify') {
    const r = kind === 'format' ? formatJson(value.text, 2) : minifyJson(value.text)
    if (r.ok) onChange({ ...value, text: r.text })
    else setModeError(`Can't ${kind} it: line ${r.line}, column ${r.column}: ${r.message}`)
  }

  const canReshape = jsonMode && !value.template && value.text.trim() !== '' && status.json === null

  return (
    <Stack gap={6} data-testid="payload-editor-panel" data-mode={value.mode} data-template={value.template}>
      <Group justify="space-between" gap="xs" wrap="wrap">
        <Group gap="xs" wrap="nowrap">
          <SegmentedControl
            size="xs"
            value={value.mode}
            onChange={(v) => setMode(v as EditorMode)}
            data={MODES.map((m) => ({ value: m, label: MODE_LABEL[m] }))}
            aria-label="Payload mode"
            data-testid="payload-mode"
          />
          {jsonMode && (
            <>
              <Tooltip label="Pretty-print with two spaces" openDelay={400}>
                <Button
                  size="compact-xs"
                  variant="default"
                  leftSection={<IconBraces size={12} />}
                  disabled={!canReshape}
                  onClick={() => reshape('format')}
                  data-testid="payload-format"
                >
                  Format
                </Button>
              </Tooltip>
              <Tooltip label="Remove all white space between tokens" openDelay={400}>
                <Button
                  size="compact-xs"
                  variant="default"
                  leftSection={<IconArrowsMinimize size={12} />}
                  disabled={!canReshape}
                  onClick={() => reshape('minify')}
                  data-testid="payload-minify"
                >
                  Minify
                </Button>
              </Tooltip>
            </>
          )}
        </Group>
        <Tooltip
          label={
            templateAllowed(value.mode)
              ? 'Placeholders resolved for each message sent: {{timestamp}} {{iso}} {{uuid}} {{counter}} {{random 1 100}}'
              : 'Templates are text: switch to JSON or Text'
          }
          multiline
          w={300}
          openDelay={300}
        >
          <div>
            <Switch
              size="xs"
              label="Template"
              checked={value.template}
              disabled={!templateAllowed(value.mode)}
              onChange={(e) => {
                setModeError(null)
                onChange({ ...value, template: e.currentTarget.checked })
              }}
              data-testid="payload-template"
            />
          </div>
        </Tooltip>
      </Group>

      {modeError && (
        <Alert
          color="orange"
          variant="light"
          p="xs"
          icon={<IconAlertTriangle size={16} />}
          withCloseButton
          onClose={() => setModeError(null)}
          data-testid="payload-mode-error"
        >
          <Text size="sm">{modeError}</Text>
        </Alert>
      )}

      <MonacoEditor
        value={value.text}
        onChange={(text) => {
          setModeError(null)
          onChange({ ...value, text })
        }}
        language={language}
        ariaLabel={`Payload (${MODE_LABEL[value.mode]}${value.template ? ' template' : ''})`}
        placeholder={value.template ? '{"n": {{counter}}, "at": "{{iso}}"}' : PLACEHOLDER[value.mode]}
        markers={value.template ? status.template : undefined}
        onSubmit={onSubmit}
        data-testid="payload-editor"
      />

      <Group justify="space-between" gap="xs" wrap="nowrap" align="flex-start">
        <div style={{ minWidth: 0 }}>
          {status.json ? (
            <Text size="xs" c="red" className="reason-text" data-testid="payload-json-error">
              {value.template ? 'Resolved payload: ' : ''}Line {status.json.line}, column {status.json.column}
              : {status.json.message}
            </Text>
          ) : status.template.length > 0 ? null : status.blocker ? (
            <Text size="xs" c="red" className="reason-text" data-testid="payload-error">
              {status.blocker}
            </Text>
          ) : jsonMode && value.text.trim() !== '' ? (
            <Group gap={4} wrap="nowrap" data-testid="payload-json-ok">
              <IconCircleCheck size={14} color="var(--mantine-color-green-filled)" />
              <Text size="xs" c="dimmed">
                {value.template ? 'Valid JSON once resolved' : 'Valid JSON'}
              </Text>
            </Group>
          ) : null}
          {error && (
            <Text size="xs" c="red" className="reason-text" data-testid="payload-core-error">
              {error}
            </Text>
          )}
        </div>
        <Group gap="sm" wrap="nowrap" style={{ flex: 'none' }}>
          <Text size="xs" c="dimmed" title="Tab moves the focus on; Ctrl+M switches Tab to indenting">
            Ctrl+M: Tab indents
          </Text>
          {status.size !== null && (
            <Text size="xs" c="dimmed" data-testid="payload-size" data-bytes={status.size}>
              {formatBytes(status.size)}
            </Text>
          )}
        </Group>
      </Group>

      {value.template && templateAllowed(value.mode) && (
        <div className="template-box" data-testid="payload-template-box">
          {status.template.length > 0 ? (
            <Stack gap={2} data-testid="payload-template-errors" data-count={status.template.length}>
              {status.template.map((e, i) => (
                <Text key={i} size="xs" c="red" className="reason-text">
                  {where(value.text, e.offset)}: {e.message}
                </Text>
              ))}
            </Stack>
          ) : (
            <>
              <Text size="xs" c="dimmed" mb={4}>
                Preview of the first message (each message is resolved when it is sent)
              </Text>
              <Code block className="template-preview" data-testid="payload-template-preview">
                {status.preview === '' ? ' ' : status.preview}
              </Code>
            </>
          )}
        </div>
      )}
    </Stack>
  )
}

function where(text: string, offset: number): string {
  const { line, column } = lineColumnAt(text, offset)
  return `Line ${line}, column ${column}`
}
