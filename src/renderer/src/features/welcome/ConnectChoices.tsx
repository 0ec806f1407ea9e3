import { Group, Paper, Stack, Text, ThemeIcon } from '@mantine/core'
import { IconArrowRight, IconBroadcast, IconServer, IconStack2 } from '@tabler/icons-react'
import type { ReactNode } from 'react'
import type { Protocol } from '../../../../shared/profiles'
import { useUiStore } from '../../stores/ui-store'
import { PROTOCOL_COLOR, PROTOCOL_LABEL } from '../../theme'

const CHOICES: { protocol: Protocol; hint: string; icon: ReactNode }[] = [
  {
    protocol: 'mqtt',
    hint: 'Mosquitto, EMQX, HiveMQ, any MQTT 3.1.1 or 5 broker',
    icon: <IconBroadcast size={20} />,
  },
  { protocol: 'amqp', hint: 'RabbitMQ and other AMQP 0-9-1 brokers', icon: <IconServer size={20} /> },
  { protocol: 'kafka', hint: 'Apache Kafka and compatible clusters', icon: <IconStack2 size={20} /> },
]

/** A card per protocol, each opening the new-connection form for it. */
export function ConnectChoices() {
  return (
    <Group gap="md" justify="center" align="stretch" wrap="nowrap" w="100%">
      {CHOICES.map((c) => (
        <Paper
          key={c.protocol}
          component="button"
          type="button"
          withBorder
          radius="md"
          p="md"
          className="welcome-card welcome-choice"
          onClick={() => useUiStore.getState().create(c.protocol)}
          data-testid={`welcome-new-${c.protocol}`}
          aria-label={`New ${PROTOCOL_LABEL[c.protocol]} connection`}
        >
          <Stack gap={8} h="100%">
            <Group gap={10} wrap="nowrap">
              <ThemeIcon size={34} radius="md" variant="light" color={PROTOCOL_COLOR[c.protocol]}>
                {c.icon}
              </ThemeIcon>
              <Text fw={700}>{PROTOCOL_LABEL[c.protocol]}</Text>
            </Group>
            <Text size="xs" c="dimmed" style={{ flex: 1 }}>
              {c.hint}
            </Text>
            <Group gap={4} c={`var(--mantine-color-${PROTOCOL_COLOR[c.protocol]}-text)`}>
              <Text size="sm" fw={600} c="inherit">
                New {PROTOCOL_LABEL[c.protocol]} connection
              </Text>
              <IconArrowRight size={15} />
            </Group>
          </Stack>
        </Paper>
      ))}
    </Group>
  )
}
