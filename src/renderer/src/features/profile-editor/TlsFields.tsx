import { Alert, Badge, Group, Stack, Switch } from '@mantine/core'
import { IconAlertTriangle } from '@tabler/icons-react'
import type { SecretName } from '../../../../shared/profiles'
import { PemField } from './PemField'
import type { FieldErrors, SecretDraft, SecretsDraft, TlsDraft } from './profile-draft'
import { SecretField, secretNote, STORED_PLACEHOLDER } from './SecretField'

export interface SecretProps {
  secrets: SecretsDraft
  stored: SecretName[]
  setSecret: (name: SecretName, s: SecretDraft) => void
}

/** CA, client certificate and key, passphrase, and the verify switch with its warning. */
export function TlsFields({
  tls,
  onChange,
  errors,
  secrets,
  stored,
  setSecret,
}: { tls: TlsDraft; onChange: (tls: TlsDraft) => void; errors: FieldErrors } & SecretProps) {
  const key = secrets.tlsKey
  const keyStored = stored.includes('tlsKey')
  return (
    <Stack gap="md">
      <Switch
        label={
          <Group gap={8} wrap="nowrap" component="span">
            Verify the server's certificate
            {!tls.verify && (
              <Badge color="red" variant="filled" size="sm" data-testid="tls-verify-unsafe-badge">
                unsafe
              </Badge>
            )}
          </Group>
        }
        description="Checks that the certificate is signed by a trusted CA and matches the host name."
        checked={tls.verify}
        onChange={(e) => onChange({ ...tls, verify: e.currentTarget.checked })}
        data-testid="field-tls-verify"
      />
      {!tls.verify && (
        <Alert
          color="red"
          variant="light"
          icon={<IconAlertTriangle size={18} />}
          title="Unsafe: the server's identity is not checked"
          data-testid="tls-unsafe-warning"
        >
          Anyone on the network path can pose as this broker and read or change what is sent, including the
          password. Use this only for a test broker you control.
        </Alert>
      )}
      <PemField
        label="CA certificate"
        description="PEM of the certificate authority to trust. Empty: the system's trusted CAs."
        value={tls.ca}
        onChange={(ca) => onChange({ ...tls, ca })}
        error={errors['tls.ca']}
        testid="tls-ca"
      />
      <PemField
        label="Client certificate"
        description="For brokers that ask for a client certificate (mutual TLS)."
        value={tls.cert}
        onChange={(cert) => onChange({ ...tls, cert })}
        error={errors['tls.cert']}
        testid="tls-cert"
      />
      <PemField
        label="Client private key"
        description={secretNote('tlsKey', keyStored, key, (s) => setSecret('tlsKey', s), 'key')}
        value={key.mode === 'set' ? key.value : ''}
        placeholder={
          key.mode === 'clear'
            ? 'Removed when you save'
            : keyStored
              ? `${STORED_PLACEHOLDER} — paste or load a new key to replace it`
              : '-----BEGIN PRIVATE KEY-----\n…'
        }
        onChange={(v) =>
          setSecret(
            'tlsKey',
            v === '' ? (key.mode === 'clear' ? key : { mode: 'keep' }) : { mode: 'set', value: v },
          )
        }
        error={errors['secrets.tlsKey']}
        testid="tlsKey"
      />
      <SecretField
        name="tlsPassphrase"
        label="Key passphrase"
        what="passphrase"
        stored={stored.includes('tlsPassphrase')}
        secret={secrets.tlsPassphrase}
        onChange={(s) => setSecret('tlsPassphrase', s)}
        error={errors['secrets.tlsPassphrase']}
      />
    </Stack>
  )
}
