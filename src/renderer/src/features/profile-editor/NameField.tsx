import { TextInput } from '@mantine/core'
import { tid } from './form-props'

/** The profile's name, first on every form; it takes the focus when creating. */
export function NameField({
  value,
  onChange,
  error,
  placeholder,
  autoFocus,
}: {
  value: string
  onChange(value: string): void
  error: string | undefined
  placeholder: string
  autoFocus: boolean
}) {
  return (
    <TextInput
      label="Name"
      placeholder={placeholder}
      withAsterisk
      value={value}
      onChange={(e) => onChange(e.currentTarget.value)}
      error={error}
      autoFocus={autoFocus}
      data-testid={tid('name')}
    />
  )
}
