import { Drawer, Group, Text } from '@mantine/core'
import { IconServer2 } from '@tabler/icons-react'
import { useBrokerNavStore } from '../../stores/broker-nav-store'
import { BrokerPanel } from './BrokerPanel'
import './built-in-broker.css'

/** The built-in broker's panel, over whatever the main area shows. */
export function BrokerDrawer() {
  const open = useBrokerNavStore((s) => s.panelOpen)
  return (
    <Drawer
      opened={open}
      onClose={() => useBrokerNavStore.getState().setPanelOpen(false)}
      position="right"
      size={640}
      title={
        <Group gap={8}>
          <IconServer2 size={18} />
          <Text fw={650}>Built-in MQTT broker</Text>
        </Group>
      }
      data-testid="broker-drawer"
    >
      <BrokerPanel />
    </Drawer>
  )
}
