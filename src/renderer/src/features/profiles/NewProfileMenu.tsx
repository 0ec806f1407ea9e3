import { Button, Menu } from '@mantine/core'
import { IconChevronDown, IconPlus } from '@tabler/icons-react'
import type { Protocol } from '../../../../shared/profiles'
import { ProtocolBadge } from '../../components/ProtocolBadge'
import { useUiStore } from '../../stores/ui-store'
import { PROTOCOL_LONG_LABEL } from '../../theme'

const PROTOCOLS: Protocol[] = ['mqtt', 'amqp', 'kafka']

/** "New connection" with the choice of protocol. */
export function NewProfileMenu({ fullWidth = false }: { fullWidth?: boolean }) {
  return (
    <Menu position="bottom-start" shadow="md" width="target">
      <Menu.Target>
        <Button
          fullWidth={fullWidth}
          size="xs"
          leftSection={<IconPlus size={15} />}
          rightSection={<IconChevronDown size={14} />}
          justify="space-between"
          data-testid="new-profile"
        >
          New connection
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>Protocol</Menu.Label>
        {PROTOCOLS.map((p) => (
          <Menu.Item
            key={p}
            leftSection={<ProtocolBadge protocol={p} w={64} />}
            data-testid={`new-profile-${p}`}
            onClick={() => useUiStore.getState().create(p)}
          >
            {PROTOCOL_LONG_LABEL[p]}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  )
}
