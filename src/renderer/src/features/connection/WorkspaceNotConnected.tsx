import { Button, Paper, Stack, Text, ThemeIcon } from '@mantine/core'
import { IconPlugConnected, IconPlugConnectedX } from '@tabler/icons-react'
import type { ReactNode } from 'react'
import type { ConnectionStatus } from '../../../../shared/connection-status'
import { describeEndpoint, type Profile } from '../../../../shared/profiles'
import { ProfileSummary } from './ProfileSummary'
import { useConnectAction } from './use-connect-action'

/**
 * A workspace's tabs without a connection (Kafka, RabbitMQ): what connecting shows, a button for
 * it, the settings. `shows` completes "… come from <endpoint> once connected."; test ids are
 * `<testIdPrefix>-not-connected` and `<testIdPrefix>-connect-cta`.
 */
export function WorkspaceNotConnected({
  profile,
  status,
  title,
  shows,
  via,
  after,
  testIdPrefix,
}: {
  profile: Profile
  status: ConnectionStatus
  title: string
  shows: ReactNode
  /** Where else it comes from, after the endpoint ("and its management API"). */
  via?: string
  after?: string
  testIdPrefix: string
}) {
  const { calling, busy, run } = useConnectAction(profile, status)
  return (
    // "workspace-placeholder": what every protocol's first screen is found by in the connection specs
    <div className="kafka-scroll" data-testid="workspace-placeholder">
      <Stack gap="lg" maw={620} mx="auto" py="xl" px="md">
        <Stack align="center" gap={8} data-testid={`${testIdPrefix}-not-connected`}>
          <ThemeIcon size={52} radius="xl" variant="light" color="gray">
            <IconPlugConnectedX size={28} />
          </ThemeIcon>
          <Text fw={650} size="lg" ta="center" c="bright">
            {title}
          </Text>
          <Text size="sm" c="dimmed" ta="center" maw={480}>
            {shows} come from <span className="mono">{describeEndpoint(profile.config)}</span>
            {via ? ` ${via}` : null} once connected.{after ? ` ${after}` : null}
          </Text>
          <Button
            mt={4}
            color="green"
            leftSection={<IconPlugConnected size={17} />}
            loading={calling === 'connect' || busy}
            onClick={() => void run('connect')}
            data-testid={`${testIdPrefix}-connect-cta`}
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
