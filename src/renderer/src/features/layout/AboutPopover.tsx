import {
  ActionIcon,
  Code,
  Group,
  Popover,
  SegmentedControl,
  Stack,
  Text,
  useMantineColorScheme,
} from '@mantine/core'
import { IconInfoCircle } from '@tabler/icons-react'
import { BrokerlensLogo } from '../../components/BrokerlensLogo'
import { useAppInfoStore } from '../../stores/app-info-store'

/** Version, data folder and host, plus the theme choice (following the OS by default). */
export function AboutPopover() {
  const info = useAppInfoStore((s) => s.info)
  const { colorScheme, setColorScheme } = useMantineColorScheme()
  return (
    <Popover position="bottom-end" width={340} shadow="md" withArrow>
      <Popover.Target>
        <ActionIcon
          variant="subtle"
          color="gray"
          size="lg"
          aria-label="About Brokerlens"
          data-testid="about-button"
        >
          <IconInfoCircle size={20} />
        </ActionIcon>
      </Popover.Target>
      <Popover.Dropdown data-testid="about-popover">
        <Stack gap="sm">
          <Group gap="sm">
            <BrokerlensLogo size={32} />
            <div>
              <Text fw={700}>{info?.name ?? 'Brokerlens'}</Text>
              <Text size="xs" c="dimmed">
                MQTT · AMQP 0-9-1 · Apache Kafka
              </Text>
            </div>
          </Group>
          <div className="kv-grid">
            <Text size="sm" c="dimmed">
              Version
            </Text>
            <Text size="sm" data-testid="about-version">
              {info?.version ?? '…'}
            </Text>
            <Text size="sm" c="dimmed">
              Running as
            </Text>
            <Text size="sm" data-testid="about-host">
              {info ? (info.host === 'electron' ? 'Desktop app' : 'Web host') : '…'}
              {info ? ` · ${info.platform}` : ''}
            </Text>
            <Text size="sm" c="dimmed">
              Data folder
            </Text>
            <Code style={{ wordBreak: 'break-all' }} data-testid="about-data-dir">
              {info?.dataDir ?? '…'}
            </Code>
          </div>
          <div>
            <Text size="sm" c="dimmed" mb={4}>
              Theme
            </Text>
            <SegmentedControl
              size="xs"
              fullWidth
              value={colorScheme}
              onChange={(v) => setColorScheme(v as 'auto' | 'light' | 'dark')}
              data={[
                { value: 'auto', label: 'Follow system' },
                { value: 'light', label: 'Light' },
                { value: 'dark', label: 'Dark' },
              ]}
              data-testid="theme-choice"
            />
          </div>
        </Stack>
      </Popover.Dropdown>
    </Popover>
  )
}
