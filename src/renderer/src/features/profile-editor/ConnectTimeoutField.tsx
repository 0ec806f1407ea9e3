import { NumberInput } from '@mantine/core'
import type { NumberValue } from './profile-draft'

/** "Connect timeout" in seconds: the same field in every protocol's Advanced tab. */
export function ConnectTimeoutField({
  value,
  onChange,
  error,
}: {
  value: NumberValue
  onChange(value: NumberValue): void
  error: string | undefined
}) {
  return (
    <NumberInput
      label="Connect timeout"
      inputWrapperOrder={['label', 'input', 'description', 'error']}
      description="Give up connecting after this long."
      suffix=" s"
      min={1}
      max={120}
      decimalScale={1}
      allowNegative={false}
      value={value}
      onChange={onChange}
      error={error}
      data-testid="field-connectTimeout"
    />
  )
}
