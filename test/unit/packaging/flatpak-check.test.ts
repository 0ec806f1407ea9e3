// `npm run flatpak:check` against the real packaging files, and against temporary copies with one
// thing broken each, to prove that every kind of mistake is caught and named.
import { appendFileSync, cpSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import {
  APP_ID,
  ensureValidators,
  packagingPaths,
  pngSize,
  runFlatpakCheck,
  validatorsMissingMessage,
  type FlatpakSource,
  type PackagingPaths,
} from '../../../scripts/packaging/flatpak-check.mjs'
import { electronHeadersUrl, lockedElectronVersion } from '../../../scripts/packaging/electron-sources.mjs'
import { tempDir } from '../../support/temp-dir'

const root = resolve(__dirname, '..', '..', '..')
const realPaths = packagingPaths(root)

/** A copy of everything the check reads, with the real node_modules/electron and screenshots. */
function copyProject(): { paths: PackagingPaths; remove(): void } {
  const dir = tempDir('brokerlens-packaging-')
  for (const part of ['flatpak', 'resources', 'package.json', 'package-lock.json', 'electron-builder.yml']) {
    cpSync(join(root, part), join(dir.path, part), { recursive: true })
  }
  symlinkSync(join(root, 'docs'), join(dir.path, 'docs'))
  return { paths: { ...packagingPaths(dir.path), electronDir: realPaths.electronDir }, remove: dir.remove }
}

function edit(path: string, change: (text: string) => string): void {
  const before = readFileSync(path, 'utf8')
  const after = change(before)
  expect(after, `the test's edit of ${path} changed nothing`).not.toBe(before)
  writeFileSync(path, after)
}

function editSources(path: string, change: (sources: FlatpakSource[]) => FlatpakSource[]): void {
  edit(path, (text) => JSON.stringify(change(JSON.parse(text) as FlatpakSource[]), null, 2))
}

function errorsOf(paths: PackagingPaths, group: string, options: { release?: boolean } = {}): string[] {
  const { ok, groups } = runFlatpakCheck(paths, options)
  const found = groups.find((g) => g.name === group)
  expect(found, `no check group named ${group}`).toBeDefined()
  if (found!.errors.length > 0) expect(ok).toBe(false)
  return found!.errors
}

const flatpakDir = (paths: PackagingPaths) => join(paths.root, 'flatpak')

beforeAll(() => {
  // desktop-file-validate and appstreamcli: installed with apt-get when missing and running as root.
  const missing = ensureValidators()
  if (missing.length > 0) throw new Error(validatorsMissingMessage(missing))
}, 600_000)

describe('the real packaging files', () => {
  it('pass every check', () => {
    const { ok, groups } = runFlatpakCheck(realPaths)
    for (const group of groups) expect(group.errors, group.name).toEqual([])
    expect(ok).toBe(true)
    expect(groups.map((g) => g.name)).toEqual([
      'manifest',
      'npm sources',
      'Electron sources',
      'desktop file',
      'metainfo',
      'icons',
    ])
  })

  it('pass the release check exactly when the Electron headers are pinned', () => {
    const sources = JSON.parse(
      readFileSync(join(root, 'flatpak', 'electron-sources.json'), 'utf8'),
    ) as FlatpakSource[]
    const lock: unknown = JSON.parse(readFileSync(realPaths.lock, 'utf8'))
    const pinned = sources.some((s) => s.url === electronHeadersUrl(lockedElectronVersion(lock)))
    const normal = runFlatpakCheck(realPaths)
    const release = runFlatpakCheck(realPaths, { release: true })
    expect(release.ok).toBe(pinned)
    expect(normal.groups.flatMap((g) => g.pending).length).toBe(pinned ? 0 : 1)
  })

  it('have icons of the sizes their names say', () => {
    for (const size of [16, 32, 256, 512]) {
      expect(pngSize(join(realPaths.icons, `${size}x${size}.png`))).toEqual({ width: size, height: size })
    }
  })
})

describe('a broken copy', () => {
  let project: ReturnType<typeof copyProject>
  afterEach(() => project?.remove())

  it('is clean before it is broken', () => {
    project = copyProject()
    expect(runFlatpakCheck(project.paths).ok).toBe(true)
  })

  it('fails on a desktop file with a key the specification does not have', () => {
    project = copyProject()
    appendFileSync(project.paths.desktop, 'Colour=blue\n')
    const errors = errorsOf(project.paths, 'desktop file')
    expect(errors.join('\n')).toMatch(/key "Colour" in group "Desktop Entry"/)
  })

  it('fails on a desktop file whose icon is not the app id', () => {
    project = copyProject()
    edit(project.paths.desktop, (t) => t.replace(`Icon=${APP_ID}`, 'Icon=brokerlens'))
    expect(errorsOf(project.paths, 'desktop file')).toContain(
      `desktop file: Icon is brokerlens, not ${APP_ID}`,
    )
  })

  it('fails on metainfo without a release', () => {
    project = copyProject()
    edit(project.paths.metainfo, (t) => t.replace(/<releases>[\s\S]*<\/releases>/, ''))
    expect(errorsOf(project.paths, 'metainfo')).toContain(
      'metainfo: no <release> in <releases>: every version needs one, with its date',
    )
  })

  it("fails on metainfo without a release for package.json's version", () => {
    project = copyProject()
    edit(project.paths.metainfo, (t) => t.replace('<release version="0.1.0"', '<release version="0.0.9"'))
    expect(errorsOf(project.paths, 'metainfo').join('\n')).toMatch(/no <release version="0\.1\.0">/)
  })

  it('fails on metainfo that appstreamcli rejects', () => {
    project = copyProject()
    edit(project.paths.metainfo, (t) => t.replace(/<id>[^<]*<\/id>/, ''))
    const errors = errorsOf(project.paths, 'metainfo')
    expect(errors.some((e) => e.startsWith('E:') && e.includes('component-id-missing'))).toBe(true)
  })

  it('fails on a manifest whose npm sources miss a package', () => {
    project = copyProject()
    const lock = JSON.parse(readFileSync(project.paths.lock, 'utf8'))
    const zod = lock.packages['node_modules/zod'].version as string
    editSources(join(flatpakDir(project.paths), 'generated-sources.json'), (sources) =>
      sources.filter((s) => !(s.type === 'file' && s.url?.includes('/zod/-/zod-'))),
    )
    expect(errorsOf(project.paths, 'npm sources')).toContain(
      `zod@${zod} is in package-lock.json but no source downloads https://registry.npmjs.org/zod/-/zod-${zod}.tgz`,
    )
  })

  it('fails on npm sources with a tarball the lock does not install', () => {
    project = copyProject()
    editSources(join(flatpakDir(project.paths), 'generated-sources.json'), (sources) => {
      const template = sources.find((s) => s.type === 'file')!
      return [...sources, { ...template, url: 'https://registry.npmjs.org/left-pad/-/left-pad-1.3.0.tgz' }]
    })
    expect(errorsOf(project.paths, 'npm sources')).toContain(
      'https://registry.npmjs.org/left-pad/-/left-pad-1.3.0.tgz is downloaded but package-lock.json does not install it',
    )
  })

  it("fails on an npm source whose checksum is not the lock's integrity", () => {
    project = copyProject()
    editSources(join(flatpakDir(project.paths), 'generated-sources.json'), (sources) =>
      sources.map((s) =>
        s.type === 'file' && s.url?.includes('/ws/-/ws-') ? { ...s, sha512: 'f'.repeat(128) } : s,
      ),
    )
    expect(errorsOf(project.paths, 'npm sources').join('\n')).toMatch(
      /^ws@[\d.]+: the source's sha512 differs from package-lock.json's integrity$/m,
    )
  })

  it('fails on npm sources without the cache index entry npm looks up', () => {
    project = copyProject()
    editSources(join(flatpakDir(project.paths), 'generated-sources.json'), (sources) =>
      sources.filter((s) => !(s.type === 'inline' && String(s.contents).includes('/amqplib/-/amqplib-'))),
    )
    expect(errorsOf(project.paths, 'npm sources').join('\n')).toMatch(
      /^amqplib@[\d.]+: no npm cache index entry/m,
    )
  })

  it('fails on a finish-arg that opens the home folder, and on one outside the allowlist', () => {
    project = copyProject()
    edit(project.paths.manifest, (t) =>
      t.replace('  - --device=dri\n', '  - --device=dri\n  - --filesystem=home\n  - --socket=pulseaudio\n'),
    )
    const errors = errorsOf(project.paths, 'manifest')
    expect(errors.join('\n')).toMatch(/finish-arg --filesystem=home is forbidden/)
    expect(errors.join('\n')).toMatch(/finish-arg --socket=pulseaudio is not in the allowlist/)
  })

  it('fails on a manifest without a required permission', () => {
    project = copyProject()
    edit(project.paths.manifest, (t) => t.replace('  - --talk-name=org.freedesktop.secrets\n', ''))
    expect(errorsOf(project.paths, 'manifest')).toContain(
      'manifest: finish-arg --talk-name=org.freedesktop.secrets is missing',
    )
  })

  it('fails on a build that may use the network', () => {
    project = copyProject()
    edit(project.paths.manifest, (t) =>
      t.replace('    build-options:\n', '    build-options:\n      build-args:\n        - --share=network\n'),
    )
    expect(errorsOf(project.paths, 'manifest')).toContain(
      'manifest: the build must not have network access (build-args --share=network)',
    )
  })

  it('fails on a download the build does not need', () => {
    project = copyProject()
    editSources(join(flatpakDir(project.paths), 'generated-sources.json'), (sources) => [
      ...sources,
      {
        type: 'archive',
        url: 'https://playwright.azureedge.net/builds/chromium/1200/chromium-linux.zip',
        sha256: 'b'.repeat(64),
        dest: 'flatpak-node/cache/ms-playwright/chromium-1200',
      },
    ])
    expect(errorsOf(project.paths, 'manifest')).toContain(
      'manifest: https://playwright.azureedge.net/builds/chromium/1200/chromium-linux.zip is downloaded, but the build needs only npm tarballs and Electron',
    )
  })

  it('fails when the app id differs between the manifest and the other files', () => {
    project = copyProject()
    edit(project.paths.manifest, (t) => t.replace(`id: ${APP_ID}`, 'id: io.github.brokerlens.Other'))
    expect(errorsOf(project.paths, 'manifest')).toContain(
      `manifest: id is io.github.brokerlens.Other, not ${APP_ID}`,
    )
  })

  it('fails on another runtime version', () => {
    project = copyProject()
    edit(project.paths.manifest, (t) => t.replace("runtime-version: '24.08'", "runtime-version: '23.08'"))
    expect(errorsOf(project.paths, 'manifest')).toContain('manifest: runtime-version is "23.08", not "24.08"')
  })

  it('fails on a manifest that is not readable YAML, naming the line', () => {
    project = copyProject()
    edit(project.paths.manifest, (t) =>
      t.replace('command: brokerlens\n', 'command: brokerlens\n  oops: 1\n'),
    )
    expect(errorsOf(project.paths, 'manifest').join('\n')).toMatch(
      /io\.github\.brokerlens\.Brokerlens\.yml:\d+: /,
    )
  })

  it("fails on an Electron zip whose checksum is not electron's own", () => {
    project = copyProject()
    editSources(join(flatpakDir(project.paths), 'electron-sources.json'), (sources) =>
      sources.map((s) => (s.url?.endsWith('-linux-x64.zip') ? { ...s, sha256: '0'.repeat(64) } : s)),
    )
    expect(errorsOf(project.paths, 'Electron sources').join('\n')).toMatch(
      /linux-x64\.zip: sha256 differs from checksums\.json of electron/,
    )
  })

  it('passes the release check once the Electron headers are pinned, and fails it while they are not', () => {
    project = copyProject()
    const file = join(flatpakDir(project.paths), 'electron-sources.json')
    const lock: unknown = JSON.parse(readFileSync(project.paths.lock, 'utf8'))
    const url = electronHeadersUrl(lockedElectronVersion(lock))
    editSources(file, (sources) => sources.filter((s) => s.url !== url))
    expect(errorsOf(project.paths, 'Electron sources', { release: true }).join('\n')).toMatch(
      /headers are not pinned/,
    )
    expect(errorsOf(project.paths, 'Electron sources')).toEqual([])

    editSources(file, (sources) => [
      ...sources,
      { type: 'archive', url, sha256: 'a'.repeat(64), dest: 'flatpak-node/electron-headers' },
    ])
    expect(errorsOf(project.paths, 'Electron sources', { release: true })).toEqual([])
  })

  it('fails on a PNG icon of the wrong size', () => {
    project = copyProject()
    cpSync(join(project.paths.icons, '16x16.png'), join(project.paths.icons, '32x32.png'))
    expect(errorsOf(project.paths, 'icons')).toContain(
      `${join(project.paths.icons, '32x32.png')} is 16x16, not 32x32`,
    )
  })

  it('fails on a launcher that does not go through zypak', () => {
    project = copyProject()
    edit(join(flatpakDir(project.paths), 'brokerlens.sh'), (t) =>
      t.replace('exec zypak-wrapper /app/main/brokerlens', 'exec /app/main/brokerlens'),
    )
    expect(errorsOf(project.paths, 'manifest')).toContain(
      'brokerlens.sh: must start /app/main/brokerlens through zypak-wrapper',
    )
  })
})
