import { Alert, Button, Group, Loader, Modal, Progress, SegmentedControl, Stack, Text } from '@mantine/core'
import { IconAlertTriangle, IconCircleCheck } from '@tabler/icons-react'
import { useEffect, useRef, useState } from 'react'
import { api } from '../../api/client'
import type { ListFilter } from '../../stores/history-list-store'
import { downloadBlob } from '../import-export/download-file'
import { formatCount } from '../topic-detail/format-units'
import { assembleExport, exportBlob, historyFileName, type ExportFormat } from './export-assembly'
import { describeFilter } from './history-filter'

type Phase =
  | { kind: 'counting' }
  | { kind: 'ready'; total: number }
  | { kind: 'running'; total: number; exported: number }
  | { kind: 'done'; exported: number; file: string }
  | { kind: 'error'; error: string; total: number | null }

/**
 * Exports what the history panel shows: counts it first, then fetches it in chunks (oldest first)
 * with a progress bar and a cancel button, and downloads the assembled file. JSON Lines imports back
 * byte for byte; CSV is for spreadsheets.
 */
export function ExportHistoryModal({
  filter,
  profileName,
  onClose,
}: {
  filter: ListFilter
  profileName: string
  onClose(): void
}) {
  const [format, setFormat] = useState<ExportFormat>('jsonl')
  const [phase, setPhase] = useState<Phase>({ kind: 'counting' })
  const abort = useRef<AbortController | null>(null)

  useEffect(() => {
    let live = true
    api()
      .countHistory({ filter })
      .then(({ count }) => live && setPhase({ kind: 'ready', total: count }))
      .catch((err: unknown) => live && setPhase({ kind: 'error', error: message(err), total: null }))
    return () => {
      live = false
      abort.current?.abort()
    }
  }, [filter])

  async function run(total: number) {
    const ctl = new AbortController()
    abort.current = ctl
    setPhase({ kind: 'running', total, exported: 0 })
    try {
      const { parts, exported } = await assembleExport(
        (input) => api().exportHistory(input),
        filter,
        format,
        total,
        (p) => setPhase({ kind: 'running', total: p.total, exported: p.exported }),
        ctl.signal,
      )
      const file = historyFileName(profileName, filter.topic ?? null, format)
      downloadBlob(file, exportBlob(parts, format))
      setPhase({ kind: 'done', exported, file })
    } catch (err) {
      if (ctl.signal.aborted) setPhase({ kind: 'ready', total })
      else setPhase({ kind: 'error', error: message(err), total })
    } finally {
      abort.current = null
    }
  }

  const running = phase.kind === 'running'
  return (
    <Modal
      opened
      onClose={() => {
        abort.current?.abort()
        onClose()
      }}
      closeOnClickOutside={!running}
      centered
      size="lg"
      title={<Text fw={650}>Export stored messages</Text>}
      data-testid="export-history-modal"
    >
      <Stack gap="md">
        <Text size="sm" className="mono" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
          {describeFilter(filter, profileName)}
        </Text>
        <Group gap="sm" align="center">
          <SegmentedControl
            size="xs"
            value={format}
            onChange={(v) => setFormat(v as ExportFormat)}
            disabled={running}
            data={[
              { value: 'jsonl', label: 'JSON Lines' },
              { value: 'csv', label: 'CSV' },
            ]}
            data-testid="export-history-format"
          />
          <Text size="xs" c="dimmed">
            {format === 'jsonl'
              ? 'One message per line, every byte kept: imports back as it was.'
              : 'For spreadsheets: binary payloads as base64.'}
          </Text>
        </Group>
        {phase.kind === 'counting' && (
          <Group gap="sm">
            <Loader size="xs" />
            <Text size="sm">Counting…</Text>
          </Group>
        )}
        {(phase.kind === 'ready' || phase.kind === 'error') && phase.total !== null && (
          <Text size="sm" data-testid="export-history-count" data-count={phase.total}>
            {phase.total === 0
              ? 'Nothing to export: no stored message matches.'
              : `${formatCount(phase.total)} ${phase.total === 1 ? 'message' : 'messages'}, oldest first.`}
          </Text>
        )}
        {running && (
          <Stack gap={4}>
            <Progress
              value={phase.total > 0 ? (phase.exported / phase.total) * 100 : 0}
              animated
              data-testid="export-history-progress"
              data-exported={phase.exported}
            />
            <Text size="xs" c="dimmed">
              {formatCount(phase.exported)} of {formatCount(phase.total)}
            </Text>
          </Stack>
        )}
        {phase.kind === 'done' && (
          <Group gap="sm" wrap="nowrap">
            <IconCircleCheck size={22} color="var(--mantine-color-green-filled)" />
            <Text size="sm" data-testid="export-history-done" data-count={phase.exported}>
              Exported {formatCount(phase.exported)} {phase.exported === 1 ? 'message' : 'messages'} to{' '}
              <b>{phase.file}</b>.
            </Text>
          </Group>
        )}
        {phase.kind === 'error' && (
          <Alert
            color="red"
            variant="light"
            icon={<IconAlertTriangle size={16} />}
            title="The export failed"
            data-testid="export-history-error"
          >
            <Text size="sm" className="reason-text">
              {phase.error}
            </Text>
          </Alert>
        )}
        <Group justify="flex-end" gap="sm">
          {running ? (
            <Button
              variant="default"
              onClick={() => abort.current?.abort()}
              data-testid="export-history-cancel"
            >
              Cancel
            </Button>
          ) : (
            <Button variant="default" onClick={onClose} data-testid="export-history-close">
              {phase.kind === 'done' ? 'Close' : 'Cancel'}
            </Button>
          )}
          {phase.kind !== 'done' && (
            <Button
              disabled={phase.kind !== 'ready' || phase.total === 0}
              loading={running}
              onClick={() => phase.kind === 'ready' && void run(phase.total)}
              data-testid="export-history-start"
            >
              Export
            </Button>
          )}
        </Group>
      </Stack>
    </Modal>
  )
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err)
}
