import { Alert, Box, Button, Code, Group, Paper, Stack, Tabs, Text, ThemeIcon, Title } from '@mantine/core'
import {
  IconAlertTriangle,
  IconCircleCheck,
  IconLoader2,
  IconPencil,
  IconPlayerStop,
  IconPlugConnected,
  IconPlugConnectedX,
  IconSend,
  IconSettings,
  IconTopologyStar3,
} from '@tabler/icons-react'
import { useState } from 'react'
import { describeEndpoint, type Profile } from '../../../../shared/profiles'
import { ProtocolBadge } from '../../components/ProtocolBadge'
import { useConnectionStatus } from '../../stores/connections-store'
import { useUiStore } from '../../stores/ui-store'
import { STATE_COLOR } from '../../theme'
import { ProfileMenu } from '../profiles/ProfileMenu'
import { PublishPanel } from '../publish/PublishPanel'
import { formatAgo, formatClock, stateHeadline } from './connection-text'
import { ProfileSummary } from './ProfileSummary'
import { useConnectAction } from './use-connect-action'
import { useNow } from './use-now'

/** What each protocol's own workspace will show (MQTT has its workspace: this panel is not shown for it). */
const WHAT_COMES: Record<Exclude<Profile['config']['protocol'], 'mqtt'>, string> = {
  amqp: 'exchanges and queues arrive with the AMQP view',
  kafka: 'topics and consumer groups arrive with the Kafka view',
}

/**
 * An AMQP or Kafka profile until their workspaces exist: its state in words, the connect /
 * disconnect button, and its settings. MQTT profiles open the MQTT workspace instead.
 */
