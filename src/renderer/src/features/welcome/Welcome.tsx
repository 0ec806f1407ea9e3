import { Center, Divider, Group, Stack, Text, Title } from '@mantine/core'
import { BrokerlensLogo } from '../../components/BrokerlensLogo'
import { ImportButton } from '../import-export/ImportButton'
import { ConnectChoices } from './ConnectChoices'
import { DemoStart } from './DemoStart'
import './welcome.css'

/**
 * The first screen, before any profile exists. Two ways in: try the app at once with its own broker
 * and a demo that fills the topic tree (no broker needed), or connect to a broker of one's own.
 */
export function Welcome() {
  return (
    <Center mih="100%" p="xl" data-testid="welcome" className="welcome">
      <Stack align="center" gap="lg" maw={800} w="100%">
        <Group gap="md" wrap="nowrap">
          <BrokerlensLogo size={52} />
          <Stack gap={2}>
            <Title order={2} c="bright">
              Welcome to Brokerlens
            </Title>
            <Text c="dimmed">
              Explore MQTT, RabbitMQ and Kafka brokers: browse topics, watch live traffic, keep a searchable
              history and publish messages.
            </Text>
          </Stack>
        </Group>
        <DemoStart />
        <Divider
          w="100%"
          label={
            <Text size="sm" fw={600} c="dimmed">
              Or connect to a broker you run
            </Text>
          }
          labelPosition="center"
        />
        <ConnectChoices />
        <Text c="dimmed" size="sm" ta="center">
          Passwords and keys are stored encrypted on this machine.
        </Text>
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
