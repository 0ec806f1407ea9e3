import { Button, Paper, Stack, Text, ThemeIcon } from '@mantine/core'
import { IconPlugConnected, IconPlugConnectedX } from '@tabler/icons-react'
import type { ConnectionStatus } from '../../../../shared/connection-status'
import { describeEndpoint, type Profile } from '../../../../shared/profiles'
import { ProfileSummary } from '../connection/ProfileSummary'
import { useConnectAction } from '../connection/use-connect-action'

/** The broker tabs without a connection: what connecting shows, a button for it, the settings. */
export function AmqpNotConnected({ profile, status }: { profile: Profile; status: ConnectionStatus }) {
  const { calling, busy, run } = useConnectAction(profile, status)
  return (
    // "workspace-placeholder": what every protocol's first screen is found by in the connection specs
    <div className="kafka-scroll" data-testid="workspace-placeholder">
      <Stack gap="lg" maw={620} mx="auto" py="xl" px="md">
        <Stack align="center" gap={8} data-testid="amqp-not-connected">
          <ThemeIcon size={52} radius="xl" variant="light" color="gray">
            <IconPlugConnectedX size={28} />
          </ThemeIcon>
          <Text fw={650} size="lg" ta="center" c="bright">
            Connect to see exchanges and queues
          </Text>
          <Text size="sm" c="dimmed" ta="center" maw={480}>
            The virtual host’s exchanges, queues and bindings, with their message counts and rates, come from{' '}
            <span className="mono">{describeEndpoint(profile.config)}</span> and its management API once
            connected. Consumers and taps started earlier resume by themselves.
          </Text>
          <Button
            mt={4}
            color="green"
            leftSection={<IconPlugConnected size={17} />}
            loading={calling === 'connect' || busy}
            onClick={() => void run('connect')}
            data-testid="amqp-connect-cta"
          >
            Connect
          </Button>
        </Stack>
        <Paper withBorder radius="md" p="md">
          <Text fw={650} mb="sm" c="bright" size="sm">
            Settings
          </Text>
          <ProfileSummary profile={profile} />
        </Paper>
      </Stack>
    </div>
  )
}
