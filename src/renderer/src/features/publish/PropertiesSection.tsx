import { Badge, Collapse, Group, Stack, UnstyledButton } from '@mantine/core'
import { IconChevronRight } from '@tabler/icons-react'
import { useState, type ReactNode } from 'react'

/** A section of optional fields, folded until wanted; the title says how many are set. */
export function PropertiesSection({
  title,
  count,
  hasError,
  testId,
  children,
}: {
  title: string
  count: number
  hasError: boolean
  testId: string
  children: ReactNode
}) {
  const [open, setOpen] = useState(count > 0)
  // an error in a folded section must not hide
  const shown = open || hasError
  return (
    <div data-testid={testId} data-open={shown}>
      <UnstyledButton
        onClick={() => setOpen(!shown)}
        aria-expanded={shown}
        className="publish-section-toggle"
        data-testid={`${testId}-toggle`}
      >
        <Group gap={6} wrap="nowrap">
          <IconChevronRight
            size={14}
            style={{ transform: shown ? 'rotate(90deg)' : undefined, transition: 'transform 120ms' }}
          />
          {title}
          {count > 0 && (
            <Badge size="xs" variant="light" color="gray">
              {count} set
            </Badge>
          )}
        </Group>
      </UnstyledButton>
      <Collapse expanded={shown}>
        <Stack gap="xs" pt="xs" pl="md">
          {children}
        </Stack>
      </Collapse>
    </div>
  )
}
