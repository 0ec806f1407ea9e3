import { readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { tempDir } from '../../../test/support/temp-dir'
import { FileKeyCipher } from './file-key-cipher'

describe('FileKeyCipher', () => {
  const dirs: { remove(): void }[] = []
  afterEach(() => dirs.splice(0).forEach((d) => d.remove()))
  const keyFile = () => {
    const d = tempDir()
    dirs.push(d)
    return join(d.path, 'sub', 'secret.key')
  }

  it('round-trips text and never stores it in the clear', () => {
    const cipher = new FileKeyCipher(keyFile())
    const secret = 'p@ssw0rd-ünïcödé-🔑'
    const sealed = cipher.encrypt(secret)
    expect(sealed.includes(Buffer.from(secret))).toBe(false)
    expect(cipher.decrypt(sealed)).toBe(secret)
  })

  it('creates the key file readable by the user only, and reuses it', () => {
    const file = keyFile()
    const a = new FileKeyCipher(file)
    expect(statSync(file).mode & 0o777).toBe(0o600)
    const b = new FileKeyCipher(file)
    expect(b.decrypt(a.encrypt('x'))).toBe('x')
    expect(readFileSync(file)).toHaveLength(32)
  })

  it('refuses tampered ciphertext and ciphertext from another key', () => {
    const a = new FileKeyCipher(keyFile())
    const b = new FileKeyCipher(keyFile())
    const sealed = a.encrypt('secret')
    const tampered = Buffer.from(sealed)
    tampered[tampered.length - 1] = (tampered[tampered.length - 1] ?? 0) ^ 1
    expect(() => a.decrypt(tampered)).toThrow()
    expect(() => b.decrypt(sealed)).toThrow()
    expect(() => a.decrypt(Buffer.from('short'))).toThrow(/format/)
  })
})
