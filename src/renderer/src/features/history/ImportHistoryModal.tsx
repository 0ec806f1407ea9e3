import { Alert, Button, Group, List, Modal, Progress, Stack, Text } from '@mantine/core'
import { IconAlertTriangle, IconCircleCheck } from '@tabler/icons-react'
import { useEffect, useRef, useState } from 'react'
import type { Profile } from '../../../../shared/profiles'
import { api } from '../../api/client'
import { formatBytes, formatCount } from '../topic-detail/format-units'
import { readLineChunks } from './import-chunks'

/** Rejected lines listed; the count covers them all. */
const LISTED_ERRORS = 500

interface Progress {
  read: number
  imported: number
  errors: { line: number; reason: string }[]
}

type Phase =
  { kind: 'running' } | { kind: 'done' } | { kind: 'cancelled' } | { kind: 'failed'; error: string }

/**
 * Imports a JSON Lines file (an export of this or another Brokerlens) into a profile's history:
 * read in the page a slice at a time, sent in chunks of about 2 MB cut at line breaks, with a
 * progress bar, the count, and each rejected line's number and reason.
 */
export function ImportHistoryModal({
  file,
  profile,
  onClose,
}: {
  file: File
  profile: Profile
  onClose(imported: number): void
}) {
  const [progress, setProgress] = useState<Progress>({ read: 0, imported: 0, errors: [] })
  const [phase, setPhase] = useState<Phase>({ kind: 'running' })
  /** Stops the import under way (between chunks: a chunk sent is imported). */
  const stop = useRef<() => void>(() => {})

  useEffect(() => {
    // per run, not a shared ref: a run that was told to stop stays stopped
    let stopped = false
    let byUser = false
    stop.current = () => {
      stopped = true
      byUser = true
    }
    let imported = 0
    let read = 0
    const errors: Progress['errors'] = []
    void (async () => {
      try {
        for await (const chunk of readLineChunks(file, (n) => (read = n))) {
          if (stopped) break
          const res = await api().importHistory({
            profileId: profile.id,
            text: chunk.text,
            firstLine: chunk.firstLine,
          })
          imported += res.imported
          errors.push(...res.errors)
          setProgress({ read, imported, errors: [...errors] })
        }
        if (stopped) {
          // an unmounted run (the dialog closed) has nobody to tell
          if (byUser) setPhase({ kind: 'cancelled' })
          return
        }
        setProgress({ read: file.size, imported, errors: [...errors] })
        setPhase({ kind: 'done' })
      } catch (err) {
        if (stopped && !byUser) return
        setPhase({ kind: 'failed', error: err instanceof Error ? err.message : String(err) })
      }
    })()
    return () => {
      stopped = true
    }
  }, [file, profile.id])

  const running = phase.kind === 'running'
  const pct = file.size > 0 ? (progress.read / file.size) * 100 : 100
  return (
    <Modal
      opened
      onClose={() => {
        stop.current()
        onClose(progress.imported)
      }}
      closeOnClickOutside={!running}
      centered
      size="lg"
      title={
        <Text fw={650}>
          Import {file.name} into {profile.config.name}
        </Text>
      }
      data-testid="import-history-modal"
    >
      <Stack gap="md">
        <Stack gap={4}>
          <Progress value={pct} animated={running} data-testid="import-history-progress" />
          <Text size="xs" c="dimmed">
            {formatBytes(progress.read)} of {formatBytes(file.size)} read
          </Text>
        </Stack>
        <Group gap="sm" wrap="nowrap">
          {phase.kind === 'done' && <IconCircleCheck size={22} color="var(--mantine-color-green-filled)" />}
          <Text
            size="sm"
            data-testid="import-history-count"
            data-imported={progress.imported}
            data-state={phase.kind}
          >
            {phase.kind === 'running'
              ? 'Importing: '
              : phase.kind === 'cancelled'
                ? 'Stopped after '
                : 'Imported '}
            <b>{formatCount(progress.imported)}</b> {progress.imported === 1 ? 'message' : 'messages'}
            {phase.kind === 'done' ? '.' : ''}
          </Text>
        </Group>
        {phase.kind === 'failed' && (
          <Alert
            color="red"
            variant="light"
            icon={<IconAlertTriangle size={16} />}
            title="The import stopped"
          >
            <Text size="sm" className="reason-text">
              {phase.error}
            </Text>
          </Alert>
        )}
        {progress.errors.length > 0 && (
          <Stack gap={6} data-testid="import-history-errors" data-count={progress.errors.length}>
            <Text size="sm" fw={600} c="var(--mantine-color-red-text)">
              {progress.errors.length === 1
                ? '1 line was not imported:'
                : `${formatCount(progress.errors.length)} lines were not imported:`}
            </Text>
            <div className="history-progress-list">
              <List size="xs" spacing={2}>
                {progress.errors.slice(0, LISTED_ERRORS).map((e) => (
                  <List.Item key={e.line} data-testid="import-history-error">
                    <Text span size="xs" fw={600}>
                      line {e.line}
                    </Text>
                    :{' '}
                    <Text span size="xs" className="mono">
                      {e.reason}
                    </Text>
                  </List.Item>
                ))}
              </List>
              {progress.errors.length > LISTED_ERRORS && (
                <Text size="xs" c="dimmed" mt={4}>
                  … and {formatCount(progress.errors.length - LISTED_ERRORS)} more
                </Text>
              )}
            </div>
          </Stack>
        )}
        <Group justify="flex-end" gap="sm">
          {running ? (
            <Button variant="default" onClick={() => stop.current()} data-testid="import-history-cancel">
              Stop
            </Button>
          ) : (
            <Button onClick={() => onClose(progress.imported)} data-testid="import-history-close">
              Close
            </Button>
          )}
        </Group>
      </Stack>
    </Modal>
  )
}
