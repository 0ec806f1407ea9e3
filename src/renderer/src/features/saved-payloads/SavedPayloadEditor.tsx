import {
  Alert,
  Autocomplete,
  Button,
  Group,
  Input,
  Loader,
  Modal,
  SegmentedControl,
  Stack,
  Switch,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core'
import { IconAlertTriangle } from '@tabler/icons-react'
import { useEffect, useMemo, useState } from 'react'
import type { Qos } from '../../../../shared/messages'
import type { SavedPayload } from '../../../../shared/saved-payloads'
import { api } from '../../api/client'
import { notifySuccess } from '../../stores/notices-store'
import { useSavedPayloadsStore } from '../../stores/saved-payloads-store'
import { formatBytes } from '../topic-detail/format-units'
import { draftErrors, draftOf, inputOf, NEW_DRAFT, type SavedPayloadDraft } from './saved-payload-draft'
import { folderPaths } from './saved-rows'

/** What the editor edits: a new payload (perhaps in a folder), or an existing one by id. */
export type EditorTarget = { kind: 'create'; folder: string } | { kind: 'edit'; id: number }

/**
 * Create or edit a saved payload: name, folder, topic, QoS, retain, note, and the payload as text
 * (a fuller editor comes later). A binary payload keeps its bytes; only the other fields change.
 */
export function SavedPayloadEditor({ target, onClose }: { target: EditorTarget; onClose(): void }) {
  const list = useSavedPayloadsStore((s) => s.list)
  const folders = useMemo(() => folderPaths(list), [list])
  const [existing, setExisting] = useState<SavedPayload | null>(null)
  const [draft, setDraft] = useState<SavedPayloadDraft | null>(
    target.kind === 'create' ? { ...NEW_DRAFT, folder: target.folder } : null,
  )
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [touched, setTouched] = useState(false)

  useEffect(() => {
    if (target.kind !== 'edit') return
    let live = true
    api()
      .getSavedPayload({ id: target.id })
      .then((p) => {
        if (!live) return
        setExisting(p)
        setDraft(draftOf(p))
      })
      .catch((err: unknown) => live && setError(err instanceof Error ? err.message : String(err)))
    return () => {
      live = false
    }
  }, [target])

  const errors = draft ? draftErrors(draft) : {}
  const patch = (p: Partial<SavedPayloadDraft>) => setDraft((d) => (d ? { ...d, ...p } : d))

  async function save() {
    if (!draft) return
    setTouched(true)
    if (Object.keys(draftErrors(draft)).length > 0) return
    setBusy(true)
    setError(null)
    try {
      const payload = inputOf(draft, existing)
      const saved =
        target.kind === 'edit'
          ? await api().updateSavedPayload({ id: target.id, payload })
          : await api().createSavedPayload({ payload })
      await useSavedPayloadsStore.getState().load()
      notifySuccess(target.kind === 'edit' ? `Saved “${saved.name}”` : `Created “${saved.name}”`)
      onClose()
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err))
      setBusy(false)
    }
  }

  return (
    <Modal
      opened
      onClose={onClose}
      centered
      size="lg"
      title={<Text fw={650}>{target.kind === 'edit' ? 'Edit saved payload' : 'New saved payload'}</Text>}
      data-testid="saved-editor"
    >
      {!draft ? (
        error ? (
          <Alert color="red" variant="light" icon={<IconAlertTriangle size={16} />} title="Could not load it">
            <Text size="sm" className="reason-text">
              {error}
            </Text>
          </Alert>
        ) : (
          <Loader size="sm" />
        )
      ) : (
        <form
          onSubmit={(e) => {
            e.preventDefault()
            void save()
          }}
        >
          <Stack gap="sm">
            <Group grow align="flex-start">
              <TextInput
                label="Name"
                withAsterisk
                value={draft.name}
                onChange={(e) => patch({ name: e.currentTarget.value })}
                error={touched ? errors.name : undefined}
                data-autofocus
                data-testid="saved-field-name"
              />
              <Autocomplete
                label="Folder"
                placeholder="Top level"
                description="a/b for a folder inside another"
                inputWrapperOrder={['label', 'input', 'description', 'error']}
                data={folders}
                value={draft.folder}
                onChange={(folder) => patch({ folder })}
                error={errors.folder}
                comboboxProps={{ withinPortal: true }}
                data-testid="saved-field-folder"
              />
            </Group>
            <TextInput
              label="Topic"
              placeholder="home/kitchen/light/set"
              value={draft.topic}
              onChange={(e) => patch({ topic: e.currentTarget.value })}
              error={errors.topic}
              classNames={{ input: 'mono' }}
              data-testid="saved-field-topic"
            />
            <Group gap="xl" align="flex-end">
              <Input.Wrapper label="QoS">
                <SegmentedControl
                  mt={4}
                  display="flex"
                  w={150}
                  size="xs"
                  data={['0', '1', '2']}
                  value={String(draft.qos)}
                  onChange={(v) => patch({ qos: Number(v) as Qos })}
                  data-testid="saved-field-qos"
                />
              </Input.Wrapper>
              <Switch
                label="Retain"
                checked={draft.retain}
                onChange={(e) => patch({ retain: e.currentTarget.checked })}
                mb={4}
                data-testid="saved-field-retain"
              />
            </Group>
            {draft.text === null ? (
              <Alert color="orange" variant="light" title="Binary payload" data-testid="saved-field-binary">
                <Text size="sm">
                  {formatBytes(existing?.size ?? 0)} of bytes that are not text. They are kept as they are;
                  edit the other fields here.
                </Text>
              </Alert>
            ) : (
              <Textarea
                label="Payload"
                placeholder='{"state": "ON"}'
                autosize
                minRows={4}
                maxRows={14}
                value={draft.text}
                onChange={(e) => patch({ text: e.currentTarget.value })}
                classNames={{ input: 'mono' }}
                data-testid="saved-field-payload"
              />
            )}
            <Textarea
              label="Note"
              autosize
              minRows={1}
              maxRows={5}
              value={draft.note}
              onChange={(e) => patch({ note: e.currentTarget.value })}
              data-testid="saved-field-note"
            />
            {error && (
              <Alert
                color="red"
                variant="light"
                icon={<IconAlertTriangle size={16} />}
                title="Could not save"
              >
                <Text size="sm" className="reason-text">
                  {error}
                </Text>
              </Alert>
            )}
            <Group justify="flex-end" gap="sm" mt="xs">
              <Button variant="default" onClick={onClose}>
                Cancel
              </Button>
              <Button type="submit" loading={busy} data-testid="saved-editor-submit">
                {target.kind === 'edit' ? 'Save' : 'Create'}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  )
}
