import { Alert, Autocomplete, Button, Group, Modal, Stack, Text, Textarea, TextInput } from '@mantine/core'
import { IconAlertTriangle } from '@tabler/icons-react'
import { useEffect, useMemo, useState } from 'react'
import type { MessageSummary } from '../../../../shared/messages'
import { levelName } from '../../../../shared/topic-tree'
import { api } from '../../api/client'
import { notifySuccess } from '../../stores/notices-store'
import { useSavedPayloadsStore } from '../../stores/saved-payloads-store'
import { formatBytes, formatDateTime } from '../topic-detail/format-units'
import { folderPaths } from './saved-rows'

/**
 * "Save as payload…" for a stored message: a name, a folder and a note; the core copies the bytes,
 * topic, QoS, retain flag and MQTT 5 properties from the history (`saveMessage`).
 */
export function SaveMessageModal({ message, onClose }: { message: MessageSummary; onClose(): void }) {
  const list = useSavedPayloadsStore((s) => s.list)
  const folders = useMemo(() => folderPaths(list), [list])
  const [name, setName] = useState(
    () => `${levelName(message.topic) || message.topic || 'message'} ${formatDateTime(message.receivedAt)}`,
  )
  const [folder, setFolder] = useState('')
  const [note, setNote] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)

  useEffect(() => {
    void useSavedPayloadsStore.getState().load()
  }, [])

  async function save() {
    setBusy(true)
    setError(null)
    try {
      const saved = await api().saveMessage({ messageId: message.id, name: name.trim(), folder, note })
      await useSavedPayloadsStore.getState().load()
      notifySuccess(`Saved as “${saved.name}”`, saved.folder ? `in ${saved.folder}` : undefined)
      onClose()
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err))
      setBusy(false)
    }
  }

  const nameError = name.trim() === '' ? 'Name is required' : null
  return (
    <Modal
      opened
      onClose={onClose}
      centered
      size="md"
      title={<Text fw={650}>Save as payload</Text>}
      data-testid="save-message-modal"
    >
      <form
        onSubmit={(e) => {
          e.preventDefault()
          if (!nameError) void save()
        }}
      >
        <Stack gap="sm">
          <Text size="xs" c="dimmed">
            <span className="mono">{message.topic}</span> · {formatBytes(message.size)}
            {message.qos !== null ? ` · QoS ${message.qos}` : ''}
            {message.retain ? ' · retained' : ''} — topic, flags and properties are kept with it.
          </Text>
          <TextInput
            label="Name"
            withAsterisk
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={name !== '' ? null : nameError}
            data-autofocus
            data-testid="save-message-name"
          />
          <Autocomplete
            label="Folder"
            placeholder="Top level; a/b for a folder inside another"
            data={folders}
            value={folder}
            onChange={setFolder}
            comboboxProps={{ withinPortal: true }}
            data-testid="save-message-folder"
          />
          <Textarea
            label="Note"
            placeholder="What it is, why it matters"
            autosize
            minRows={2}
            maxRows={6}
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
            data-testid="save-message-note"
          />
          {error && (
            <Alert color="red" variant="light" icon={<IconAlertTriangle size={16} />} title="Could not save">
              <Text size="sm" className="reason-text">
                {error}
              </Text>
            </Alert>
          )}
          <Group justify="flex-end" gap="sm" mt="xs">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button
              type="submit"
              loading={busy}
              disabled={nameError !== null}
              data-testid="save-message-submit"
            >
              Save
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  )
}
