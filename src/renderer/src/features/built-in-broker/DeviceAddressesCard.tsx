import { Alert, Badge, Group, Paper, Stack, Text } from '@mantine/core'
import { IconDeviceDesktop, IconLock, IconWifi } from '@tabler/icons-react'
import type { BuiltInBrokerStatus } from '../../../../shared/built-in-broker'
import { CopyIcon } from './CopyIcon'
import { deviceAddresses, type DeviceAddress } from './device-addresses'

/**
 * The addresses to type into a device's settings. When the broker listens on this computer only,
 * it says so plainly (no other device can connect) and how to change that.
 */
export function DeviceAddressesCard({ status }: { status: BuiltInBrokerStatus }) {
  const a = deviceAddresses(status)
  const lan = a.mqtt.filter((x) => x.scope === 'lan')
  return (
    <Paper withBorder radius="md" p="md" data-testid="broker-addresses" data-local-only={a.localOnly}>
      <Text fw={650} c="bright" size="sm" mb="xs">
        Connect a device
      </Text>
      <Stack gap={6}>
        {a.mqtt.map((x) => (
          <AddressRow key={x.url} address={x} />
        ))}
        {a.websocket.map((x) => (
          <AddressRow key={x.url} address={x} />
        ))}
        {status.settings.username !== '' && (
          <Group gap={6}>
            <IconLock size={15} color="var(--mantine-color-dimmed)" />
            <Text size="sm">
              User name <span className="mono">{status.settings.username}</span> and its password
              {status.settings.passwordSet ? '' : ' (none set yet)'}
            </Text>
          </Group>
        )}
      </Stack>
      {a.localOnly ? (
        <Alert color="blue" variant="light" mt="sm" py={8} data-testid="broker-local-only">
          Only this computer can connect (the broker listens on {status.bindAddress}). To let a Pico W, an
          ESP32 or a phone on your network in, turn on “Allow devices on my network (LAN)” below and restart.
        </Alert>
      ) : (
        lan.length === 0 && (
          <Alert color="orange" variant="light" mt="sm" py={8} data-testid="broker-no-lan">
            The broker listens on every interface, but this computer has no network address a device could
            use: it is not on a network right now.
          </Alert>
        )
      )}
    </Paper>
  )
}

function AddressRow({ address }: { address: DeviceAddress }) {
  const Icon = address.scope === 'lan' ? IconWifi : IconDeviceDesktop
  return (
    <Group gap={8} wrap="nowrap" data-testid="broker-address" data-scope={address.scope}>
      <Icon size={16} color="var(--mantine-color-dimmed)" style={{ flex: 'none' }} />
      <Text className="mono" size="sm" fw={600} data-testid="broker-address-url">
        {address.url}
      </Text>
      <Badge size="xs" variant="light" color={address.scope === 'lan' ? 'green' : 'gray'}>
        {address.scope === 'lan' ? 'devices on the network' : 'this computer'}
      </Badge>
      <CopyIcon text={address.url} label="Copy the address" />
    </Group>
  )
}
