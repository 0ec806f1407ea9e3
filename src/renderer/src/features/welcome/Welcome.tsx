import { Center, Group, Paper, Stack, Text, ThemeIcon, Title } from '@mantine/core'
import { IconArrowRight, IconBroadcast, IconServer, IconStack2 } from '@tabler/icons-react'
import type { ReactNode } from 'react'
import type { Protocol } from '../../../../shared/profiles'
import { BrokerlensLogo } from '../../components/BrokerlensLogo'
import { useUiStore } from '../../stores/ui-store'
import { PROTOCOL_COLOR, PROTOCOL_LABEL } from '../../theme'
import { ImportButton } from '../import-export/ImportButton'

const CHOICES: { protocol: Protocol; hint: string; icon: ReactNode }[] = [
  {
    protocol: 'mqtt',
    hint: 'Mosquitto, EMQX, HiveMQ, any MQTT 3.1.1 or 5 broker',
    icon: <IconBroadcast size={22} />,
  },
  { protocol: 'amqp', hint: 'RabbitMQ and other AMQP 0-9-1 brokers', icon: <IconServer size={22} /> },
  { protocol: 'kafka', hint: 'Apache Kafka and compatible clusters', icon: <IconStack2 size={22} /> },
]

/** The first screen, before any profile exists. */
export function Welcome() {
  return (
    <Center h="100%" p="xl" data-testid="welcome">
      <Stack align="center" gap="lg" maw={760}>
        <BrokerlensLogo size={64} />
        <Stack gap={6} align="center">
          <Title order={2} c="bright">
            Welcome to Brokerlens
          </Title>
          <Text c="dimmed" ta="center">
            Explore MQTT, RabbitMQ and Kafka brokers: browse topics, watch live traffic, keep a searchable
            history and publish messages.
          </Text>
          <Text c="dimmed" ta="center">
            Start by adding a connection — passwords and keys are stored encrypted on this machine.
          </Text>
        </Stack>
        <Group gap="md" justify="center" mt="xs" align="stretch" wrap="nowrap">
          {CHOICES.map((c) => (
            <Paper
              key={c.protocol}
              component="button"
              type="button"
              withBorder
              radius="md"
              p="md"
              w={240}
              className="welcome-card"
              onClick={() => useUiStore.getState().create(c.protocol)}
              data-testid={`welcome-new-${c.protocol}`}
              aria-label={`New ${PROTOCOL_LABEL[c.protocol]} connection`}
            >
              <Stack gap={8} h="100%">
                <ThemeIcon size={40} radius="md" variant="light" color={PROTOCOL_COLOR[c.protocol]}>
                  {c.icon}
                </ThemeIcon>
                <Text fw={700}>{PROTOCOL_LABEL[c.protocol]}</Text>
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
        <Group gap={4}>
          <Text size="sm" c="dimmed">
            Have an export file?
          </Text>
          <ImportButton variant="subtle" testid="welcome-import" />
        </Group>
      </Stack>
    </Center>
  )
}
