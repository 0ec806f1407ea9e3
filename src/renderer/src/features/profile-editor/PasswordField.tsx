import type { FormProps } from './form-props'
import type { ProfileDraft } from './profile-draft'
import { SecretField } from './SecretField'

/** The profile's password (MQTT, AMQP, Kafka SASL): a secret field wired to the form's secrets. */
export function PasswordField({
  stored,
  secrets,
  setSecret,
  errors,
  disabled,
}: Pick<FormProps<ProfileDraft>, 'stored' | 'secrets' | 'setSecret' | 'errors'> & { disabled?: boolean }) {
  return (
    <SecretField
      name="password"
      label="Password"
      what="password"
      disabled={disabled}
      stored={stored.includes('password')}
      secret={secrets.password}
      onChange={(s) => setSecret('password', s)}
      error={errors['secrets.password']}
    />
  )
}
