import { Alert, Anchor, Badge, Tabs, Text } from '@mantine/core'
import { IconDevices, IconSparkles, IconTopologyStar3 } from '@tabler/icons-react'
import type { ReactNode } from 'react'
import { useBrokerNavStore } from '../../stores/broker-nav-store'
import { useBrokerStatus } from '../../stores/broker-status-store'
import { DevicesView } from './DevicesView'
import './built-in-broker.css'

/**
 * The built-in profile's workspace has what any MQTT workspace has (the topics) and what only its
 * own broker can tell: the devices. While the demo runs, a line says what the traffic is.
 */
export function BuiltInWorkspaceTabs({ topics }: { topics: ReactNode }) {
  const tab = useBrokerNavStore((s) => s.tab)
  const status = useBrokerStatus()
  const connected = status?.state === 'running' ? status.clientsConnected : null
  return (
    <>
      {status?.demo.running && (
        <Alert
          mx="md"
          mt={6}
          py={6}
          color="orange"
          variant="light"
          icon={<IconSparkles size={16} />}
          data-testid="demo-banner"
        >
          <Text size="sm">
            The demo is publishing a simulated homelab to the built-in broker (
            {status.demo.published.toLocaleString()} messages so far). Your own devices can connect too: the
            address is in the{' '}
            <Anchor
              component="button"
              size="sm"
              onClick={() => useBrokerNavStore.getState().setPanelOpen(true)}
            >
              broker panel
            </Anchor>
            .
          </Text>
        </Alert>
      )}
      <Tabs
        value={tab}
        onChange={(v) => useBrokerNavStore.getState().setTab(v === 'devices' ? 'devices' : 'topics')}
        keepMounted={false}
        className="builtin-tabs"
      >
        <Tabs.List className="builtin-tabs-list">
          <Tabs.Tab
            value="topics"
            leftSection={<IconTopologyStar3 size={15} />}
            data-testid="builtin-tab-topics"
          >
            Topics
          </Tabs.Tab>
          <Tabs.Tab
            value="devices"
            leftSection={<IconDevices size={15} />}
            rightSection={
              connected !== null ? (
                <Badge size="xs" variant="light" color={connected > 0 ? 'green' : 'gray'} radius="sm">
                  {connected}
                </Badge>
              ) : null
            }
            data-testid="builtin-tab-devices"
          >
            Devices
          </Tabs.Tab>
        </Tabs.List>
        <div className="builtin-tab-body">{tab === 'devices' ? <DevicesView /> : topics}</div>
      </Tabs>
    </>
  )
}
