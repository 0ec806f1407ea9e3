import { Button, Group, Modal, Stack, Text } from '@mantine/core'
import { useState } from 'react'
import { useConnectionsStore } from '../../stores/connections-store'
import { useProfilesStore } from '../../stores/profiles-store'
import { useUiStore } from '../../stores/ui-store'
import { deleteProfile } from './profile-actions'

/** Asks before deleting, naming the profile. */
export function DeleteProfileModal() {
  const deleteId = useUiStore((s) => s.deleteId)
  const profile = useProfilesStore((s) => s.profiles.find((p) => p.id === deleteId) ?? null)
  const state = useConnectionsStore((s) => (deleteId ? s.byProfile[deleteId]?.state : undefined))
  const [busy, setBusy] = useState(false)
  const close = () => useUiStore.getState().askDelete(null)
  const name = profile?.config.name ?? ''
  const live = state === 'connected' || state === 'connecting' || state === 'reconnecting'

  return (
    <Modal
      opened={profile !== null}
      onClose={close}
      title={<Text fw={650}>Delete “{name}”?</Text>}
      centered
      size="md"
      data-testid="delete-modal"
    >
      <Stack gap="md">
        <Text size="sm">
          The profile <b>{name}</b> and the passwords and keys stored with it will be removed. This cannot be
          undone.
        </Text>
        {live && (
          <Text size="sm" c="var(--mantine-color-orange-text)">
            It is connected now: deleting it closes the connection.
          </Text>
        )}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={close} data-testid="delete-cancel">
            Cancel
          </Button>
          <Button
            color="red"
            loading={busy}
            data-autofocus
            data-testid="delete-confirm"
            onClick={async () => {
              if (!profile) return
              setBusy(true)
              const ok = await deleteProfile(profile)
              setBusy(false)
              if (ok) close()
            }}
          >
            Delete profile
          </Button>
        </Group>
      </Stack>
    </Modal>
  )
}
