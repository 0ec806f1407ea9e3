// electron-builder.yml: loaded and validated by electron-builder itself, then used for a real
// packaging run against a stand-in Electron (the real one cannot be downloaded here) to see what
// goes into the app archive. The fuses are checked in the config: flipping them needs the real
// Electron binary.
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Configuration } from 'electron-builder'
import { parseYaml } from '../../../scripts/packaging/yaml-subset.mjs'
import { tempDir } from '../../support/temp-dir'

const root = resolve(__dirname, '..', '..', '..')
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>
  devDependencies: Record<string, string>
}
/** The packages the main process imports at run time: they must be in the archive. */
const MAIN_RUNTIME_PACKAGES = [
  'amqplib',
  'better-sqlite3',
  'kafkajs',
  'mqtt',
  'ws',
  'zod',
  'protobufjs',
  'cborg',
]

async function loadConfig(): Promise<Configuration> {
  const { getConfig, validateConfiguration } = await import('app-builder-lib/out/util/config/config')
  const { DebugLogger } = await import('builder-util')
  const config = await getConfig(root, null, null)
  await validateConfiguration(config, new DebugLogger(false))
  return config
}

/** The file patterns of the config, flattened. */
function filePatterns(config: Configuration): string[] {
  const files = Array.isArray(config.files) ? config.files : [config.files]
  return files.flatMap((entry) => {
    if (typeof entry === 'string') return [entry]
    if (entry && typeof entry === 'object' && 'filter' in entry) {
      const filter = entry.filter
      return Array.isArray(filter) ? filter : filter ? [filter] : []
    }
    return []
  })
}

