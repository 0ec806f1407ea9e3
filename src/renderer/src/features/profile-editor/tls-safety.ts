import type { ProfileConfig } from '../../../../shared/profiles'
import type { ProfileDraft } from './profile-draft'

/**
 * Whether a profile (or the editor's draft) talks TLS without checking the server's certificate:
 * then anyone on the way can pose as the broker and read the password, so the UI marks it unsafe
 * wherever the setting shows (the switch, the TLS tab, the connection header while connected).
 * Without TLS at all the switch does nothing, and there is nothing to mark.
 */
export function tlsUnverified(config: ProfileConfig | ProfileDraft): boolean {
  if (config.tls.verify) return false
  switch (config.protocol) {
    case 'mqtt':
      return config.transport === 'mqtts' || config.transport === 'wss'
    case 'amqp':
      return config.scheme === 'amqps'
    case 'kafka':
      return config.ssl
  }
}

export const TLS_UNSAFE_TEXT = {
  /** Short: it sits in the crowded connection header; the tooltip says why. */
  badge: 'Unsafe',
  tooltip:
    "TLS without verification: the server's certificate is not checked, so anyone on the network path can pose as this broker and read or change what is sent, including the password.",
} as const
