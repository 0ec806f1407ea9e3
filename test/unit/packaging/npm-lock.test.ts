// Reading package-lock.json for the Flatpak's offline npm sources.
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  integrityToHex,
  lockedPackages,
  registryTarballUrl,
  withResolvedUrls,
} from '../../../scripts/packaging/npm-lock.mjs'

const root = resolve(__dirname, '..', '..', '..')

const lock = {
  lockfileVersion: 3,
  packages: {
    '': { name: 'app', version: '1.0.0' },
    'node_modules/zod': { version: '4.0.0', integrity: 'sha512-AAAA' },
    'node_modules/@scope/pkg': { version: '2.1.0', integrity: 'sha512-BBBB' },
    'node_modules/alias': { name: 'real-name', version: '3.0.0', integrity: 'sha512-CCCC' },
    'node_modules/a/node_modules/inner': { version: '1.0.0', integrity: 'sha512-DDDD' },
    'node_modules/bundler/node_modules/bundled': { version: '1.0.0', inBundle: true },
    'node_modules/workspace-link': { resolved: 'packages/x', link: true },
    'node_modules/pinned': {
      version: '1.0.0',
      integrity: 'sha512-EEEE',
      resolved: 'https://mirror.example/p.tgz',
    },
  },
}

describe('registryTarballUrl', () => {
  it('builds the URL npm uses, with the unscoped name in the file name', () => {
    expect(registryTarballUrl('zod', '4.0.0')).toBe('https://registry.npmjs.org/zod/-/zod-4.0.0.tgz')
    expect(registryTarballUrl('@babel/core', '7.1.0')).toBe(
      'https://registry.npmjs.org/@babel/core/-/core-7.1.0.tgz',
    )
  })
})

describe('lockedPackages', () => {
  it('lists what npm downloads: no root, links or bundled packages; aliases by their real name', () => {
    expect(lockedPackages(lock).map((p) => [p.path, p.name, p.url])).toEqual([
      ['node_modules/zod', 'zod', 'https://registry.npmjs.org/zod/-/zod-4.0.0.tgz'],
      ['node_modules/@scope/pkg', '@scope/pkg', 'https://registry.npmjs.org/@scope/pkg/-/pkg-2.1.0.tgz'],
      ['node_modules/alias', 'real-name', 'https://registry.npmjs.org/real-name/-/real-name-3.0.0.tgz'],
      ['node_modules/a/node_modules/inner', 'inner', 'https://registry.npmjs.org/inner/-/inner-1.0.0.tgz'],
      ['node_modules/pinned', 'pinned', 'https://mirror.example/p.tgz'],
    ])
  })

  it('refuses a lock without a packages map, and git sources', () => {
    expect(() => lockedPackages({ lockfileVersion: 1 })).toThrow(/lockfileVersion 2 or 3/)
    expect(() =>
      lockedPackages({
        packages: {
          'node_modules/x': { version: '1.0.0', integrity: 'sha512-A', resolved: 'git+ssh://h/x.git' },
        },
      }),
    ).toThrow(/git and file sources are not supported/)
  })

  it("reads the project's own lock", () => {
    const real: unknown = JSON.parse(readFileSync(resolve(root, 'package-lock.json'), 'utf8'))
    const packages = lockedPackages(real)
    expect(packages.length).toBeGreaterThan(100)
    expect(packages.find((p) => p.name === 'better-sqlite3')?.url).toMatch(
      /^https:\/\/registry\.npmjs\.org\/better-sqlite3\/-\/better-sqlite3-\d+\.\d+\.\d+\.tgz$/,
    )
  })
})

describe('withResolvedUrls', () => {
  it('writes each URL into a copy and leaves the original alone', () => {
    const copy = withResolvedUrls(lock)
    expect(copy.packages['node_modules/zod']).toEqual({
      version: '4.0.0',
      integrity: 'sha512-AAAA',
      resolved: 'https://registry.npmjs.org/zod/-/zod-4.0.0.tgz',
    })
    expect(copy.packages['node_modules/pinned'].resolved).toBe('https://mirror.example/p.tgz')
    expect(copy.packages['node_modules/workspace-link']).toEqual(lock.packages['node_modules/workspace-link'])
    expect('resolved' in lock.packages['node_modules/zod']).toBe(false)
  })
})

describe('integrityToHex', () => {
  it('turns SRI into the hex digest flatpak-builder checks, preferring the strongest hash', () => {
    const sha512 = Buffer.alloc(64, 0xab).toString('base64')
    const sha1 = Buffer.alloc(20, 0x01).toString('base64')
    expect(integrityToHex(`sha1-${sha1} sha512-${sha512}`)).toEqual({
      algorithm: 'sha512',
      hex: 'ab'.repeat(64),
    })
    expect(integrityToHex(`sha1-${sha1}`)).toEqual({ algorithm: 'sha1', hex: '01'.repeat(20) })
    expect(() => integrityToHex('md5-abc')).toThrow(/unsupported integrity/)
  })
})