/** Packages excluded with `!node_modules/<name>/**`. */
function excludedPackages(config: Configuration): string[] {
  return filePatterns(config)
    .map((pattern) => /^!node_modules\/((?:@[^/*]+\/?)?[^/*]*)\/\*\*$/.exec(pattern)?.[1])
    .filter((name): name is string => Boolean(name))
    .map((name) => name.replace(/\/$/, ''))
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return sourceFiles(path)
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : []
  })
}

describe('electron-builder.yml', () => {
  let config: Configuration
  beforeAll(async () => {
    config = await loadConfig()
  }, 60_000)

  it('is valid for electron-builder and names the app', () => {
    expect(config.appId).toBe('io.github.brokerlens.Brokerlens')
    expect(config.productName).toBe('Brokerlens')
    expect(config.linux?.executableName).toBe('brokerlens')
    expect(config.linux?.icon).toBe('resources/icons')
    expect(existsSync(join(root, String(config.mac?.icon)))).toBe(true)
    expect(existsSync(join(root, String(config.win?.icon)))).toBe(true)
  })

  it('builds AppImage (x64, arm64) and deb for Linux, a dmg for macOS and NSIS for Windows', () => {
    expect(config.linux?.target).toEqual([
      { target: 'AppImage', arch: ['x64', 'arm64'] },
      { target: 'deb', arch: ['x64', 'arm64'] },
    ])
    expect(config.mac?.target).toEqual([{ target: 'dmg', arch: ['arm64', 'x64'] }])
    expect(config.win?.target).toEqual([{ target: 'nsis', arch: ['x64'] }])
  })

  it('flips the fuses that close Node and debugging entry points', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    })
  })

  it('packs only the build output, rebuilds the native module when packaging and unpacks it', () => {
    const patterns = filePatterns(config)
    expect(patterns.filter((p) => !p.startsWith('!'))).toEqual(['out/**', 'package.json'])
    expect(patterns).toContain('!**/*.map')
    expect(config.asarUnpack).toEqual(['node_modules/better-sqlite3/**/*.node'])
    expect(config.npmRebuild).toBe(true)
    // Nothing re-includes a dev dependency (electron-builder leaves them out by itself).
    for (const dev of Object.keys(pkg.devDependencies)) {
      expect(patterns.some((p) => !p.startsWith('!') && p.includes(dev))).toBe(false)
    }
  })

  it('leaves out only renderer packages that the main process never imports', () => {
    const excluded = excludedPackages(config)
    expect(excluded).toContain('monaco-editor')
    for (const name of excluded) {
      const direct = Object.keys(pkg.dependencies).some((dep) => dep === name || dep.startsWith(`${name}/`))
      expect(direct, `${name} is not a dependency: the exclusion is stale`).toBe(true)
    }
    const importers: string[] = []
    for (const file of [
      ...sourceFiles(join(root, 'src', 'main')),
      ...sourceFiles(join(root, 'src', 'shared')),
    ]) {
      const text = readFileSync(file, 'utf8')
      for (const m of text.matchAll(/(?:from|import|require)\s*\(?\s*['"]([^'"./][^'"]*)['"]/g)) {
        const spec = m[1]!
        if (excluded.some((name) => spec === name || spec.startsWith(`${name}/`)))
          importers.push(`${file}: ${spec}`)
      }
    }
    expect(importers).toEqual([])
  })
})

describe('a packaging run with a stand-in Electron', () => {
  const work = tempDir('brokerlens-builder-')
  const project = join(work.path, 'project')
  const output = join(work.path, 'dist')
  let archive: string[]
  let unpacked: string

  beforeAll(async () => {
    // A project with the real package.json, lock and node_modules, and a small build output.
    mkdirSync(project)
    for (const file of ['package.json', 'package-lock.json']) {
      writeFileSync(join(project, file), readFileSync(join(root, file)))
    }
    symlinkSync(join(root, 'node_modules'), join(project, 'node_modules'))
    for (const [file, text] of Object.entries({
      'out/main/index.js': 'import "./chunks/core.js"\n',
      'out/main/chunks/core.js': 'export {}\n',
      'out/main/index.js.map': '{}\n',
      'out/preload/index.cjs': '"use strict"\n',
      'out/renderer/index.html': '<!doctype html>\n',
      'src/main/index.ts': 'export {}\n',
    })) {
      mkdirSync(join(project, file, '..'), { recursive: true })
      writeFileSync(join(project, file), text)
    }
    // Electron's folder layout with a script for its binary.
    const electron = join(work.path, 'electron')
    mkdirSync(join(electron, 'resources'), { recursive: true })
    writeFileSync(join(electron, 'electron'), '#!/bin/sh\n', { mode: 0o755 })

    // The real config; fuses off (they patch the real binary) and no native rebuild (it needs
    // Electron's headers): what goes into the archive does not depend on either.
    const config = parseYaml(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as Record<
      string,
      unknown
    >
    delete config['electronFuses']
    Object.assign(config, {
      electronDist: electron,
      npmRebuild: false,
      directories: { ...(config['directories'] as object), output },
    })
    writeFileSync(join(project, 'electron-builder.json'), JSON.stringify(config))

    const { build, Platform, Arch } = await import('electron-builder')
    await build({
      projectDir: project,
      config: join(project, 'electron-builder.json'),
      targets: Platform.LINUX.createTarget('dir', Arch.x64),
      publish: 'never',
    })
    const resources = join(output, 'linux-unpacked', 'resources')
    const { listPackage } = await import('@electron/asar')
    archive = listPackage(join(resources, 'app.asar'), { isPack: false })
    unpacked = join(resources, 'app.asar.unpacked')
  }, 180_000)
  afterAll(() => work.remove())

  const topPackages = () =>
    new Set(
      archive
        .map((path) =>
          /^[/\\]node_modules[/\\]((?:@[^/\\]+[/\\])?[^/\\]+)/.exec(path)?.[1]?.replace(/\\/g, '/'),
        )
        .filter((name): name is string => Boolean(name)),
    )

  it('holds the build output and package.json, without sources or source maps', () => {
    const own = archive.filter((path) => !/^[/\\]node_modules/.test(path)).map((p) => p.replace(/\\/g, '/'))
    expect(own).toContain('/out/main/index.js')
    expect(own).toContain('/out/main/chunks/core.js')
    expect(own).toContain('/out/preload/index.cjs')
    expect(own).toContain('/out/renderer/index.html')
    expect(own).toContain('/package.json')
    expect(own.filter((p) => p.startsWith('/src'))).toEqual([])
    expect(archive.filter((p) => p.endsWith('.map'))).toEqual([])
  })

  it("holds the main process's dependencies and no dev dependency", () => {
    const packages = topPackages()
    for (const name of MAIN_RUNTIME_PACKAGES) expect(packages.has(name), name).toBe(true)
    // Dev-only per the lock; a devDependency that a runtime package also needs (@types/node) is not.
    const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as {
      packages: Record<string, { dev?: boolean }>
    }
    const devOnly = [...packages].filter((name) => lock.packages[`node_modules/${name}`]?.dev === true)
    expect(devOnly).toEqual([])
    for (const dev of [
      'electron',
      'electron-builder',
      'electron-vite',
      'vite',
      'vitest',
      'typescript',
      'eslint',
    ]) {
      expect(packages.has(dev), dev).toBe(false)
    }
    for (const renderer of ['monaco-editor', 'react', 'react-dom', '@tabler/icons-react']) {
      expect(packages.has(renderer), renderer).toBe(false)
    }
  })

  it('keeps better-sqlite3 loadable: its code in the archive, its .node file unpacked, no C sources', () => {
    expect(archive.map((p) => p.replace(/\\/g, '/'))).toContain('/node_modules/better-sqlite3/lib/index.js')
    expect(
      existsSync(join(unpacked, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node')),
    ).toBe(true)
    expect(archive.filter((p) => /better-sqlite3[/\\](deps|src)[/\\]/.test(p))).toEqual([])
  })
})
