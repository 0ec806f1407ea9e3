// The fuses of electron-builder.yml, flipped for real: electron-builder's own translation of the
// config (the code it runs after packing) is applied with @electron/fuses to a stand-in Electron
// binary carrying Electron's fuse wire with its default states, and each fuse is read back. So a
// fuse left out of the config, misspelt, or overridden by a build command shows up here, not in a
// shipped app. (The real binary cannot be downloaded here; the wire format is the same.)
import { readFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Configuration } from 'electron-builder'
import { tempDir } from '../../support/temp-dir'

const root = resolve(__dirname, '..', '..', '..')

/** @electron/fuses' wire: the sentinel, the wire version (1), its length, one byte per fuse. */
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX'
const DISABLE = 0x30
const ENABLE = 0x31
/** Electron's defaults (index = FuseV1Options), the ninth being one @electron/fuses 1.8 does not name. */
const ELECTRON_DEFAULTS = [ENABLE, DISABLE, ENABLE, ENABLE, DISABLE, DISABLE, DISABLE, ENABLE, ENABLE]

type FuseName =
  | 'RunAsNode'
  | 'EnableCookieEncryption'
  | 'EnableNodeOptionsEnvironmentVariable'
  | 'EnableNodeCliInspectArguments'
  | 'EnableEmbeddedAsarIntegrityValidation'
  | 'OnlyLoadAppFromAsar'
  | 'GrantFileProtocolExtraPrivileges'

/** What each fuse must be in the shipped binary, and why. */
const EXPECTED: Array<[FuseName, 'on' | 'off', string]> = [
  ['RunAsNode', 'off', 'ELECTRON_RUN_AS_NODE would turn the app into a plain Node'],
  ['EnableNodeOptionsEnvironmentVariable', 'off', 'NODE_OPTIONS could inject code (--require)'],
  ['EnableNodeCliInspectArguments', 'off', '--inspect would open a debugger on the main process'],
  ['EnableEmbeddedAsarIntegrityValidation', 'on', 'a modified app.asar is refused'],
  ['OnlyLoadAppFromAsar', 'on', 'an app/ folder beside the archive is never loaded instead'],
  ['EnableCookieEncryption', 'on', 'the cookie store is encrypted with the OS keychain'],
  ['GrantFileProtocolExtraPrivileges', 'off', 'file:// gets no extra privileges; the app uses app://'],
]

describe('the Electron fuses of electron-builder.yml, flipped on a stand-in binary', () => {
  const dir = tempDir('brokerlens-fuses-')
  let wire: Record<string, number>
  let names: Record<string, number>

  beforeAll(async () => {
    const { getConfig } = await import('app-builder-lib/out/util/config/config')
    // Through the package's entry: loading platformPackager on its own trips a circular import.
    const { PlatformPackager } = await import('app-builder-lib')
    const fuses = await import('@electron/fuses')
    const config: Configuration = await getConfig(root, null, null)
    expect(config.electronFuses, 'electron-builder.yml has no electronFuses').toBeTruthy()

    const binary = join(dir.path, 'brokerlens')
    const filler = Buffer.alloc(4096, 0x90)
    writeFileSync(
      binary,
      Buffer.concat([
        filler,
        Buffer.from(SENTINEL),
        Buffer.from([1, ELECTRON_DEFAULTS.length, ...ELECTRON_DEFAULTS]),
        filler,
      ]),
    )
    // The method electron-builder calls after packing (it reads nothing of the packager itself).
    const generate = (
      PlatformPackager.prototype as unknown as {
        generateFuseConfig(f: unknown): Promise<Parameters<typeof fuses.flipFuses>[1]>
      }
    ).generateFuseConfig
    await fuses.flipFuses(binary, await generate.call(undefined, config.electronFuses))
    wire = (await fuses.getCurrentFuseWire(binary)) as unknown as Record<string, number>
    names = fuses.FuseV1Options as unknown as Record<string, number>
    // The bytes around the wire are untouched: only the fuses changed.
    const after = readFileSync(binary)
    expect(after.subarray(0, 4096).equals(filler)).toBe(true)
    expect(after.length).toBe(4096 * 2 + SENTINEL.length + 2 + ELECTRON_DEFAULTS.length)
  }, 60_000)

  it.each(EXPECTED)('%s is %s (%s)', (name, state) => {
    const index = names[name]
    expect(index, `@electron/fuses has no ${name}`).toBeTypeOf('number')
    expect(wire[String(index)]).toBe(state === 'on' ? ENABLE : DISABLE)
  })

  it('leaves the fuses the config does not name as Electron shipped them', () => {
    // LoadBrowserProcessSpecificV8Snapshot (6) and the wire's ninth fuse.
    expect(wire['6']).toBe(ELECTRON_DEFAULTS[6])
    expect(wire['8']).toBe(ELECTRON_DEFAULTS[8])
  })

  it('is not overridden by the Flatpak build or `npm run dist`', () => {
    for (const file of ['flatpak/io.github.brokerlens.Brokerlens.yml', 'scripts/packaging/dist.mjs']) {
      const text = readFileSync(join(root, file), 'utf8')
      expect(text, file).not.toMatch(/electronFuses|disableFuses|disable-fuses/i)
    }
    expect(readFileSync(join(root, 'flatpak/io.github.brokerlens.Brokerlens.yml'), 'utf8')).toMatch(
      /electron-builder --linux dir/,
    )
  })
})
