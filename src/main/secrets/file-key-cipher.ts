import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'
import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import type { SecretCipher } from './secret-cipher'

const KEY_BYTES = 32
const IV_BYTES = 12
const TAG_BYTES = 16
const FORMAT = 1

/**
 * The web host's secret backend: AES-256-GCM with a random key kept in a file only the user can
 * read (0600). It keeps passwords out of the database and out of exports; it cannot protect against
 * someone who can read the user's files, which is what the OS keychain (Electron's safeStorage) adds.
 */
export class FileKeyCipher implements SecretCipher {
  readonly kind = 'key file'
  private readonly key: Buffer

  constructor(keyFile: string) {
    this.key = loadOrCreateKey(keyFile)
  }

  encrypt(plain: string): Buffer {
    const iv = randomBytes(IV_BYTES)
    const cipher = createCipheriv('aes-256-gcm', this.key, iv)
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()])
    return Buffer.concat([Buffer.from([FORMAT]), iv, cipher.getAuthTag(), body])
  }

  decrypt(data: Buffer): string {
    if (data.length < 1 + IV_BYTES + TAG_BYTES || data[0] !== FORMAT) {
      throw new Error('Stored secret is not in the key-file format')
    }
    const iv = data.subarray(1, 1 + IV_BYTES)
    const tag = data.subarray(1 + IV_BYTES, 1 + IV_BYTES + TAG_BYTES)
    const decipher = createDecipheriv('aes-256-gcm', this.key, iv)
    decipher.setAuthTag(tag)
    return Buffer.concat([
      decipher.update(data.subarray(1 + IV_BYTES + TAG_BYTES)),
      decipher.final(),
    ]).toString('utf8')
  }
}

function loadOrCreateKey(keyFile: string): Buffer {
  try {
    const key = readFileSync(keyFile)
    if (key.length !== KEY_BYTES) throw new Error(`Secret key file ${keyFile} is damaged (wrong length)`)
    // Tighten permissions a user may have loosened by copying the folder around.
    if ((statSync(keyFile).mode & 0o077) !== 0 && process.platform !== 'win32') chmodSync(keyFile, 0o600)
    return key
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err
  }
  mkdirSync(dirname(keyFile), { recursive: true, mode: 0o700 })
  const key = randomBytes(KEY_BYTES)
  // 'wx': never overwrite a key another process just created (that would orphan its secrets).
  try {
    writeFileSync(keyFile, key, { mode: 0o600, flag: 'wx' })
    return key
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return readFileSync(keyFile)
    throw err
  }
}
