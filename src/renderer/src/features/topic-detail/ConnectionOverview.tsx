import { Code, Kbd, Paper, Stack, Text, ThemeIcon } from '@mantine/core'
import { IconTopologyStar3 } from '@tabler/icons-react'
import { describeEndpoint, type Profile } from '../../../../shared/profiles'
import { ProfileSummary } from '../connection/ProfileSummary'

/**
 * The detail pane before a topic is picked: where this connection goes, how to use the tree, and
 * the profile's settings at a glance.
 */
export function ConnectionOverview({ profile, connected }: { profile: Profile; connected: boolean }) {
  const endpoint = describeEndpoint(profile.config)
  return (
    <div className="detail-overview">
      <Stack gap="lg" maw={560} mx="auto" py="xl" px="md">
        <Stack align="center" gap={6} data-testid="workspace-placeholder">
          <ThemeIcon size={48} radius="xl" variant="light" color={connected ? 'indigo' : 'gray'}>
            <IconTopologyStar3 size={26} />
          </ThemeIcon>
          <Text fw={600} ta="center">
            {connected ? (
              <>
                Connected to <Code>{endpoint}</Code>
              </>
            ) : (
              'Not connected'
            )}
          </Text>
          <Text size="sm" c="dimmed" ta="center">
            {connected
              ? 'Pick a topic in the tree to see its last message, history and chart.'
              : 'Connect to receive messages. Topics received before stay browsable here.'}
          </Text>
          <Text size="xs" c="dimmed" ta="center">
            <Kbd size="xs">↑</Kbd> <Kbd size="xs">↓</Kbd> move · <Kbd size="xs">→</Kbd> open ·{' '}
            <Kbd size="xs">←</Kbd> close · right-click a topic for more
          </Text>
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