export function ConnectionPanel({ profile }: { profile: Profile }) {
  const status = useConnectionStatus(profile)
  const now = useNow(1000)
  const { calling, shownError, busy, live, run } = useConnectAction(profile, status)
  const endpoint = describeEndpoint(profile.config)
  const name = profile.config.name
  const whatComes = profile.config.protocol === 'mqtt' ? null : WHAT_COMES[profile.config.protocol]

  const headline = stateHeadline(status)
  const [tab, setTab] = useState<'overview' | 'publish'>('overview')

  return (
    <Box px="xl" py="lg" h="100%" style={{ overflow: 'auto' }} data-testid="connection-panel">
      <Stack gap="lg" maw={980}>
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <Stack gap={4} style={{ minWidth: 0 }}>
            <Group gap="sm" wrap="nowrap">
              <ProtocolBadge protocol={profile.config.protocol} size="lg" />
              <Title
                order={3}
                c="bright"
                data-testid="panel-profile-name"
                style={{ minWidth: 0, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}
              >
                {name}
              </Title>
            </Group>
            <Text
              className="mono"
              size="sm"
              c="dimmed"
              data-testid="panel-endpoint"
              style={{ wordBreak: 'break-all' }}
            >
              {endpoint}
            </Text>
          </Stack>
          <Group gap="xs" wrap="nowrap">
            <Button
              variant="default"
              leftSection={<IconPencil size={16} />}
              onClick={() => useUiStore.getState().edit(profile.id)}
              data-testid="edit-profile"
            >
              Edit
            </Button>
            <ProfileMenu profile={profile} variant="default" testid="panel-menu" />
          </Group>
        </Group>

        <Paper withBorder radius="md" p="lg">
          <Group justify="space-between" align="center" wrap="nowrap" gap="lg">
            <Group gap="md" wrap="nowrap" style={{ minWidth: 0 }}>
              <ThemeIcon size={44} radius="xl" variant="light" color={STATE_COLOR[status.state]}>
                {status.state === 'connected' ? (
                  <IconCircleCheck size={26} />
                ) : busy ? (
                  <IconLoader2 size={26} className="spin" />
                ) : status.state === 'failed' ? (
                  <IconAlertTriangle size={26} />
                ) : (
                  <IconPlugConnectedX size={26} />
                )}
              </ThemeIcon>
              <Stack gap={2} style={{ minWidth: 0 }}>
                <Group gap={8} wrap="nowrap">
                  <Text
                    fw={650}
                    size="lg"
                    c={
                      status.state === 'disconnected'
                        ? 'bright'
                        : `var(--mantine-color-${STATE_COLOR[status.state]}-text)`
                    }
                    data-testid="connection-state"
                    data-state={status.state}
                  >
                    {headline}
                  </Text>
                </Group>
                <Text size="sm" c="dimmed" data-testid="connection-since">
                  {status.state === 'disconnected' && !status.reason
                    ? 'Not connected'
                    : `Since ${formatClock(status.since, now)} · ${formatAgo(status.since, now)}`}
                </Text>
                {status.state === 'connected' && status.serverInfo && (
                  <Text size="sm" data-testid="connection-server-info">
                    {status.serverInfo}
                  </Text>
                )}
              </Stack>
            </Group>
            {live ? (
              <Button
                size="md"
                color={busy ? 'gray' : 'red'}
                variant={busy ? 'default' : 'light'}
                leftSection={busy ? <IconPlayerStop size={18} /> : <IconPlugConnectedX size={18} />}
                loading={calling === 'disconnect'}
                onClick={() => void run('disconnect')}
                data-testid="disconnect-button"
                miw={150}
              >
                {busy ? 'Cancel' : 'Disconnect'}
              </Button>
            ) : (
              <Button
                size="md"
                color="green"
                leftSection={<IconPlugConnected size={18} />}
                loading={calling === 'connect'}
                onClick={() => void run('connect')}
                data-testid="connect-button"
                miw={150}
              >
                {status.state === 'failed' ? 'Try again' : 'Connect'}
              </Button>
            )}
          </Group>

          {status.reason && status.state !== 'connected' && (
            <Alert
              mt="md"
              variant="light"
              color={status.state === 'failed' ? 'red' : status.state === 'disconnected' ? 'gray' : 'yellow'}
              icon={<IconAlertTriangle size={18} />}
              title={
                status.state === 'failed'
                  ? 'The connection failed'
                  : status.state === 'disconnected'
                    ? 'The connection ended'
                    : 'The connection was lost; retrying'
              }
              data-testid="connection-alert"
            >
              <Text className="reason-text" data-testid="connection-reason">
                {status.reason}
              </Text>
            </Alert>
          )}
          {shownError && (
            <Alert
              mt="md"
              variant="light"
              color="red"
              icon={<IconAlertTriangle size={18} />}
              title="The request failed"
              data-testid="connection-call-error"
            >
              <Text className="reason-text">{shownError}</Text>
            </Alert>
          )}
        </Paper>

        <Tabs
          value={tab}
          onChange={(v) => setTab(v === 'publish' ? 'publish' : 'overview')}
          keepMounted={false}
        >
          <Tabs.List mb="md">
            <Tabs.Tab
              value="overview"
              leftSection={<IconSettings size={14} />}
              data-testid="panel-tab-overview"
            >
              Overview
            </Tabs.Tab>
            <Tabs.Tab value="publish" leftSection={<IconSend size={14} />} data-testid="panel-tab-publish">
              Publish
            </Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="overview">
            <Group align="stretch" gap="lg" wrap="wrap">
              <Paper withBorder radius="md" p="lg" style={{ flex: '1 1 320px' }}>
                <Text fw={650} mb="sm" c="bright">
                  Settings
                </Text>
                <ProfileSummary profile={profile} />
              </Paper>
              <Paper
                withBorder
                radius="md"
                p="lg"
                style={{
                  flex: '2 1 360px',
                  borderStyle: 'dashed',
                  display: 'flex',
                  alignItems: 'center',
                  justifyContent: 'center',
                }}
                data-testid="workspace-placeholder"
              >
                <Stack align="center" gap={6} py="lg" maw={420}>
                  <ThemeIcon size={48} radius="xl" variant="light" color="gray">
                    <IconTopologyStar3 size={26} />
                  </ThemeIcon>
                  {status.state === 'connected' ? (
                    <>
                      <Text fw={600} ta="center">
                        Connected to <Code>{endpoint}</Code>
                      </Text>
                      {whatComes && (
                        <Text size="sm" c="dimmed" ta="center">
                          The workspace for this connection lives here — {whatComes}.
                        </Text>
                      )}
                    </>
                  ) : (
                    <>
                      <Text fw={600} ta="center">
                        Not connected
                      </Text>
                      <Text size="sm" c="dimmed" ta="center">
                        Connect to open this broker's workspace{whatComes ? ` — ${whatComes}` : ''}.
                      </Text>
                    </>
                  )}
                </Stack>
              </Paper>
            </Group>
          </Tabs.Panel>
          <Tabs.Panel value="publish">
            <PublishPanel profile={profile} connected={status.state === 'connected'} embedded />
          </Tabs.Panel>
        </Tabs>
      </Stack>
    </Box>
  )
}
