import { Alert, Text } from '@mantine/core'
import { IconAlertTriangle } from '@tabler/icons-react'

/** The broker's refusal inside a form, in its words (406 PRECONDITION_FAILED - …). */
export function FormFailure({
  title,
  error,
  testId,
}: {
  title: string
  error: string | null
  testId: string
}) {
  if (!error) return null
  return (
    <Alert
      color="red"
      variant="light"
      icon={<IconAlertTriangle size={16} />}
      title={title}
      data-testid={testId}
    >
      <Text size="sm" className="reason-text">
        {error}
      </Text>
    </Alert>
  )
}
