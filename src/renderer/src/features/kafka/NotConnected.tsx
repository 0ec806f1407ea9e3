import { Button, Paper, Stack, Text, ThemeIcon } from '@mantine/core'
import { IconPlugConnected, IconPlugConnectedX } from '@tabler/icons-react'
import type { ConnectionStatus } from '../../../../shared/connection-status'
import { describeEndpoint, type Profile } from '../../../../shared/profiles'
import { ProfileSummary } from '../connection/ProfileSummary'
import { useConnectAction } from '../connection/use-connect-action'

/** The cluster tabs without a connection: what connecting shows, a button for it, the settings. */
export function NotConnected({ profile, status }: { profile: Profile; status: ConnectionStatus }) {
  const { calling, busy, run } = useConnectAction(profile, status)
  return (
    <div className="kafka-scroll">
      <Stack gap="lg" maw={620} mx="auto" py="xl" px="md">
        <Stack align="center" gap={8} data-testid="kafka-not-connected">
          <ThemeIcon size={52} radius="xl" variant="light" color="gray">
            <IconPlugConnectedX size={28} />
          </ThemeIcon>
          <Text fw={650} size="lg" ta="center" c="bright">
            Connect to see the cluster
          </Text>
          <Text size="sm" c="dimmed" ta="center" maw={480}>
            Brokers, topics with their records, and consumer groups with their lag come from{' '}
            <span className="mono">{describeEndpoint(profile.config)}</span> once connected. Lag samples kept
            from earlier watches are shown again then.
          </Text>
          <Button
            mt={4}
            color="green"
            leftSection={<IconPlugConnected size={17} />}
            loading={calling === 'connect' || busy}
            onClick={() => void run('connect')}
            data-testid="kafka-connect-cta"
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
