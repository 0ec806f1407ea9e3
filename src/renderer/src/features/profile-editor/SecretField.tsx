import { Anchor, PasswordInput, Text } from '@mantine/core'
import type { ReactNode } from 'react'
import type { SecretName } from '../../../../shared/profiles'
import type { SecretDraft } from './profile-draft'

export const STORED_PLACEHOLDER = '•••••• (stored)'

/**
 * The words and actions around a secret: the API only says whether one is stored, so the field
 * is empty with a placeholder; typing replaces it, "Remove" clears it, "Undo" keeps it.
 */
export function secretNote(
  name: SecretName,
  stored: boolean,
  secret: SecretDraft,
  onChange: (s: SecretDraft) => void,
  what: string,
): ReactNode {
  const link = (label: string, testid: string, next: SecretDraft) => (
    <Anchor
      component="button"
      type="button"
      size="xs"
      onClick={() => onChange(next)}
      data-testid={`secret-${testid}-${name}`}
    >
      {label}
    </Anchor>
  )
  if (secret.mode === 'clear')
    return (
      <Text span size="xs" c="var(--mantine-color-orange-text)">
        The stored {what} is removed when you save. {link('Undo', 'undo', { mode: 'keep' })}
      </Text>
    )
  if (!stored) return `Kept encrypted; never shown again after saving.`
  if (secret.mode === 'set')
    return (
      <>
        Replaces the stored {what} when you save. {link('Keep the stored one', 'undo', { mode: 'keep' })}
      </>
    )
  return (
    <>
      A {what} is stored. Type a new one to replace it, or{' '}
      {link(`remove the stored ${what}`, 'clear', { mode: 'clear' })}.
    </>
  )
}

export function SecretField(props: {
  name: SecretName
  label: string
  what: string
  stored: boolean
  secret: SecretDraft
  onChange: (s: SecretDraft) => void
  error?: string | undefined
  disabled?: boolean
}) {
  const { name, label, what, stored, secret, onChange, error, disabled } = props
  return (
    <PasswordInput
      label={label}
      value={secret.mode === 'set' ? secret.value : ''}
      placeholder={secret.mode === 'clear' ? 'Removed when you save' : stored ? STORED_PLACEHOLDER : ''}
      onChange={(e) => {
        const v = e.currentTarget.value
        onChange(v === '' ? (secret.mode === 'clear' ? secret : { mode: 'keep' }) : { mode: 'set', value: v })
      }}
      description={secretNote(name, stored, secret, onChange, what)}
      inputWrapperOrder={['label', 'input', 'description', 'error']}
      error={error}
      disabled={disabled}
      autoComplete="new-password"
      data-testid={`field-${name}`}
    />
  )
}
