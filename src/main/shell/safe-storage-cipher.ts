import type { SafeStorage } from 'electron'
import { ApiError } from '../../shared/api-error'
import type { SecretCipher } from '../secrets/secret-cipher'

export type SafeStoragePort = Pick<
  SafeStorage,
  'isEncryptionAvailable' | 'encryptString' | 'decryptString' | 'getSelectedStorageBackend'
>

/**
 * `SecretCipher` backed by Electron's `safeStorage` (macOS Keychain, Windows DPAPI, libsecret or
 * KWallet on Linux). Create it after the app is ready: before that, Linux reports no backend.
 *
 * When encryption is not available at all, the cipher refuses: every encrypt/decrypt throws an
 * `unavailable` ApiError that names the cause, so saving a password fails with a message the user
 * can act on, while everything that needs no secret keeps working. It never falls back to plain
 * text on its own.
 *
 * Linux `basic_text` (no keyring found: minimal window managers, headless sessions, some
 * sandboxes) is a decision: we still encrypt, and say so in `kind`. Chromium's basic_text backend
 * encrypts with a key hard-coded in Chromium, so it only keeps secrets out of a casual `grep`, not
 * away from anyone who can read the file. Refusing instead would make the app unable to remember
 * any password on exactly the machines (homelab boxes, servers) many brokers live on. `kind`
 * carries "(basic_text)" so the About box and the log can tell the user their secrets are only
 * obfuscated, and the log says it once at start-up.
 *
 * `SecretCipher` is synchronous, so this uses the synchronous safeStorage calls, which Electron
 * marks deprecated in favour of `encryptStringAsync`/`decryptStringAsync`. Moving to those needs an
 * async `SecretCipher`; the cipher is the only place that would change here.
 */
export function createSafeStorageCipher(
  safeStorage: SafeStoragePort,
  options: { platform?: NodeJS.Platform; log?: (message: string) => void } = {},
): SecretCipher {
  const platform = options.platform ?? process.platform
  const backend = () => (platform === 'linux' ? safeStorage.getSelectedStorageBackend() : undefined)

  const requireAvailable = () => {
    if (!safeStorage.isEncryptionAvailable()) {
      throw new ApiError(
        'unavailable',
        'Secrets cannot be stored or read: the system keychain is not available to Brokerlens ' +
          '(Electron safeStorage reports no encryption). On Linux, install and unlock a Secret Service ' +
          'provider such as GNOME Keyring or KWallet, then restart the app.',
      )
    }
  }

  if (backend() === 'basic_text') {
    options.log?.(
      '[secrets] no system keyring found (safeStorage backend basic_text): secrets are encrypted with ' +
        "Chromium's built-in key, i.e. only obfuscated on disk",
    )
  }

  return {
    get kind() {
      if (!safeStorage.isEncryptionAvailable()) return 'safeStorage (unavailable)'
      return backend() === 'basic_text' ? 'safeStorage (basic_text)' : 'safeStorage'
    },
    encrypt(plain) {
      requireAvailable()
      return safeStorage.encryptString(plain)
    },
    decrypt(data) {
      requireAvailable()
      try {
        return safeStorage.decryptString(data)
      } catch (err) {
        // Typically the keyring was reset or the data came from another machine or user.
        throw new ApiError(
          'unavailable',
          `A stored secret could not be decrypted (${err instanceof Error ? err.message : String(err)}); ` +
            'the system keychain may have changed. Enter the secret again.',
        )
      }
    },
  }
}
