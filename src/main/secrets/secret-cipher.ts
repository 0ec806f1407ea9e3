/**
 * Encrypts secrets before they reach the disk. The Electron shell backs it with `safeStorage`
 * (the OS keychain / libsecret); the web host with a key file readable by the user only.
 */
export interface SecretCipher {
  /** A short name for logs and the About box, e.g. "safeStorage" or "key file". */
  readonly kind: string
  encrypt(plain: string): Buffer
  decrypt(data: Buffer): string
}
