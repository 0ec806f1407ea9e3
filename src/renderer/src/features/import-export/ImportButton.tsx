import { Alert, Button, FileButton, Group, List, Modal, ScrollArea, Stack, Text } from '@mantine/core'
import { IconAlertTriangle, IconCircleCheck, IconFileImport } from '@tabler/icons-react'
import { useState } from 'react'
import type { ImportResult } from '../../../../shared/api'
import { toApiError } from '../../api/api-error-from'
import { api } from '../../api/client'
import { useProfilesStore } from '../../stores/profiles-store'
import { useUiStore } from '../../stores/ui-store'

const MAX_IMPORT = 64 * 1024 * 1024

/** Import profiles from an export file; says how many came in and why any were turned down. */
/** Lives beside the app, not the button: the welcome screen's button is gone once profiles exist. */
export function ImportResultModal() {
  const outcome = useUiStore((s) => s.importOutcome)
  const close = () => useUiStore.getState().setImportOutcome(null)
  return (
    <Modal
      opened={outcome !== null}
      onClose={close}
      title={<Text fw={650}>Import from {outcome?.file}</Text>}
      centered
      size="lg"
      data-testid="import-result"
    >
      {outcome && 'error' in outcome && (
        <Alert
          color="red"
          variant="light"
          icon={<IconAlertTriangle size={18} />}
          title="Nothing was imported"
          data-testid="import-error"
        >
          <Text className="reason-text">{outcome.error}</Text>
        </Alert>
      )}
      {outcome && 'result' in outcome && <ImportSummary result={outcome.result} />}
      <Group justify="flex-end" mt="md">
        <Button onClick={close} data-testid="import-result-close">
          Close
        </Button>
      </Group>
    </Modal>
  )
}

export function ImportButton({
  variant = 'subtle',
  testid = 'import-button',
}: {
  variant?: 'subtle' | 'default' | 'light'
  testid?: string
}) {
  const [busy, setBusy] = useState(false)
  const setOutcome = useUiStore((s) => s.setImportOutcome)

  async function importFile(file: File | null) {
    if (!file) return
    setBusy(true)
    try {
      if (file.size > MAX_IMPORT) throw new Error(`${file.name} is larger than 64 MiB`)
      const json = await file.text()
      const result = await api().importProfiles({ json })
      for (const p of result.imported) useProfilesStore.getState().upsert(p)
      const first = result.imported[0]
      if (first) {
        useProfilesStore.getState().select(first.id)
        useUiStore.getState().showProfile()
      }
      setOutcome({ file: file.name, result })
    } catch (err) {
      setOutcome({ file: file.name, error: toApiError(err).message })
    } finally {
      setBusy(false)
    }
  }

  return (
    <>
      <FileButton
        onChange={(f) => void importFile(f)}
        accept=".json,application/json"
        inputProps={{ 'data-testid': `${testid}-file` } as Record<string, string>}
      >
        {(p) => (
          <Button
            {...p}
            variant={variant}
            color={variant === 'subtle' ? 'gray' : undefined}
            size="xs"
            leftSection={<IconFileImport size={16} />}
            loading={busy}
            data-testid={testid}
          >
            Import
          </Button>
        )}
      </FileButton>
    </>
  )
}

function ImportSummary({ result }: { result: ImportResult }) {
  const n = result.imported.length
  return (
    <Stack gap="md">
      <Alert
        color={n > 0 ? 'green' : 'gray'}
        variant="light"
        icon={<IconCircleCheck size={18} />}
        title={
          <span data-testid="import-imported-count">
            {n === 0 ? 'No profile imported' : n === 1 ? 'Imported 1 profile' : `Imported ${n} profiles`}
          </span>
        }
      >
        {n > 0 && <Text size="sm">{result.imported.map((p) => p.config.name).join(', ')}</Text>}
      </Alert>
      {result.rejected.length > 0 && (
        <Stack gap={6} data-testid="import-rejected">
          <Text size="sm" fw={600} c="var(--mantine-color-red-text)">
            {result.rejected.length === 1
              ? '1 entry was not imported:'
              : `${result.rejected.length} entries were not imported:`}
          </Text>
          <ScrollArea.Autosize mah={260}>
            <List size="sm" spacing={6}>
              {result.rejected.map((r) => (
                <List.Item key={r.index} data-testid="import-rejected-item">
                  <Text span size="sm" fw={600}>
                    #{r.index + 1} {r.name ? `“${r.name}”` : '(no name)'}
                  </Text>
                  :{' '}
                  <Text span size="sm" className="reason-text">
                    {r.reason}
                  </Text>
                </List.Item>
              ))}
            </List>
          </ScrollArea.Autosize>
        </Stack>
      )}
    </Stack>
  )
}
