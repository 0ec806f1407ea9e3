import type { NumberValue } from './profile-draft'
import { SecondsField } from './SecondsField'

/** "Connect timeout" in seconds: the same field in every protocol's Advanced tab. */
export function ConnectTimeoutField(props: {
  value: NumberValue
  onChange(value: NumberValue): void
  error: string | undefined
}) {
  return (
    <SecondsField
      label="Connect timeout"
      description="Give up connecting after this long."
      min={1}
      max={120}
      decimals
      testId="field-connectTimeout"
      {...props}
    />
  )
}
