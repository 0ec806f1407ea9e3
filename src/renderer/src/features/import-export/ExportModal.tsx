import { Alert, Button, Checkbox, Group, Modal, Radio, Stack, Text } from '@mantine/core'
import { IconAlertTriangle, IconDownload } from '@tabler/icons-react'
import { useState } from 'react'
import { toApiError } from '../../api/api-error-from'
import { api } from '../../api/client'
import { notifySuccess } from '../../stores/notices-store'
import { useProfilesStore, useSelectedProfile } from '../../stores/profiles-store'
import { useUiStore } from '../../stores/ui-store'
import { downloadText, exportFileName } from './download-file'

/** Export all profiles or the selected one to a .json file; secrets only when asked for. */
export function ExportModal() {
  const opened = useUiStore((s) => s.exportOpen)
  const close = () => useUiStore.getState().setExportOpen(null)
  // the form mounts with each opening, so its choices start afresh (secrets off)
  return (
    <Modal
      opened={opened !== null}
      onClose={close}
      title={<Text fw={650}>Export connection profiles</Text>}
      centered
      data-testid="export-modal"
    >
      {opened && <ExportForm initialScope={opened} close={close} />}
    </Modal>
  )
}

function ExportForm({ initialScope, close }: { initialScope: 'all' | 'selected'; close: () => void }) {
  const count = useProfilesStore((s) => s.profiles.length)
  const selected = useSelectedProfile()
  const [scope, setScope] = useState<'all' | 'selected'>(selected ? initialScope : 'all')
  const [includeSecrets, setIncludeSecrets] = useState(false)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)

  async function run() {
    setBusy(true)
    setError(null)
    try {
      const one = scope === 'selected' && selected ? selected : null
      const out = await api().exportProfiles(one ? { ids: [one.id], includeSecrets } : { includeSecrets })
      downloadText(exportFileName(one ? one.config.name : null), out.json)
      notifySuccess(
        `Exported ${out.count} ${out.count === 1 ? 'profile' : 'profiles'}`,
        includeSecrets ? 'The file contains passwords and keys.' : undefined,
      )
      close()
    } catch (err) {
      setError(toApiError(err).message)
    } finally {
      setBusy(false)
    }
  }

  return (
    <Stack gap="md">
      <Radio.Group value={scope} onChange={(v) => setScope(v as 'all' | 'selected')} label="What to export">
        <Stack gap={8} mt={8}>
          <Radio value="all" label={`All profiles (${count})`} data-testid="export-scope-all" />
          <Radio
            value="selected"
            disabled={!selected}
            label={selected ? `Only “${selected.config.name}”` : 'Only the selected profile'}
            data-testid="export-scope-selected"
          />
        </Stack>
      </Radio.Group>
      <Checkbox
        checked={includeSecrets}
        onChange={(e) => setIncludeSecrets(e.currentTarget.checked)}
        label="Include passwords and keys"
        description="Off: the file holds the settings only, and passwords must be typed again after importing."
        data-testid="export-include-secrets"
      />
      {includeSecrets && (
        <Alert
          color="orange"
          variant="light"
          icon={<IconAlertTriangle size={18} />}
          data-testid="export-secrets-warning"
        >
          The file will contain passwords and private keys in plain text. Anyone who gets the file can sign in
          to these brokers; keep it somewhere safe and delete it when done.
        </Alert>
      )}
      {error && (
        <Alert color="red" variant="light" title="Export failed">
          {error}
        </Alert>
      )}
      <Group justify="flex-end">
        <Button variant="default" onClick={close}>
          Cancel
        </Button>
        <Button
          leftSection={<IconDownload size={16} />}
          loading={busy}
          disabled={count === 0}
          onClick={() => void run()}
          data-testid="export-confirm"
        >
          Export
        </Button>
      </Group>
    </Stack>
  )
}
