import { Textarea } from '@mantine/core'
import { parseArguments } from './amqp-arguments'

/** Arguments typed as a JSON object; the error beside it says the line and column. */
export function ArgumentsField({
  value,
  onChange,
  error,
  label = 'Arguments',
  description = 'A JSON object, e.g. {"alternate-exchange": "unrouted"}; empty for none',
  testId,
}: {
  value: string
  onChange(text: string): void
  /** An error from the form's last check; otherwise the text is checked as typed. */
  error?: string
  label?: string
  description?: string
  testId: string
}) {
  const live = parseArguments(value)
  return (
    <Textarea
      label={label}
      description={description}
      placeholder="{}"
      value={value}
      onChange={(e) => onChange(e.currentTarget.value)}
      error={error ?? (live.ok ? undefined : live.error)}
      autosize
      minRows={2}
      maxRows={8}
      classNames={{ input: 'mono' }}
      spellCheck={false}
      autoComplete="off"
      data-testid={testId}
    />
  )
}
