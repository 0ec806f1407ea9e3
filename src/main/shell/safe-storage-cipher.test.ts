import { describe, expect, it, vi } from 'vitest'
import { ApiError } from '../../shared/api-error'
import { createSafeStorageCipher, type SafeStoragePort } from './safe-storage-cipher'

type Backend = ReturnType<SafeStoragePort['getSelectedStorageBackend']>

function fakeSafeStorage(available: boolean, backend: Backend = 'gnome_libsecret') {
  return {
    isEncryptionAvailable: vi.fn(() => available),
    getSelectedStorageBackend: vi.fn((): Backend => backend),
    // A reversible stand-in for the OS encryption, distinguishable from plain text.
    encryptString: vi.fn((plain: string) => Buffer.from(`enc:${plain}`)),
    decryptString: vi.fn((data: Buffer) => {
      const text = data.toString()
      if (!text.startsWith('enc:'))
        throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.')
      return text.slice(4)
    }),
  } satisfies SafeStoragePort
}

describe('createSafeStorageCipher', () => {
  it('encrypts through safeStorage and decrypts back', () => {
    const storage = fakeSafeStorage(true)
    const cipher = createSafeStorageCipher(storage, { platform: 'linux' })
    const data = cipher.encrypt('s3cret')
    expect(storage.encryptString).toHaveBeenCalledExactlyOnceWith('s3cret')
    expect(data.toString()).not.toBe('s3cret')
    expect(cipher.decrypt(data)).toBe('s3cret')
    expect(cipher.kind).toBe('safeStorage')
  })

  it('refuses to encrypt or decrypt, with an unavailable ApiError, when safeStorage has no encryption', () => {
    const storage = fakeSafeStorage(false)
    const cipher = createSafeStorageCipher(storage, { platform: 'linux' })
    expect(cipher.kind).toBe('safeStorage (unavailable)')
    for (const attempt of [() => cipher.encrypt('s3cret'), () => cipher.decrypt(Buffer.from('enc:x'))]) {
      let error: unknown
      try {
        attempt()
      } catch (err) {
        error = err
      }
      expect(error).toBeInstanceOf(ApiError)
      expect(error).toMatchObject({
        code: 'unavailable',
        message: expect.stringMatching(/keychain is not available/),
      })
    }
    expect(storage.encryptString).not.toHaveBeenCalled()
    expect(storage.decryptString).not.toHaveBeenCalled()
  })

  it('still encrypts with the Linux basic_text backend, but says so in kind and in the log', () => {
    const storage = fakeSafeStorage(true, 'basic_text')
    const log = vi.fn()
    const cipher = createSafeStorageCipher(storage, { platform: 'linux', log })
    expect(cipher.kind).toBe('safeStorage (basic_text)')
    expect(cipher.decrypt(cipher.encrypt('pw'))).toBe('pw')
    expect(storage.encryptString).toHaveBeenCalledTimes(1)
    expect(log).toHaveBeenCalledExactlyOnceWith(expect.stringContaining('basic_text'))
  })

  it('asks for the storage backend only on Linux, where it exists', () => {
    const storage = fakeSafeStorage(true, 'basic_text')
    const cipher = createSafeStorageCipher(storage, { platform: 'darwin' })
    expect(cipher.kind).toBe('safeStorage')
    expect(storage.getSelectedStorageBackend).not.toHaveBeenCalled()
  })

  it('reports undecryptable data as an unavailable ApiError that says what to do', () => {
    const cipher = createSafeStorageCipher(fakeSafeStorage(true), { platform: 'linux' })
    expect(() => cipher.decrypt(Buffer.from('garbage'))).toThrow(
      /could not be decrypted.*Enter the secret again/,
    )
  })
})
