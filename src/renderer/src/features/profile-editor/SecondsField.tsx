import { NumberInput } from '@mantine/core'
import type { NumberValue } from './profile-draft'

/** A duration in seconds, as the profile editors ask for several (keepalive, heartbeat, timeouts). */
export function SecondsField({
  label,
  description,
  min = 0,
  max,
  decimals = false,
  value,
  onChange,
  error,
  testId,
}: {
  label: string
  description: string
  min?: number
  max: number
  /** Tenths of a second allowed (timeouts); whole seconds otherwise. */
  decimals?: boolean
  value: NumberValue
  onChange(value: NumberValue): void
  error: string | undefined
  testId: string
}) {
  return (
    <NumberInput
      label={label}
      inputWrapperOrder={['label', 'input', 'description', 'error']}
      description={description}
      suffix=" s"
      min={min}
      max={max}
      {...(decimals ? { decimalScale: 1 } : { allowDecimal: false })}
      allowNegative={false}
      value={value}
      onChange={onChange}
      error={error}
      data-testid={testId}
    />
  )
}
