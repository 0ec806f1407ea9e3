import { CloseButton, Group, ScrollArea, Stack, Text, TextInput } from '@mantine/core'
import { IconSearch } from '@tabler/icons-react'
import { useState } from 'react'
import { describeEndpoint } from '../../../../shared/profiles'
import { useConnectionsStore } from '../../stores/connections-store'
import { useProfilesStore } from '../../stores/profiles-store'
import { useUiStore } from '../../stores/ui-store'
import { NewProfileMenu } from './NewProfileMenu'
import { ProfileListItem } from './ProfileListItem'

export function ProfileSidebar() {
  const profiles = useProfilesStore((s) => s.profiles)
  const selectedId = useProfilesStore((s) => s.selectedId)
  const view = useUiStore((s) => s.view)
  const connected = useConnectionsStore(
    (s) => Object.values(s.byProfile).filter((c) => c.state === 'connected').length,
  )
  const [filter, setFilter] = useState('')
  const q = filter.trim().toLowerCase()
  const shown = q
    ? profiles.filter(
        (p) =>
          p.config.name.toLowerCase().includes(q) || describeEndpoint(p.config).toLowerCase().includes(q),
      )
    : profiles
  const selectedInList = view.kind === 'create' ? null : view.kind === 'edit' ? view.id : selectedId

  return (
    <Stack gap={0} h="100%">
      <Stack gap={8} p="sm" pb={6}>
        <Group justify="space-between" gap={4}>
          <Text size="xs" fw={700} tt="uppercase" c="dimmed" style={{ letterSpacing: 0.5 }}>
            Connections
          </Text>
          <Text size="xs" c="dimmed" data-testid="profile-count">
            {profiles.length === 0 ? 'none yet' : `${connected} of ${profiles.length} connected`}
          </Text>
        </Group>
        <NewProfileMenu fullWidth />
        {profiles.length > 4 && (
          <TextInput
            size="xs"
            placeholder="Filter by name or address"
            aria-label="Filter connections"
            leftSection={<IconSearch size={14} />}
            value={filter}
            onChange={(e) => setFilter(e.currentTarget.value)}
            rightSection={
              filter ? (
                <CloseButton size="xs" aria-label="Clear filter" onClick={() => setFilter('')} />
              ) : null
            }
            data-testid="profile-filter"
          />
        )}
      </Stack>
      <ScrollArea style={{ flex: 1 }} type="auto" scrollbarSize={8}>
        <Stack gap={2} px={8} pb="sm" data-testid="profile-list" role="list" aria-label="Connection profiles">
          {shown.map((p) => (
            <div role="listitem" key={p.id}>
              <ProfileListItem
                profile={p}
                selected={p.id === selectedInList}
                onSelect={() => {
                  useProfilesStore.getState().select(p.id)
                  useUiStore.getState().showProfile()
                }}
              />
            </div>
          ))}
          {profiles.length > 0 && shown.length === 0 && (
            <Text size="sm" c="dimmed" ta="center" py="md">
              No connection matches “{filter}”.
            </Text>
          )}
          {profiles.length === 0 && (
            <Text size="sm" c="dimmed" px={6} py="xs">
              Your connection profiles appear here.
            </Text>
          )}
        </Stack>
      </ScrollArea>
    </Stack>
  )
}
