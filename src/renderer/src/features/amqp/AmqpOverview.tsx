import { Code, Group, Paper, SimpleGrid, Stack, Text } from '@mantine/core'
import type { ConnectionStatus } from '../../../../shared/connection-status'
import { describeEndpoint, type Profile } from '../../../../shared/profiles'
import { useAmqpNavStore } from '../../stores/amqp-nav-store'
import { useAmqpTopology } from '../../stores/amqp-topology-store'
import { ProfileSummary } from '../connection/ProfileSummary'
import { formatCount } from '../kafka/kafka-numbers'
import { formatMaybeCount } from './amqp-format'
import { ManagementCard } from './ManagementCard'
import { NoticesTimeline } from './NoticesTimeline'
import { overviewFigures } from './overview-figures'
import { OverviewStat } from '../../components/OverviewStat'
import { TopologyError } from './TopologyError'
import { TopologyStatus } from './TopologyStatus'
import { VhostsTable } from './VhostsTable'

/**
 * The broker at a glance: the server, the vhost's figures, whether the management API is used (and
 * if not, why, what is missing, and the names to watch instead), the vhosts, the settings, and what
 * the connection reported.
 */
export function AmqpOverview({ profile, status }: { profile: Profile; status: ConnectionStatus }) {
  const topo = useAmqpTopology(profile.id)
  const t = topo.data
  const figures = t ? overviewFigures(t) : null
  const nav = useAmqpNavStore.getState()
  const vhost = profile.config.protocol === 'amqp' ? profile.config.vhost : '/'
  const partial =
    figures && figures.unknownQueues > 0 ? `${figures.unknownQueues} queue(s) without figures` : undefined

  return (
    <div className="kafka-scroll" data-testid="amqp-overview">
      <Stack gap="md" p="md" maw={1180}>
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <Stack gap={4} style={{ minWidth: 0 }}>
            <Text size="sm" c="dimmed" data-testid="workspace-placeholder">
              Connected to <Code>{describeEndpoint(profile.config)}</Code>, virtual host{' '}
              <Code data-testid="amqp-vhost">{t?.vhost ?? vhost}</Code>
            </Text>
            <Text fw={600} c="bright" data-testid="connection-server-info">
              {status.serverInfo ?? 'The server did not say what it is.'}
            </Text>
          </Stack>
          <TopologyStatus profileId={profile.id} />
        </Group>
        <TopologyError profileId={profile.id} />

        <SimpleGrid cols={{ base: 2, sm: 3, lg: 5 }} spacing="sm">
          <OverviewStat
            label="Exchanges"
            value={figures ? formatCount(figures.exchanges) : null}
            hint={t?.source === 'amqp' ? 'watched ones' : undefined}
            testId="amqp-stat-exchanges"
            onClick={() => nav.openExchange(profile.id, null)}
          />
          <OverviewStat
            label="Queues"
            value={figures ? formatCount(figures.queues) : null}
            hint={t?.source === 'amqp' ? 'watched ones' : undefined}
            testId="amqp-stat-queues"
            onClick={() => nav.openQueue(profile.id, null)}
          />
          <OverviewStat
            label="Ready"
            value={figures ? formatMaybeCount(figures.ready) : null}
            hint={partial ?? 'messages waiting'}
            testId="amqp-stat-ready"
          />
          <OverviewStat
            label="Unacked"
            value={figures ? formatMaybeCount(figures.unacked) : null}
            hint={figures?.unacked === null ? 'needs the management API' : 'delivered, not yet settled'}
            testId="amqp-stat-unacked"
          />
          <OverviewStat
            label="Consumers"
            value={figures ? formatMaybeCount(figures.consumers) : null}
            hint="on these queues"
            testId="amqp-stat-consumers"
          />
        </SimpleGrid>

        {t && <ManagementCard profile={profile} topology={t} />}

        <Group align="flex-start" gap="md" wrap="wrap">
          {t?.vhosts && (
            <Paper withBorder radius="md" p="md" style={{ flex: '2 1 420px', minWidth: 0 }}>
              <Text fw={650} c="bright" size="sm" mb="xs">
                Virtual hosts
              </Text>
              <VhostsTable vhosts={t.vhosts} current={t.vhost} />
            </Paper>
          )}
          <Paper withBorder radius="md" p="md" style={{ flex: '1 1 300px', minWidth: 0 }}>
            <Text fw={650} c="bright" size="sm" mb="xs">
              Settings
            </Text>
            <ProfileSummary profile={profile} />
          </Paper>
        </Group>

        <NoticesTimeline profileId={profile.id} />
      </Stack>
    </div>
  )
}
