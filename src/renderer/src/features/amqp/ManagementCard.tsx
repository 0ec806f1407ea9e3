import { Alert, Anchor, Badge, Group, List, Paper, Stack, Text } from '@mantine/core'
import { IconAlertTriangle, IconCircleCheck } from '@tabler/icons-react'
import type { AmqpTopology } from '../../../../shared/amqp'
import type { Profile } from '../../../../shared/profiles'
import { useUiStore } from '../../stores/ui-store'
import { managementHint, WITHOUT_MANAGEMENT } from './management-gaps'
import { WatchedNamesEditor } from './WatchedNamesEditor'

/**
 * Whether the topology comes from the management API. When it does: where and which versions.
 * When it does not: why, in the server's or socket's words, what is missing because of it, and
 * the names to check over AMQP instead.
 */
export function ManagementCard({ profile, topology }: { profile: Profile; topology: AmqpTopology }) {
  const m = topology.management
  if (m.ok)
    return (
      <Paper withBorder radius="md" p="md" data-testid="amqp-management" data-ok="true">
        <Group gap="sm" wrap="wrap">
          <IconCircleCheck size={18} color="var(--mantine-color-green-filled)" />
          <Text size="sm" fw={600} c="bright">
            Management API
          </Text>
          <Text size="sm" className="mono" c="dimmed" data-testid="amqp-management-url">
            {m.url}
          </Text>
          {m.rabbitmqVersion && <Version label="RabbitMQ" value={m.rabbitmqVersion} />}
          {m.erlangVersion && <Version label="Erlang" value={m.erlangVersion} />}
          {m.clusterName && <Version label="cluster" value={m.clusterName} />}
        </Group>
      </Paper>
    )

  const hint = managementHint(m.error)
  return (
    <Paper withBorder radius="md" p="md" data-testid="amqp-management" data-ok="false">
      <Stack gap="md">
        <Alert
          color="orange"
          variant="light"
          icon={<IconAlertTriangle size={16} />}
          title={
            <>
              The management API at <span className="mono">{m.url}</span> is not used
            </>
          }
        >
          <Stack gap={6}>
            <Text size="sm" className="reason-text" data-testid="amqp-management-error">
              {m.error ?? 'It did not answer.'}
            </Text>
            {hint && (
              <Text size="sm" data-testid="amqp-management-hint">
                {hint}{' '}
                <Anchor
                  component="button"
                  type="button"
                  size="sm"
                  onClick={() => useUiStore.getState().edit(profile.id)}
                >
                  Edit the profile
                </Anchor>
              </Text>
            )}
            <Text size="sm" fw={600} mt={4}>
              Without it, AMQP alone cannot show:
            </Text>
            <List size="sm" spacing={2} data-testid="amqp-management-missing">
              {WITHOUT_MANAGEMENT.map((w) => (
                <List.Item key={w}>{w}</List.Item>
              ))}
            </List>
          </Stack>
        </Alert>
        <WatchedNamesEditor profile={profile} checked={topology.watched} />
      </Stack>
    </Paper>
  )
}

function Version({ label, value }: { label: string; value: string }) {
  return (
    <Badge variant="default" radius="sm" tt="none" fw={500}>
      {label} <span className="mono">{value}</span>
    </Badge>
  )
}
