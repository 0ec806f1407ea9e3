import { ActionIcon, Menu } from '@mantine/core'
import { IconCopy, IconDots, IconFileExport, IconPencil, IconTrash } from '@tabler/icons-react'
import type { Profile } from '../../../../shared/profiles'
import { useProfilesStore } from '../../stores/profiles-store'
import { useUiStore } from '../../stores/ui-store'
import { duplicateProfile } from './profile-actions'

/** Edit / Duplicate / Export / Delete for one profile. */
export function ProfileMenu({
  profile,
  className,
  variant = 'subtle',
  testid,
}: {
  profile: Profile
  className?: string
  variant?: 'subtle' | 'default'
  testid?: string
}) {
  const name = profile.config.name
  return (
    <Menu position="bottom-end" withinPortal shadow="md" width={200}>
      <Menu.Target>
        <ActionIcon
          className={className}
          variant={variant}
          color="gray"
          size={variant === 'default' ? 'lg' : 'md'}
          aria-label={`Actions for ${name}`}
          data-testid={testid ?? `profile-menu-${name}`}
          onClick={(e) => e.stopPropagation()}
        >
          <IconDots size={16} />
        </ActionIcon>
      </Menu.Target>
      <Menu.Dropdown onClick={(e) => e.stopPropagation()}>
        <Menu.Label>{name}</Menu.Label>
        <Menu.Item
          leftSection={<IconPencil size={15} />}
          data-testid="profile-menu-edit"
          onClick={() => {
            useProfilesStore.getState().select(profile.id)
            useUiStore.getState().edit(profile.id)
          }}
        >
          Edit…
        </Menu.Item>
        <Menu.Item
          leftSection={<IconCopy size={15} />}
          data-testid="profile-menu-duplicate"
          onClick={() => void duplicateProfile(profile)}
        >
          Duplicate
        </Menu.Item>
        <Menu.Item
          leftSection={<IconFileExport size={15} />}
          data-testid="profile-menu-export"
          onClick={() => {
            useProfilesStore.getState().select(profile.id)
            useUiStore.getState().setExportOpen('selected')
          }}
        >
          Export…
        </Menu.Item>
        <Menu.Divider />
        <Menu.Item
          color="red"
          leftSection={<IconTrash size={15} />}
          data-testid="profile-menu-delete"
          onClick={() => useUiStore.getState().askDelete(profile.id)}
        >
          Delete…
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  )
}
