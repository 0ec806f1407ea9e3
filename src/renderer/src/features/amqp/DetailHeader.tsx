import { ActionIcon, Group, Text, Tooltip } from '@mantine/core'
import { IconArrowLeft } from '@tabler/icons-react'
import type { ReactNode } from 'react'
import { TopologyStatus } from './TopologyStatus'

/**
 * The header of an opened exchange or queue: back, the name (it gives way first, whole on hover)
 * with its badges, the actions; below, its figures and how fresh they are.
 */
export function DetailHeader({
  profileId,
  backLabel,
  onBack,
  title,
  italic = false,
  badges,
  actions,
  figures,
  testIdPrefix,
}: {
  profileId: string
  backLabel: string
  onBack(): void
  title: string
  italic?: boolean
  badges: ReactNode
  actions: ReactNode
  figures: ReactNode
  testIdPrefix: string
}) {
  return (
    <div className="kafka-detail-header">
      <Group justify="space-between" wrap="nowrap" gap="sm">
        <Group gap={8} wrap="nowrap" style={{ minWidth: 0 }}>
          <Tooltip label={backLabel} withArrow>
            <ActionIcon
              variant="subtle"
              color="gray"
              onClick={onBack}
              aria-label={backLabel}
              data-testid={`${testIdPrefix}-back`}
            >
              <IconArrowLeft size={17} />
            </ActionIcon>
          </Tooltip>
          <Text
            className="mono kafka-detail-title"
            fw={650}
            c="bright"
            fs={italic ? 'italic' : undefined}
            title={title}
            data-testid={`${testIdPrefix}-name`}
          >
            {title}
          </Text>
          <Group gap={6} wrap="nowrap" className="amqp-header-badges">
            {badges}
          </Group>
        </Group>
        <Group gap={8} wrap="nowrap" className="amqp-header-badges">
          {actions}
        </Group>
      </Group>
      <Group justify="space-between" wrap="nowrap" gap="sm" mt={6}>
        <Group gap="lg" ml={36} wrap="wrap" style={{ minWidth: 0 }}>
          {figures}
        </Group>
        <TopologyStatus profileId={profileId} />
      </Group>
    </div>
  )
}
